import type { Bus } from '@hotline-hub/bus'
import type { Sql } from '@hotline-hub/db'
import { isOpen, type CaseFacts } from '../tracking/case-facts.ts'
import type { CaseTracker } from '../tracking/tracker.ts'
import { toPauses, warningBasisOf, type DeadlineKind, type SlaPolicy } from './policy.ts'
import { firstContactOf } from './first-contact.ts'
import { withdrawFalseBreaches } from './withdraw.ts'

/** 预警 warning or 超期 breach. */
export type TimerStage = 'warning' | 'breach'

/** One planned moment of a case's deadline: when its warning or breach is due. */
export interface PlannedTimer {
  kind: DeadlineKind
  stage: TimerStage
  fireAt: Date
  dueAt: Date
}

/**
 * The timers a case needs now, from its facts:
 * - response (响应): while the case is open and nobody has contacted the caller yet;
 * - resolution (办结): while the case is open and its clock runs (an open 补正
 *   pause leaves no due date, hence no timer, until it ends).
 * The warning is at the policy's warningFraction of the allowed time, measured
 * on working days for working-day deadlines (calendar.warningAt with the pauses).
 */
export function planTimers(f: CaseFacts, policy: SlaPolicy): PlannedTimer[] {
  if (!isOpen(f)) return []
  const out: PlannedTimer[] = []
  const add = (kind: DeadlineKind, due: Date) => {
    const rule = policy.ruleFor(f, kind)
    const basis = rule ? warningBasisOf(rule.duration) : 'clock'
    const pauses = kind === 'resolution' ? toPauses(f.pauses) : []
    const warn = policy.calendar.warningAt(f.receivedAt, due, pauses, { fraction: policy.warningFraction, basis })
    if (warn && warn < due) out.push({ kind, stage: 'warning', fireAt: warn, dueAt: due })
    out.push({ kind, stage: 'breach', fireAt: due, dueAt: due })
  }
  if (f.responseDueAt && firstContactOf(f) === null) add('response', f.responseDueAt)
  if (f.resolutionDueAt) add('resolution', f.resolutionDueAt)
  return out
}

/**
 * Makes the case's unfired timers what the plan says: moves those that are
 * planned, removes those that are not. A timer that fired stays as it is (it
 * is the record that the warning or breach was raised, once).
 * Call only while holding the case's row lock.
 */
export async function syncTimers(tx: Sql, caseId: string, plan: readonly PlannedTimer[]): Promise<void> {
  const keep = plan.map((p) => `${p.kind}:${p.stage}`)
  await tx.query(
    `DELETE FROM escalation.sla_timers WHERE case_id = $1 AND fired_at IS NULL AND NOT ((kind || ':' || stage) = ANY($2::text[]))`,
    [caseId, keep],
  )
  if (plan.length === 0) return
  const values = plan.map((_, i) => `($1, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}::timestamptz, $${i * 4 + 5}::timestamptz)`).join(', ')
  await tx.query(
    `INSERT INTO escalation.sla_timers (case_id, kind, stage, fire_at, due_at) VALUES ${values}
     ON CONFLICT (case_id, kind, stage) DO UPDATE SET fire_at = EXCLUDED.fire_at, due_at = EXCLUDED.due_at
     WHERE escalation.sla_timers.fired_at IS NULL`,
    [caseId, ...plan.flatMap((p) => [p.kind, p.stage, p.fireAt, p.dueAt])],
  )
}

/** What the timers depend on; a change that leaves it alone needs no work. */
function timerInputs(f: CaseFacts): string {
  return JSON.stringify([
    isOpen(f), firstContactOf(f) === null, f.receivedAt, f.responseDueAt, f.resolutionDueAt, f.pauses, f.urgency, f.appealType, f.channel, f.topic,
  ])
}

/** What decides whether a raised breach still holds: when the deadlines were due and when they were met. */
const outcome = (f: CaseFacts) => JSON.stringify([firstContactOf(f), f.closedAt, f.responseDueAt, f.resolutionDueAt])

export interface WatchOptions {
  policy: () => SlaPolicy
  bus: Bus
  now: () => Date
}

/**
 * Deadlines react to changes: every change of a case re-plans its timers in
 * the same transaction (a case closed, contacted, paused, re-tagged or
 * re-dispatched before its deadline never breaches), and a breach that the
 * facts now show was met in time (its event came late) is withdrawn.
 */
export function watchDeadlines(tracker: CaseTracker, o: WatchOptions): void {
  tracker.onChange(async (tx, { before, after }) => {
    if (!before || timerInputs(before) !== timerInputs(after)) await syncTimers(tx, after.caseId, planTimers(after, o.policy()))
    if (before && after.overdue && outcome(before) !== outcome(after)) await withdrawFalseBreaches(tx, { bus: o.bus, tracker, now: o.now }, after)
  })
}
