import { TOPICS } from '@hotline-hub/contracts'
import type { Bus, Subscription } from '@hotline-hub/bus'
import type { CaseTracker } from './tracker.ts'

/**
 * case.received, case.lifecycle and case.classified → case facts, rollups
 * and whatever the parts hooked on the tracker do, all in the transaction
 * that records the event as processed: exactly once.
 */
export function consumeCaseEvents(bus: Bus, tracker: CaseTracker, batchSize = 200): Promise<Subscription> {
  return bus.subscribe({
    group: 'escalation',
    topics: [TOPICS.caseReceived, TOPICS.caseLifecycle, TOPICS.caseClassified],
    processedTable: 'escalation.processed_events',
    batchSize,
    handler: (event, tx) => tracker.onEvent(tx, event.topic, event.envelope),
  })
}
