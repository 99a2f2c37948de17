import { randomUUID } from 'node:crypto'
import { TOPICS, makeEnvelope } from '@hotline-hub/contracts'
import type { Sql } from '@hotline-hub/db'
import type { CaseFacts } from '../tracking/case-facts.ts'
import type { EmergencyContext } from './context.ts'
import { deadlinesOf, syncDeadlines } from './deadlines.ts'
import { GRADE_NAMES, GRADE_SEVERITY, TRIGGER_NAMES, type Grade, type ReportContent, type TriggerKind } from './grades.ts'
import { getIncident, incidentCases, insertIncident, insertReport, linkCases, reportsOf, findOpenIncident, type IncidentRow } from './incident-store.ts'
import type { LiveBatch } from './live.ts'
import { areaText, type Area } from './match-rules.ts'
import { prefillFromCases, refreshContent } from './prefill.ts'

export interface OpenIncident {
  key: string
  trigger: TriggerKind
  ruleId: string
  grade: Grade
  title: string
  subject: string | null
  area: Area | null
  cases: CaseFacts[]
  /** 接报: the first case's receipt (or the time an officer gives). */
  receivedAt: Date
  createdBy: string
  content?: ReportContent
}

/**
 * Opens an incident with its draft 初报 pre-filled from the cases, sets the
 * report's deadlines, raises alert.raised.v1 (emergency.trigger) and tells
 * the live stream, all in `tx`. When an open incident already holds the key
 * (another consumer won the race) the cases join it instead.
 */
export async function openIncident(ctx: EmergencyContext, tx: Sql, o: OpenIncident, live: LiveBatch): Promise<{ incident: IncidentRow; opened: boolean }> {
  const inserted = await insertIncident(tx, {
    id: randomUUID(),
    incident_key: o.key,
    trigger: o.trigger,
    rule_id: o.ruleId,
    rule_ids: [o.ruleId],
    title: o.title,
    topic: o.subject,
    district: o.area?.district || null,
    street: o.area?.street || null,
    received_at: o.receivedAt,
    created_by: o.createdBy,
  })
  if (!inserted) {
    const existing = (await findOpenIncident(tx, o.key))!
    for (const c of o.cases) await joinIncident(ctx, tx, existing, c, o.ruleId, live)
    return { incident: existing, opened: false }
  }
  const incident = inserted
  await linkCases(tx, incident, o.cases, o.ruleId)
  const prefill = prefillFromCases(o.cases, { trigger: o.trigger, subject: o.subject, receivedAt: o.receivedAt })
  const report = await insertReport(tx, {
    id: randomUUID(),
    incident_id: incident.id,
    stage: 'initial',
    seq: 0,
    grade: o.grade,
    content: { ...prefill, ...o.content },
    prefill,
    created_by: o.createdBy,
  })
  await syncDeadlines(tx, ctx.rules.current, report, o.trigger, o.receivedAt)
  const caseIds = o.cases.map((c) => c.caseId)
  const alertId = randomUUID()
  const message = `${TRIGGER_NAMES[o.trigger]}：${o.title}，${GRADE_NAMES[o.grade]}（${o.grade}级），已生成初报草稿待值班员完善`
  await ctx.deps.bus.publish(tx, [
    {
      topic: TOPICS.alertRaised,
      key: alertId,
      envelope: makeEnvelope(TOPICS.alertRaised, {
        source: 'escalation',
        caseId: caseIds[0] ?? null,
        data: { alertId, kind: 'emergency.trigger', severity: GRADE_SEVERITY[o.grade], message, caseIds, incidentId: incident.id, reportId: report.id, ruleId: o.ruleId, trigger: o.trigger, grade: o.grade, area: areaText(o.area) },
      }),
    },
  ])
  const deadlines = await deadlinesOf(tx, report.id)
  live.push('emergency.opened', {
    incidentId: incident.id,
    reportId: report.id,
    title: o.title,
    trigger: o.trigger,
    grade: o.grade,
    caseIds,
    deadlines: deadlines.map((d) => ({ kind: d.kind, label: d.label, due: d.due_at.toISOString() })),
  })
  return { incident, opened: true }
}

/**
 * A case joins an open incident. While the 初报 is still being drafted, the
 * fields the officer has not touched are pre-filled again from all cases.
 */
export async function joinIncident(ctx: EmergencyContext, tx: Sql, incident: IncidentRow, c: CaseFacts, ruleId: string, live: LiveBatch): Promise<boolean> {
  const added = await linkCases(tx, incident, [c], ruleId)
  if (!added.length) return false
  const fresh = (await getIncident(tx, incident.id))!
  const cases = await incidentCases(tx, incident.id)
  const initial = (await reportsOf(tx, incident.id)).find((r) => r.stage === 'initial')
  if (initial && (initial.status === 'draft' || initial.status === 'rejected')) {
    const next = prefillFromCases(cases, { trigger: fresh.trigger, subject: fresh.topic, receivedAt: fresh.received_at })
    await tx.query('UPDATE escalation.emergency_reports SET content = $2::jsonb, prefill = $3::jsonb WHERE id = $1', [
      initial.id,
      JSON.stringify(refreshContent(initial.content, initial.prefill, next)),
      JSON.stringify(next),
    ])
    if (fresh.received_at.getTime() !== incident.received_at.getTime()) await syncDeadlines(tx, ctx.rules.current, initial, fresh.trigger, fresh.received_at)
  }
  live.push('emergency.case_joined', { incidentId: incident.id, caseId: c.caseId, caseCount: cases.length })
  return true
}
