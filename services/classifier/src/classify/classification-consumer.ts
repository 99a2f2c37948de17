import { TOPICS, makeEnvelope, type CaseClassified, type CaseReceived } from '@hotline-hub/contracts'
import type { Bus, Subscription } from '@hotline-hub/bus'
import type { Sql } from '@hotline-hub/db'
import type { CaseClassifier } from './case-classifier.ts'
import { applyCorrections, correctionsOf } from './corrections.ts'
import { messageText } from '../topic/dataset.ts'

/**
 * case.received.v1 → case.classified.v1. The classification row, the
 * published event and the processed-event id are written in one transaction:
 * each case is classified exactly once however often the event is delivered.
 * A case that cannot be classified is retried, then sent to the `.dlq` topic,
 * and the consumer moves on.
 */
export function consumeReceivedCases(bus: Bus, classifier: () => CaseClassifier, batchSize = 100): Promise<Subscription> {
  return bus.subscribe({
    group: 'classifier',
    topics: [TOPICS.caseReceived],
    processedTable: 'classifier.processed_events',
    batchSize,
    handler: async (event, tx) => {
      const c = (event.envelope.data as CaseReceived).case
      const model = classifier()
      const result = applyCorrections(model.classify({ title: c.title, content: c.content, location: c.location }), await correctionsOf(tx, c.id))
      await saveAndPublish(tx, bus, { caseId: c.id, eventId: event.envelope.id, text: messageText(c.title, c.content), result })
    },
  })
}

/** Stores a case's classification and publishes it, in the caller's transaction. */
export async function saveAndPublish(
  tx: Sql,
  bus: Bus,
  o: { caseId: string; eventId: string; text: string; result: CaseClassified },
): Promise<void> {
  await tx.query(
    `INSERT INTO classifier.classifications (case_id, event_id, model_version, text, result) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (case_id) DO UPDATE SET event_id = EXCLUDED.event_id, model_version = EXCLUDED.model_version,
       text = EXCLUDED.text, result = EXCLUDED.result, classified_at = now()`,
    [o.caseId, o.eventId, o.result.modelVersion, o.text, JSON.stringify(o.result)],
  )
  await bus.publish(tx, [
    { topic: TOPICS.caseClassified, key: o.caseId, envelope: makeEnvelope(TOPICS.caseClassified, { source: 'classifier', caseId: o.caseId, data: o.result }) },
  ])
}
