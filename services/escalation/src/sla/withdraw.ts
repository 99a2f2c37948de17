import { randomUUID } from 'node:crypto'
import { TOPICS, makeEnvelope } from '@hotline-hub/contracts'
import type { Bus } from '@hotline-hub/bus'
import type { Sql } from '@hotline-hub/db'
import type { CaseFacts } from '../tracking/case-facts.ts'
import type { CaseTracker } from '../tracking/tracker.ts'
import { recordLive } from './live.ts'
import type { DeadlineKind } from './policy.ts'
import { firstContactOf } from './first-contact.ts'
import { chinaTime, kindWord } from './wording.ts'

export interface WithdrawDeps {
  bus: Bus
  tracker: CaseTracker
  now: () => Date
}

const dueOf = (f: CaseFacts, kind: DeadlineKind) => (kind === 'response' ? f.responseDueAt : f.resolutionDueAt)
const metAtOf = (f: CaseFacts, kind: DeadlineKind) => (kind === 'response' ? firstContactOf(f) : f.closedAt)
/** The facts show the deadline met: done, and no later than it was due. */
const metInTime = (f: CaseFacts, kind: DeadlineKind) => {
  const due = dueOf(f, kind)
  const at = metAtOf(f, kind)
  return at !== null && due !== null && at <= due
}

/**
 * 撤销误报: the clock goes by the facts it has. When the event that met a
 * deadline (签收, 办结) reaches escalation after the clock already raised the
 * breach (the consumer was behind, a replay), the facts now show the deadline
 * met: the breach is withdrawn — its timer and 督办 notice marked withdrawn,
 * an `sla.breach.withdrawn` alert and live message, and the case no longer
 * overdue unless another deadline really was missed. Runs in the change's
 * transaction.
 */
export async function withdrawFalseBreaches(tx: Sql, deps: WithdrawDeps, f: CaseFacts): Promise<number> {
  const fired = await tx.query<{ kind: DeadlineKind; alert_id: string }>(
    `SELECT kind, alert_id FROM escalation.sla_timers WHERE case_id = $1 AND stage = 'breach' AND alert_id IS NOT NULL AND withdrawn_at IS NULL`,
    [f.caseId],
  )
  const wrong = fired.filter((r) => metInTime(f, r.kind))
  if (wrong.length === 0) return 0
  const now = deps.now()
  for (const r of wrong) {
    await tx.query(`UPDATE escalation.sla_timers SET withdrawn_at = $3 WHERE case_id = $1 AND kind = $2 AND stage = 'breach'`, [f.caseId, r.kind, now])
    await tx.query(`UPDATE escalation.sla_notices SET withdrawn_at = $3 WHERE case_id = $1 AND kind = $2 AND withdrawn_at IS NULL`, [f.caseId, r.kind, now])
    const alert = {
      alertId: randomUUID(),
      kind: 'sla.breach.withdrawn',
      severity: 'info',
      message:
        `撤销超期督办：诉求件 ${f.caseId} 已于 ${chinaTime(metAtOf(f, r.kind)!)} ${r.kind === 'response' ? '首次联系诉求人' : '办结'}，` +
        `未超过${kindWord(r.kind)}时限（${chinaTime(dueOf(f, r.kind)!)}），此前的超期提醒作废。`,
      caseIds: [f.caseId],
      caseId: f.caseId,
      department: f.department,
      deadline: r.kind,
      dueAt: dueOf(f, r.kind)!.toISOString(),
      metAt: metAtOf(f, r.kind)!.toISOString(),
      withdraws: r.alert_id,
      raisedAt: now.toISOString(),
    }
    await deps.bus.publish(tx, [
      { topic: TOPICS.alertRaised, key: alert.alertId, envelope: makeEnvelope(TOPICS.alertRaised, { source: 'escalation', caseId: f.caseId, data: alert, occurredAt: now }) },
    ])
    await recordLive(tx, alert.kind, alert)
  }
  const stillMissed = fired.some((r) => !metInTime(f, r.kind)) || (f.closedAt !== null && f.resolutionDueAt !== null && f.closedAt > f.resolutionDueAt)
  if (f.overdue && !stillMissed) await deps.tracker.update(tx, f.caseId, (x) => ({ ...x, overdue: false }))
  return wrong.length
}
