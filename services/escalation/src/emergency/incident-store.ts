import type { Sql } from '@hotline-hub/db'
import { factsOf } from '../tracking/case-store.ts'
import type { CaseFacts } from '../tracking/case-facts.ts'
import type { Grade, ReportContent, Stage, TriggerKind } from './grades.ts'

export interface IncidentRow {
  id: string
  incident_key: string
  trigger: TriggerKind
  rule_id: string
  rule_ids: string[]
  title: string
  topic: string | null
  district: string | null
  street: string | null
  status: 'open' | 'closed'
  received_at: Date
  created_by: string
  created_at: Date
  closed_at: Date | null
}

export type ReportStatus = 'draft' | 'pending_approval' | 'approved' | 'rejected'

export interface ReportRow {
  id: string
  incident_id: string
  stage: Stage
  seq: number
  status: ReportStatus
  grade: Grade
  content: ReportContent
  prefill: ReportContent
  created_by: string
  created_at: Date
  updated_by: string | null
  updated_at: Date
  submitted_by: string | null
  submitted_at: Date | null
  decided_by: string | null
  decided_at: Date | null
  decision_comment: string | null
  approved_at: Date | null
}

/** Serializes everything that may open or join the incident of `key` (concurrent consumers, replicas). */
export async function lockIncidentKey(tx: Sql, key: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`emergency:${key}`])
}

export async function findOpenIncident(tx: Sql, key: string): Promise<IncidentRow | null> {
  const [row] = await tx.query<IncidentRow>(`SELECT * FROM escalation.emergency_incidents WHERE incident_key = $1 AND status = 'open'`, [key])
  return row ?? null
}

export async function getIncident(tx: Sql, id: string, lock = false): Promise<IncidentRow | null> {
  const [row] = await tx.query<IncidentRow>(`SELECT * FROM escalation.emergency_incidents WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])
  return row ?? null
}

/** Inserts an incident unless an open one holds its key; null when one does (a race lost). */
export async function insertIncident(tx: Sql, i: Omit<IncidentRow, 'status' | 'created_at' | 'closed_at'>): Promise<IncidentRow | null> {
  const [row] = await tx.query<IncidentRow>(
    `INSERT INTO escalation.emergency_incidents (id, incident_key, trigger, rule_id, rule_ids, title, topic, district, street, received_at, created_by)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11)
     ON CONFLICT (incident_key) WHERE status = 'open' DO NOTHING RETURNING *`,
    [i.id, i.incident_key, i.trigger, i.rule_id, i.rule_ids, i.title, i.topic, i.district, i.street, i.received_at, i.created_by],
  )
  return row ?? null
}

/** Links cases to an incident; returns the ids that were not linked before. */
export async function linkCases(tx: Sql, incident: IncidentRow, cases: readonly Pick<CaseFacts, 'caseId' | 'receivedAt'>[], ruleId: string): Promise<string[]> {
  if (!cases.length) return []
  const rows = await tx.query<{ case_id: string }>(
    `INSERT INTO escalation.emergency_incident_cases (incident_id, case_id, rule_id, received_at)
     SELECT $1, c, $2, r FROM unnest($3::text[], $4::timestamptz[]) AS u(c, r)
     ON CONFLICT DO NOTHING RETURNING case_id`,
    [incident.id, ruleId, cases.map((c) => c.caseId), cases.map((c) => c.receivedAt)],
  )
  if (!incident.rule_ids.includes(ruleId)) {
    await tx.query('UPDATE escalation.emergency_incidents SET rule_ids = array_append(rule_ids, $2) WHERE id = $1 AND NOT ($2 = ANY(rule_ids))', [incident.id, ruleId])
  }
  // An earlier case that joins moves 接报 back.
  await tx.query('UPDATE escalation.emergency_incidents SET received_at = $2 WHERE id = $1 AND received_at > $2', [incident.id, new Date(Math.min(...cases.map((c) => c.receivedAt.getTime())))])
  return rows.map((r) => r.case_id)
}

/** The facts of an incident's cases, oldest first. */
export async function incidentCases(tx: Sql, incidentId: string): Promise<CaseFacts[]> {
  const rows = await tx.query<Parameters<typeof factsOf>[0]>(
    `SELECT c.* FROM escalation.emergency_incident_cases l JOIN escalation.cases c ON c.case_id = l.case_id
      WHERE l.incident_id = $1 ORDER BY c.received_at, c.case_id`,
    [incidentId],
  )
  return rows.map(factsOf)
}

/** Open incidents that already hold some of these cases, with how many of them. */
export async function openIncidentsHolding(tx: Sql, caseIds: readonly string[]): Promise<{ incident_id: string; n: number }[]> {
  return tx.query<{ incident_id: string; n: number }>(
    `SELECT l.incident_id, count(*)::int AS n FROM escalation.emergency_incident_cases l
       JOIN escalation.emergency_incidents i ON i.id = l.incident_id AND i.status = 'open'
      WHERE l.case_id = ANY($1::text[]) GROUP BY l.incident_id ORDER BY n DESC, l.incident_id`,
    [caseIds],
  )
}

export async function reportsOf(tx: Sql, incidentId: string): Promise<ReportRow[]> {
  return tx.query<ReportRow>(
    `SELECT * FROM escalation.emergency_reports WHERE incident_id = $1
      ORDER BY CASE stage WHEN 'initial' THEN 0 WHEN 'follow-up' THEN 1 ELSE 2 END, seq`,
    [incidentId],
  )
}

export async function getReport(tx: Sql, incidentId: string, reportId: string, lock = false): Promise<ReportRow | null> {
  const [row] = await tx.query<ReportRow>(`SELECT * FROM escalation.emergency_reports WHERE id = $1 AND incident_id = $2${lock ? ' FOR UPDATE' : ''}`, [reportId, incidentId])
  return row ?? null
}

export async function insertReport(tx: Sql, r: Pick<ReportRow, 'id' | 'incident_id' | 'stage' | 'seq' | 'grade' | 'content' | 'prefill' | 'created_by'>): Promise<ReportRow> {
  const [row] = await tx.query<ReportRow>(
    `INSERT INTO escalation.emergency_reports (id, incident_id, stage, seq, grade, content, prefill, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8) RETURNING *`,
    [r.id, r.incident_id, r.stage, r.seq, r.grade, JSON.stringify(r.content), JSON.stringify(r.prefill), r.created_by],
  )
  return row!
}

export async function addReview(tx: Sql, reviewId: string, reportId: string, action: string, actor: string, role: string, comment: string | null, at: Date): Promise<void> {
  await tx.query('INSERT INTO escalation.emergency_report_reviews (id, report_id, action, actor, role, comment, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    reviewId,
    reportId,
    action,
    actor,
    role,
    comment,
    at,
  ])
}
