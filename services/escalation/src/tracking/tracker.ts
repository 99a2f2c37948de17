import { TOPICS, type CaseClassified, type CaseLifecycle, type CaseReceived, type EventEnvelope } from '@hotline-hub/contracts'
import type { Sql } from '@hotline-hub/db'
import type { SlaPolicy } from '../sla/policy.ts'
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
      let facts = receivedFacts(envelope.data as CaseReceived)
      await this.save(tx, null, null, facts, topic, envelope)
      // Events about this case that came before it, in the order they happened.
      const early = await tx.query<{ topic: string; envelope: EventEnvelope }>(
        'DELETE FROM escalation.early_events WHERE case_id = $1 RETURNING topic, envelope, occurred_at',
        [caseId],
      )
      early.sort((a, b) => a.envelope.occurredAt.localeCompare(b.envelope.occurredAt))
      for (const e of early) {
        const before = facts
        facts = apply(before, e.topic, e.envelope)
        await this.save(tx, before, countedOf(before), facts, e.topic, e.envelope)
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

  /** A change that no event brought (the SLA clock marking a case overdue, a 补正 pause). */
  async update(tx: Sql, caseId: string, change: (f: CaseFacts) => CaseFacts): Promise<CaseFacts | null> {
    const stored = await loadFacts(tx, caseId)
    if (!stored) return null
    const after = change(stored.facts)
    await this.save(tx, stored.facts, stored.counted, after, null, null)
    return after
  }

  private async save(tx: Sql, before: CaseFacts | null, counted: Counted | null, next: CaseFacts, topic: string | null, envelope: EventEnvelope | null): Promise<void> {
    const after = this.withDeadlines(before, next)
    const now = countedOf(after)
    await saveFacts(tx, after, now)
    await applyRollup(tx, rollupDelta(counted, now))
    for (const hook of this.hooks) await hook(tx, { before, after, topic, envelope })
  }

  /** Recomputes the deadlines when what they depend on changed (or they were never computed). */
  private withDeadlines(before: CaseFacts | null, f: CaseFacts): CaseFacts {
    const same =
      before !== null &&
      before.slaRule !== null &&
      before.urgency === f.urgency &&
      before.appealType === f.appealType &&
      before.topic === f.topic &&
      JSON.stringify(before.pauses) === JSON.stringify(f.pauses)
    if (same && f.slaRule !== null) return f
    const d = this.policy().deadlines(f)
    const out: CaseFacts = { ...f, slaRule: d.rule, responseDueAt: d.responseDue, resolutionDueAt: d.resolutionDue, deadlineProvisional: d.provisional }
    // A case closed before a late-arriving tag moved its deadline: judge the closing against the new one.
    if (out.closedAt && out.resolutionDueAt) out.overdue = out.closedAt > out.resolutionDueAt
    return out
  }
}

function apply(f: CaseFacts, topic: string, e: EventEnvelope): CaseFacts {
  if (topic === TOPICS.caseLifecycle) return applyLifecycle(f, e.data as CaseLifecycle)
  if (topic === TOPICS.caseClassified) return applyClassification(f, e.data as CaseClassified)
  return f
}
