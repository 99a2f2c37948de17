import { randomUUID } from 'node:crypto'
import { TOPICS, makeEnvelope } from '@hotline-hub/contracts'
import type { Bus } from '@hotline-hub/bus'
import type { Sql } from '@hotline-hub/db'
import type { CaseFacts } from '../tracking/case-facts.ts'
import type { CaseTracker } from '../tracking/tracker.ts'
import { toPauses, warningBasisOf, type DeadlineKind, type SlaPolicy } from './policy.ts'
import { recordLive } from './live.ts'
import { breachMessage, noticeText, warningMessage } from './wording.ts'

/**
 * The data of an SLA alert.raised.v1 (and of its live stream message).
 * alertId, kind, severity, message, caseIds are the contract's; the rest
 * is this alert's own (docs/deadlines.md).
 */
export interface SlaAlert {
  alertId: string
  /** `sla.warning` (预警) or `sla.breach` (超期) */
  kind: 'sla.warning' | 'sla.breach'
  /** `warning` for 预警, `critical` for 超期 */
  severity: 'warning' | 'critical'
  message: string
  caseIds: string[]
  caseId: string
  /** The department (承办单位) the case is with; null before 派单. */
  department: string | null
  /** Which deadline: response (响应) or resolution (办结). */
  deadline: DeadlineKind
  dueAt: string
  raisedAt: string
  rule: string | null
  /** Share of the allowed time spent when raised. */
  elapsedFraction: number
  /** Minutes past the deadline when raised (0 for a warning). */
  lateMinutes: number
  /** The 督办 notice of a breach. */
  noticeId: string | null
  channel: string
  topic: string | null
  district: string | null
  urgency: string | null
  appealType: string | null
}

export interface RaiseDeps {
  bus: Bus
  tracker: CaseTracker
  policy: SlaPolicy
}

function alertOf(f: CaseFacts, kind: DeadlineKind, due: Date, now: Date, policy: SlaPolicy, breach: boolean, noticeId: string | null): SlaAlert {
  const rule = policy.ruleFor(f, kind)
  const basis = rule ? warningBasisOf(rule.duration) : 'clock'
  const fraction = policy.calendar.elapsedFraction(f.receivedAt, due, now, kind === 'resolution' ? toPauses(f.pauses) : [], { basis })
  return {
    alertId: randomUUID(),
    kind: breach ? 'sla.breach' : 'sla.warning',
    severity: breach ? 'critical' : 'warning',
    message: breach ? breachMessage(f, kind, due) : warningMessage(f, kind, due, Math.min(fraction, 1)),
    caseIds: [f.caseId],
    caseId: f.caseId,
    department: f.department,
    deadline: kind,
    dueAt: due.toISOString(),
    raisedAt: now.toISOString(),
    rule: rule?.id ?? null,
    elapsedFraction: Math.round(fraction * 10_000) / 10_000,
    lateMinutes: breach ? Math.max(0, Math.floor((now.getTime() - due.getTime()) / 60_000)) : 0,
    noticeId,
    channel: f.channel,
    topic: f.topic,
    district: f.district,
    urgency: f.urgency,
    appealType: f.appealType,
  }
}

async function publish(tx: Sql, deps: RaiseDeps, alert: SlaAlert, now: Date): Promise<void> {
  await deps.bus.publish(tx, [
    { topic: TOPICS.alertRaised, key: alert.alertId, envelope: makeEnvelope(TOPICS.alertRaised, { source: 'escalation', caseId: alert.caseId, data: alert, occurredAt: now }) },
  ])
}

/** 预警: one warning, in `tx`: the timer marked fired, alert.raised.v1 in the outbox, a live message. */
export async function raiseWarning(tx: Sql, deps: RaiseDeps, f: CaseFacts, kind: DeadlineKind, due: Date, now: Date): Promise<SlaAlert | null> {
  const alert = alertOf(f, kind, due, now, deps.policy, false, null)
  const marked = await tx.query(
    `UPDATE escalation.sla_timers SET fired_at = $4, alert_id = $5 WHERE case_id = $1 AND kind = $2 AND stage = $3 AND fired_at IS NULL RETURNING case_id`,
    [f.caseId, kind, 'warning', now, alert.alertId],
  )
  if (marked.length === 0) return null
  await publish(tx, deps, alert, now)
  await recordLive(tx, alert.kind, { ...alert })
  return alert
}

/**
 * 超期 + 督办: one breach, in `tx`: the timer marked fired (a warning not
 * raised yet is skipped), the 督办 notice to the department, the case marked
 * overdue (so the rollups count it), alert.raised.v1 in the outbox, a live message.
 */
export async function raiseBreach(tx: Sql, deps: RaiseDeps, f: CaseFacts, kind: DeadlineKind, due: Date, now: Date): Promise<SlaAlert | null> {
  const noticeId = randomUUID()
  const alert = alertOf(f, kind, due, now, deps.policy, true, noticeId)
  const marked = await tx.query(
    `UPDATE escalation.sla_timers SET fired_at = $4, alert_id = $5 WHERE case_id = $1 AND kind = $2 AND stage = $3 AND fired_at IS NULL RETURNING case_id`,
    [f.caseId, kind, 'breach', now, alert.alertId],
  )
  if (marked.length === 0) return null
  await tx.query(`UPDATE escalation.sla_timers SET fired_at = $3 WHERE case_id = $1 AND kind = $2 AND stage = 'warning' AND fired_at IS NULL`, [f.caseId, kind, now])
  const notice = await tx.query(
    `INSERT INTO escalation.sla_notices (notice_id, case_id, department, kind, due_at, breached_at, text) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (case_id, kind) DO NOTHING RETURNING notice_id`,
    [noticeId, f.caseId, f.department ?? '', kind, due, now, noticeText(f, kind, due, now)],
  )
  if (notice.length === 0) alert.noticeId = null
  if (!f.overdue) await deps.tracker.update(tx, f.caseId, (x) => ({ ...x, overdue: true }))
  await publish(tx, deps, alert, now)
  await recordLive(tx, alert.kind, { ...alert })
  return alert
}
