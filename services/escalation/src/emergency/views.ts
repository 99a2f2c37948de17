import type { Sql } from '@hotline-hub/db'
import type { CaseFacts } from '../tracking/case-facts.ts'
import { deadlineView, deadlinesOf } from './deadlines.ts'
import { GRADE_NAMES, REPORT_FIELDS, TRIGGER_NAMES, stageLabel } from './grades.ts'
import { incidentCases, reportsOf, type IncidentRow, type ReportRow } from './incident-store.ts'
import { missingFields } from './prefill.ts'

const iso = (d: Date | null) => d?.toISOString() ?? null

export function incidentSummary(i: IncidentRow & { case_count?: number }) {
  return {
    id: i.id,
    key: i.incident_key,
    trigger: i.trigger,
    triggerName: TRIGGER_NAMES[i.trigger],
    ruleId: i.rule_id,
    ruleIds: i.rule_ids,
    title: i.title,
    topic: i.topic,
    district: i.district,
    street: i.street,
    status: i.status,
    receivedAt: i.received_at.toISOString(),
    createdBy: i.created_by,
    createdAt: i.created_at.toISOString(),
    closedAt: iso(i.closed_at),
    ...(i.case_count !== undefined ? { caseCount: Number(i.case_count) } : {}),
  }
}

const caseView = (c: CaseFacts) => ({
  caseId: c.caseId,
  channel: c.channel,
  receivedAt: c.receivedAt.toISOString(),
  status: c.status,
  department: c.department,
  topic: c.topic,
  subtopics: c.subtopics,
  urgency: c.urgency,
  district: c.district,
  street: c.street,
  sentimentFlags: c.sentimentFlags,
})

interface CommitmentRow {
  id: string
  text: string
  due_at: Date
  done_at: Date | null
  done_by: string | null
}
interface ReviewRow {
  action: string
  actor: string
  role: string
  comment: string | null
  at: Date
}
interface DeliveryRow {
  id: string
  status: string
  attempts: number
  next_attempt_at: Date
  last_status_code: number | null
  last_error: string | null
  delivered_at: Date | null
}

/** A report with its deadlines (倒计时), commitments, reviews and delivery. */
export async function reportView(tx: Sql, r: ReportRow, now: Date) {
  const deadlines = await deadlinesOf(tx, r.id)
  const commitments = await tx.query<CommitmentRow>('SELECT * FROM escalation.emergency_commitments WHERE report_id = $1 ORDER BY due_at, id', [r.id])
  const reviews = await tx.query<ReviewRow>('SELECT * FROM escalation.emergency_report_reviews WHERE report_id = $1 ORDER BY at, id', [r.id])
  const deliveries = await tx.query<DeliveryRow>('SELECT * FROM escalation.emergency_deliveries WHERE report_id = $1', [r.id])
  const d = deliveries[0]
  return {
    id: r.id,
    incidentId: r.incident_id,
    stage: r.stage,
    seq: r.seq,
    label: stageLabel(r.stage, r.seq),
    status: r.status,
    grade: r.grade,
    gradeName: GRADE_NAMES[r.grade],
    content: r.content,
    /** The 要素 of the form in their order, with their names: what a client draws. */
    fields: REPORT_FIELDS.map(([name, label]) => ({ name, label })),
    missing: missingFields(r.content).map((m) => m.pointer),
    deadlines: deadlines.map((x) => deadlineView(x, now)),
    commitments: commitments.map((c) => ({ id: c.id, text: c.text, dueAt: c.due_at.toISOString(), doneAt: iso(c.done_at), doneBy: c.done_by, overdue: !c.done_at && c.due_at < now })),
    reviews: reviews.map((v) => ({ action: v.action, actor: v.actor, role: v.role, comment: v.comment, at: v.at.toISOString() })),
    delivery: d
      ? { id: d.id, status: d.status, attempts: d.attempts, nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null, lastStatusCode: d.last_status_code, lastError: d.last_error, deliveredAt: iso(d.delivered_at) }
      : null,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedBy: r.updated_by,
    updatedAt: r.updated_at.toISOString(),
    submittedBy: r.submitted_by,
    submittedAt: iso(r.submitted_at),
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    decisionComment: r.decision_comment,
    approvedAt: iso(r.approved_at),
  }
}

/** An incident with its cases and reports. */
export async function incidentView(tx: Sql, i: IncidentRow, now: Date) {
  const cases = await incidentCases(tx, i.id)
  const reports = await reportsOf(tx, i.id)
  const views = []
  for (const r of reports) views.push(await reportView(tx, r, now))
  return { ...incidentSummary(i), caseCount: cases.length, cases: cases.map(caseView), reports: views }
}
