import { TOPICS, type CaseClassified, type CaseLifecycle, type CaseReceived, type EventEnvelope } from '@hotline-hub/contracts'
import type { Sql } from '@hotline-hub/db'
import type { SlaPolicy } from '../sla/policy.ts'
import { withDeadlines } from './deadlines.ts'
import { applyClassification, applyLifecycle, receivedFacts, type CaseFacts } from './case-facts.ts'
import { loadFacts, saveFacts } from './case-store.ts'
import { applyRollup, countedOf, rollupDelta, type Counted } from './rollup.ts'

/** A case before and after something happened to it; `envelope` is null when the SLA clock moved it. */
export interface CaseChange {
  before: CaseFacts | null
  after: CaseFacts
  topic: string | null
  envelope: EventEnvelope | null
}

/** Work that follows a change of a case, in the same transaction (SLA timers, emergency triggers, the live stream). */
export type ChangeHook = (tx: Sql, change: CaseChange) => Promise<void>

/**
 * Keeps escalation.cases and the daily rollups current from the events, and
 * hands every change to the hooks. Deadlines are recomputed from the SLA
 * policy whenever what they depend on changes.
 */
export class CaseTracker {
  private readonly hooks: ChangeHook[] = []

  constructor(private readonly policy: () => SlaPolicy) {}

  onChange(hook: ChangeHook): void {
    this.hooks.push(hook)
  }

  /** Applies one consumed event (case.received, case.lifecycle or case.classified) in `tx`. */
  async onEvent(tx: Sql, topic: string, envelope: EventEnvelope): Promise<void> {
    const caseId = envelope.caseId
    if (!caseId) return
    const stored = await loadFacts(tx, caseId)
    if (topic === TOPICS.caseReceived) {
      if (stored) return // the same case received again (a replay): nothing new
      // Each step starts from what was stored (deadlines included), so the rollup counts move right.
      let facts = await this.save(tx, null, null, receivedFacts(envelope.data as CaseReceived), topic, envelope)
      // Events about this case that came before it, in the order they happened.
      const early = await tx.query<{ topic: string; envelope: EventEnvelope }>(
        'DELETE FROM escalation.early_events WHERE case_id = $1 RETURNING topic, envelope, occurred_at',
        [caseId],
      )
      early.sort((a, b) => a.envelope.occurredAt.localeCompare(b.envelope.occurredAt))
      for (const e of early) {
        const before = facts
        facts = await this.save(tx, before, countedOf(before), apply(before, e.topic, e.envelope), e.topic, e.envelope)
      }
      return
    }
    if (!stored) {
      await tx.query(
        'INSERT INTO escalation.early_events (event_id, case_id, topic, envelope, occurred_at) VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT DO NOTHING',
        [envelope.id, caseId, topic, JSON.stringify(envelope), envelope.occurredAt],
      )
      return
    }
    await this.save(tx, stored.facts, stored.counted, apply(stored.facts, topic, envelope), topic, envelope)
  }

  /** A change that no event brought (the SLA clock marking a case overdue, a 补正 pause); returns the stored facts, deadlines recomputed. */
  async update(tx: Sql, caseId: string, change: (f: CaseFacts) => CaseFacts): Promise<CaseFacts | null> {
    const stored = await loadFacts(tx, caseId)
    if (!stored) return null
    return this.save(tx, stored.facts, stored.counted, change(stored.facts), null, null)
  }

  /** Stores the facts (deadlines recomputed), moves the rollup counts, runs the hooks; returns what was stored. */
  private async save(tx: Sql, before: CaseFacts | null, counted: Counted | null, next: CaseFacts, topic: string | null, envelope: EventEnvelope | null): Promise<CaseFacts> {
    const after = withDeadlines(this.policy(), before, next)
    const now = countedOf(after)
    await saveFacts(tx, after, now)
    await applyRollup(tx, rollupDelta(counted, now))
    for (const hook of this.hooks) await hook(tx, { before, after, topic, envelope })
    return after
  }
}

function apply(f: CaseFacts, topic: string, e: EventEnvelope): CaseFacts {
  if (topic === TOPICS.caseLifecycle) return applyLifecycle(f, e.data as CaseLifecycle)
  if (topic === TOPICS.caseClassified) return applyClassification(f, e.data as CaseClassified)
  return f
}
