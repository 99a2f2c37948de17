import { TOPICS, type CaseClassified, type CaseLifecycle, type CaseReceived, type EventEnvelope } from '@hotline-hub/contracts'
import type { SlaPolicy } from '../sla/policy.ts'
import { applyClassification, applyLifecycle, receivedFacts, type CaseFacts } from '../tracking/case-facts.ts'
import { withDeadlines } from '../tracking/deadlines.ts'

/** One event of a case's history, as the consumer would receive it. */
export interface HistoryEvent {
  topic: string
  envelope: EventEnvelope
}

function apply(f: CaseFacts, e: HistoryEvent): CaseFacts {
  if (e.topic === TOPICS.caseLifecycle) return applyLifecycle(f, e.envelope.data as CaseLifecycle)
  if (e.topic === TOPICS.caseClassified) return applyClassification(f, e.envelope.data as CaseClassified)
  return f
}

/** What the deadlines depend on changed (the tracker's test; channel and receipt never change). */
const inputsChanged = (a: CaseFacts, b: CaseFacts) =>
  a.urgency !== b.urgency || a.appealType !== b.appealType || a.topic !== b.topic || (a.pauses !== b.pauses && JSON.stringify(a.pauses) !== JSON.stringify(b.pauses))

/** Lifecycle actions whose effect reads the deadlines (applyLifecycle: 办结 is judged against the resolution deadline). */
const READS_DEADLINES = new Set(['close'])

/**
 * The facts of one case after its whole history, as the consumer leaves
 * them: case.received first (a repeat is ignored), events that came before
 * it applied right after it in the order they happened, then the rest in
 * order. Null when the history has no case.received (the consumer parks
 * such events and counts nothing).
 *
 * The consumer recomputes the deadlines whenever what they depend on
 * changes; computing them costs more than the rest of the fold. Here they
 * are computed when something reads them — before a 办结, at the end — or
 * at once when the change finds the case closed (the tracker then judges
 * the closing against the new deadline). Between a change and its reader
 * only events that neither read the deadlines nor set 办结 happen, so the
 * result is the consumer's; a test folds random histories both ways.
 */
export function foldCase(policy: SlaPolicy, history: readonly HistoryEvent[]): { facts: CaseFacts; received: CaseReceived } | null {
  const first = history.findIndex((e) => e.topic === TOPICS.caseReceived)
  if (first < 0) return null
  const received = history[first]!.envelope.data as CaseReceived
  const early = history.slice(0, first).sort((a, b) => a.envelope.occurredAt.localeCompare(b.envelope.occurredAt))
  let facts = receivedFacts(received)
  let stale = true
  const settle = () => {
    if (stale) facts = withDeadlines(policy, null, facts)
    stale = false
  }
  for (const list of [early, history.slice(first + 1)])
    for (const e of list) {
      if (e.topic === TOPICS.caseReceived) continue
      if (e.topic === TOPICS.caseLifecycle && READS_DEADLINES.has((e.envelope.data as CaseLifecycle).action)) settle()
      const next = apply(facts, e)
      if (!inputsChanged(facts, next)) facts = next
      else if (next.closedAt) {
        facts = withDeadlines(policy, null, next)
        stale = false
      } else {
        facts = next
        stale = true
      }
    }
  settle()
  return { facts, received }
}
