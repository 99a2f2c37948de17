import { randomUUID } from 'node:crypto'
import type { Sql } from '@hotline-hub/db'
import { errors } from '../errors.ts'
import type { EmergencyContext } from './context.ts'
import { syncDeadlines } from './deadlines.ts'
import type { Grade, ReportContent, Stage } from './grades.ts'
import { getIncident, getReport, incidentCases, insertReport, reportsOf, type IncidentRow, type ReportRow, type ReportStatus } from './incident-store.ts'
import { recordLive } from './live.ts'
import { prefillFromCases } from './prefill.ts'

export interface Who {
  id: string
  role: string
}

export interface ReportPatch {
  grade?: Grade
  content?: ReportContent
  /** 拟采取措施 commitments with due dates; replaces the list. */
  commitments?: { text: string; dueAt: string }[]
}

/** Runs `fn` on a locked incident and (when given) one of its reports. */
export async function withReport<T>(
  ctx: EmergencyContext,
  incidentId: string,
  reportId: string | null,
  fn: (tx: Sql, incident: IncidentRow, report: ReportRow) => Promise<T>,
): Promise<T> {
  return ctx.deps.db.transaction(async (tx) => {
    const incident = await getIncident(tx, incidentId, true)
    if (!incident) throw errors.create('EMERGENCY_NOT_FOUND', { pointer: '/id', detail: `no incident ${incidentId}` })
    const report = reportId ? await getReport(tx, incidentId, reportId, true) : null
    if (reportId && !report) throw errors.create('REPORT_NOT_FOUND', { pointer: '/reportId', detail: `no report ${reportId} in incident ${incidentId}` })
    return fn(tx, incident, report!)
  })
}

export function requireState(r: ReportRow, allowed: readonly ReportStatus[], action: string): void {
  if (!allowed.includes(r.status)) throw errors.create('REPORT_WRONG_STATE', { pointer: '/status', detail: `cannot ${action} a report that is ${r.status} (needs ${allowed.join(' or ')})` })
}

/** 续报 / 终报: after the previous report was approved; it starts from that report's text with the cases brought up to date. */
export async function createNextReport(ctx: EmergencyContext, who: Who, incidentId: string, stage: Exclude<Stage, 'initial'>): Promise<ReportRow> {
  return withReport(ctx, incidentId, null, async (tx, incident) => {
    if (incident.status !== 'open') throw errors.create('EMERGENCY_CLOSED', { detail: `incident ${incidentId} is closed` })
    const reports = await reportsOf(tx, incidentId)
    const last = reports[reports.length - 1]
    if (!last || last.status !== 'approved') {
      throw errors.create('REPORT_STAGE_NOT_ALLOWED', { pointer: '/stage', detail: last ? `the ${last.stage} report is ${last.status}, not approved` : 'the incident has no report' })
    }
    const cases = await incidentCases(tx, incidentId)
    const fromCases = prefillFromCases(cases, { trigger: incident.trigger, subject: incident.topic, receivedAt: incident.received_at })
    const content: ReportContent = { ...last.content }
    for (const f of ['source', 'process', 'scope', 'handling'] as const) if (cases.length && fromCases[f]) content[f] = fromCases[f]
    const seq = stage === 'follow-up' ? reports.filter((r) => r.stage === 'follow-up').length + 1 : 0
    const report = await insertReport(tx, { id: randomUUID(), incident_id: incidentId, stage, seq, grade: last.grade, content, prefill: content, created_by: who.id })
    await recordLive(tx, 'emergency.report.created', { incidentId, reportId: report.id, stage, seq, status: report.status })
    return report
  })
}

/** Edits a draft (or a rejected report): fields, grade (the deadlines follow), commitments. */
export async function patchReport(ctx: EmergencyContext, who: Who, incidentId: string, reportId: string, patch: ReportPatch): Promise<void> {
  await withReport(ctx, incidentId, reportId, async (tx, incident, report) => {
    requireState(report, ['draft', 'rejected'], 'edit')
    const content = { ...report.content, ...patch.content }
    const grade = patch.grade ?? report.grade
    await tx.query('UPDATE escalation.emergency_reports SET content = $2::jsonb, grade = $3, updated_by = $4, updated_at = now() WHERE id = $1', [
      report.id,
      JSON.stringify(content),
      grade,
      who.id,
    ])
    if (grade !== report.grade) await syncDeadlines(tx, ctx.rules.current, { ...report, grade }, incident.trigger, incident.received_at)
    if (patch.commitments) {
      patch.commitments.forEach((c, i) => {
        if (Number.isNaN(Date.parse(c.dueAt))) throw errors.create('VALIDATION', { pointer: `/commitments/${i}/dueAt`, detail: 'not a date-time' })
      })
      await tx.query('DELETE FROM escalation.emergency_commitments WHERE report_id = $1 AND done_at IS NULL AND breach_recorded_at IS NULL', [report.id])
      for (const c of patch.commitments) {
        await tx.query('INSERT INTO escalation.emergency_commitments (id, report_id, text, due_at) VALUES ($1, $2, $3, $4)', [randomUUID(), report.id, c.text, new Date(c.dueAt)])
      }
    }
    await recordLive(tx, 'emergency.report.updated', { incidentId, reportId, status: report.status, grade })
  })
}
