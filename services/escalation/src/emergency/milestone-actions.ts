import { randomUUID } from 'node:crypto'
import { errors } from '../errors.ts'
import type { EmergencyContext } from './context.ts'
import { meetDeadlines, responsibleFor } from './deadlines.ts'
import { stageLabel } from './grades.ts'
import { addReview, getIncident } from './incident-store.ts'
import { closeLedgerEntry, recordLedger } from './ledger/ledger-store.ts'
import { recordLive } from './live.ts'
import { withReport, type Who } from './report-actions.ts'

function checkedTime(ctx: EmergencyContext, at: string | undefined, notBefore: Date, pointer: string): Date {
  const now = ctx.now()
  const t = at ? new Date(at) : now
  if (Number.isNaN(t.getTime()) || t < notBefore || t.getTime() > now.getTime() + 60_000) {
    throw errors.create('EMERGENCY_TIME_OUT_OF_RANGE', { pointer, detail: `${at} is not between ${notBefore.toISOString()} and now` })
  }
  return t
}

/**
 * 电话报告 or another milestone (权威信息发布, 新闻发布会, 舆情回应) recorded by the
 * duty officer, at the time it happened; a late one goes to the ledger.
 */
export async function recordMilestone(ctx: EmergencyContext, who: Who, incidentId: string, reportId: string, o: { how: 'phone' | 'milestone'; kind?: string; at?: string; note?: string }): Promise<void> {
  await withReport(ctx, incidentId, reportId, async (tx, incident, report) => {
    const at = checkedTime(ctx, o.at, incident.received_at, '/at')
    const met = await meetDeadlines(tx, { incident, report, how: o.how, ...(o.kind ? { kind: o.kind } : {}), at, by: who.id })
    if (!met.length) {
      throw errors.create('DEADLINE_UNKNOWN', { pointer: o.kind ? '/kind' : '', detail: `report ${reportId} has no open ${o.kind ?? o.how} deadline` })
    }
    await addReview(tx, randomUUID(), report.id, o.how === 'phone' ? 'phone-report' : `milestone:${o.kind}`, who.id, who.role, o.note ?? null, at)
    await recordLive(tx, 'emergency.deadline.met', { incidentId, reportId, kinds: met.map((d) => d.kind), at: at.toISOString() })
  })
}

/** 承诺兑现: a commitment marked done; done after its due date, it is in the ledger with how late. */
export async function completeCommitment(ctx: EmergencyContext, who: Who, incidentId: string, commitmentId: string, atText?: string): Promise<void> {
  await ctx.deps.db.transaction(async (tx) => {
    const incident = await getIncident(tx, incidentId, true)
    if (!incident) throw errors.create('EMERGENCY_NOT_FOUND', { pointer: '/id' })
    const [c] = await tx.query<{ id: string; report_id: string; text: string; due_at: Date; done_at: Date | null; breach_recorded_at: Date | null }>(
      `SELECT c.* FROM escalation.emergency_commitments c JOIN escalation.emergency_reports r ON r.id = c.report_id
        WHERE c.id = $1 AND r.incident_id = $2 FOR UPDATE OF c`,
      [commitmentId, incidentId],
    )
    if (!c) throw errors.create('COMMITMENT_NOT_FOUND', { pointer: '/commitmentId' })
    if (c.done_at) return
    const at = checkedTime(ctx, atText, incident.received_at, '/at')
    await tx.query('UPDATE escalation.emergency_commitments SET done_at = $2, done_by = $3 WHERE id = $1', [c.id, at, who.id])
    const key = `commitment:${c.id}`
    if (c.breach_recorded_at) await closeLedgerEntry(tx, key, at)
    else if (at > c.due_at) {
      const [r] = await tx.query<{ stage: 'initial' | 'follow-up' | 'final'; seq: number; updated_by: string | null; created_by: string; unit: string | null }>(
        `SELECT stage, seq, updated_by, created_by, content->>'reportingUnit' AS unit FROM escalation.emergency_reports WHERE id = $1`,
        [c.report_id],
      )
      await recordLedger(tx, {
        dedupeKey: key,
        kind: 'unfulfilled_commitment',
        incidentId,
        reportId: c.report_id,
        reportLabel: stageLabel(r!.stage, r!.seq),
        subject: c.id,
        subjectLabel: c.text.slice(0, 200),
        responsible: responsibleFor(r!),
        unit: r!.unit,
        actor: who.id,
        state: 'done-late',
        dueAt: c.due_at,
        metAt: at,
        detail: `承诺事项逾期兑现：${c.text.slice(0, 200)}`,
        recordedAt: at,
      })
    }
    await recordLive(tx, 'emergency.commitment.done', { incidentId, commitmentId, at: at.toISOString() })
  })
}
