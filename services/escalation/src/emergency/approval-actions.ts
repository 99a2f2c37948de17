import { randomUUID } from 'node:crypto'
import { TOPICS, makeEnvelope } from '@hotline-hub/contracts'
import type { Sql } from '@hotline-hub/db'
import { errors } from '../errors.ts'
import type { EmergencyContext } from './context.ts'
import { meetDeadlines, responsibleFor } from './deadlines.ts'
import { GRADE_NAMES, stageLabel } from './grades.ts'
import { addReview, incidentCases, type IncidentRow, type ReportRow } from './incident-store.ts'
import { recordLedger } from './ledger/ledger-store.ts'
import { recordLive } from './live.ts'
import { missingFields } from './prefill.ts'
import { requireState, withReport, type Who } from './report-actions.ts'

/** 提交审批: every required field must be there; the answer points at the missing ones. */
export async function submitReport(ctx: EmergencyContext, who: Who, incidentId: string, reportId: string): Promise<void> {
  await withReport(ctx, incidentId, reportId, async (tx, _incident, report) => {
    requireState(report, ['draft', 'rejected'], 'submit')
    const missing = missingFields(report.content)
    if (missing.length) {
      throw errors.create('REPORT_INCOMPLETE', { detail: `missing: ${missing.map((m) => m.detail.replace('必填：', '')).join('、')}`, errors: missing })
    }
    const at = ctx.now()
    await tx.query(`UPDATE escalation.emergency_reports SET status = 'pending_approval', submitted_by = $2, submitted_at = $3, updated_at = now() WHERE id = $1`, [report.id, who.id, at])
    await addReview(tx, randomUUID(), report.id, 'submit', who.id, who.role, null, at)
    await recordLive(tx, 'emergency.report.submitted', { incidentId, reportId, status: 'pending_approval' })
  })
}

/**
 * 审批通过 (分管领导): the written-report deadlines are met now, the report goes
 * out through the outbox (emergency.report.v1) and to the destination's
 * webhook, and a 终报 closes the incident.
 */
export async function approveReport(ctx: EmergencyContext, who: Who, incidentId: string, reportId: string, comment: string | null): Promise<void> {
  await withReport(ctx, incidentId, reportId, async (tx, incident, report) => {
    requireState(report, ['pending_approval'], 'approve')
    const at = ctx.now()
    await tx.query(
      `UPDATE escalation.emergency_reports SET status = 'approved', decided_by = $2, decided_at = $3, decision_comment = $4, approved_at = $3, updated_at = now() WHERE id = $1`,
      [report.id, who.id, at, comment],
    )
    await addReview(tx, randomUUID(), report.id, 'approve', who.id, who.role, comment, at)
    await meetDeadlines(tx, { incident, report, how: 'approved', at, by: who.id })
    const payload = await outgoingReport(tx, incident, { ...report, status: 'approved', approved_at: at, decided_by: who.id })
    await ctx.deps.bus.publish(tx, [{ topic: TOPICS.emergencyReport, key: report.id, envelope: makeEnvelope(TOPICS.emergencyReport, { source: 'escalation', caseId: payload.caseIds[0] ?? null, data: payload }) }])
    if (ctx.destination) {
      await tx.query('INSERT INTO escalation.emergency_deliveries (id, report_id, url, payload) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (report_id) DO NOTHING', [
        randomUUID(),
        report.id,
        ctx.destination.url,
        JSON.stringify(payload),
      ])
    } else {
      ctx.deps.logger.warn({ reportId }, 'ESCALATION_EMERGENCY_WEBHOOK_URL is not set: the approved report is published but sent to no destination')
    }
    if (report.stage === 'final') await tx.query(`UPDATE escalation.emergency_incidents SET status = 'closed', closed_at = $2 WHERE id = $1`, [incident.id, at])
    await recordLive(tx, 'emergency.report.approved', { incidentId, reportId, status: 'approved', stage: report.stage, incidentClosed: report.stage === 'final' })
  })
  ctx.wakeDelivery()
}

/** 退回 (分管领导), with the reason; the rejection goes to the ledger. The officer edits and submits again. */
export async function rejectReport(ctx: EmergencyContext, who: Who, incidentId: string, reportId: string, comment: string): Promise<void> {
  await withReport(ctx, incidentId, reportId, async (tx, incident, report) => {
    requireState(report, ['pending_approval'], 'reject')
    const at = ctx.now()
    const reviewId = randomUUID()
    await tx.query(`UPDATE escalation.emergency_reports SET status = 'rejected', decided_by = $2, decided_at = $3, decision_comment = $4, updated_at = now() WHERE id = $1`, [
      report.id,
      who.id,
      at,
      comment,
    ])
    await addReview(tx, reviewId, report.id, 'reject', who.id, who.role, comment, at)
    await recordLedger(tx, {
      dedupeKey: `rejected:${reviewId}`,
      kind: 'rejected',
      incidentId: incident.id,
      reportId: report.id,
      reportLabel: stageLabel(report.stage, report.seq),
      subject: 'approval',
      subjectLabel: '分管领导审批',
      responsible: report.submitted_by ?? responsibleFor(report),
      unit: report.content.reportingUnit || null,
      actor: who.id,
      state: 'pending_approval',
      dueAt: null,
      metAt: null,
      detail: comment,
      recordedAt: at,
    })
    await recordLive(tx, 'emergency.report.rejected', { incidentId, reportId, status: 'rejected', comment })
  })
}

/** What goes out: the approved report, its grade, its fields and its cases (de-identified facts only). */
async function outgoingReport(tx: Sql, incident: IncidentRow, r: ReportRow) {
  const cases = await incidentCases(tx, incident.id)
  return {
    reportId: r.id,
    incidentId: incident.id,
    title: incident.title,
    stage: r.stage,
    seq: r.seq,
    label: stageLabel(r.stage, r.seq),
    grade: r.grade,
    gradeName: GRADE_NAMES[r.grade],
    content: r.content,
    caseIds: cases.map((c) => c.caseId),
    approvedAt: r.approved_at!.toISOString(),
    approvedBy: r.decided_by,
  }
}
