import type { Sql } from '@hotline-hub/db'
import type { StatsAnswer } from '../stats-compute.ts'
import type { ReportKind } from './report-text.ts'

/** What a stored report holds: the structured body (a statistics answer by channel) and its rendered text and CSV. */
export interface ReportBody {
  kind: ReportKind
  title: string
  /** Generated after the period ended (a scheduled report); false for an on-demand snapshot of a running period. */
  complete: boolean
  stats: StatsAnswer
}

export interface StoredReport {
  id: string
  kind: ReportKind
  periodStart: string
  periodEnd: string
  generatedAt: Date
  generatedBy: string
  body: ReportBody
  text: string
  csv: string
}

interface Row {
  id: string
  kind: ReportKind
  period_start: string
  period_end: string
  generated_at: Date | string
  generated_by: string
  body: ReportBody
  text_body: string
  csv_body: string
}

const SELECT = `SELECT id::text, kind, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end,
  generated_at, generated_by, body, text_body, csv_body FROM escalation.stats_reports`

const fromRow = (r: Row): StoredReport => ({
  id: r.id,
  kind: r.kind,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  generatedAt: new Date(r.generated_at),
  generatedBy: r.generated_by,
  body: typeof r.body === 'string' ? (JSON.parse(r.body) as ReportBody) : r.body,
  text: r.text_body,
  csv: r.csv_body,
})

export async function findReport(db: Sql, id: string): Promise<StoredReport | null> {
  const [r] = await db.query<Row>(`${SELECT} WHERE id = $1::uuid`, [id])
  return r ? fromRow(r) : null
}

export async function findReportOfPeriod(db: Sql, kind: ReportKind, from: string, to: string): Promise<StoredReport | null> {
  const [r] = await db.query<Row>(`${SELECT} WHERE kind = $1 AND period_start = $2::date AND period_end = $3::date`, [kind, from, to])
  return r ? fromRow(r) : null
}

/** Stores a new report unless one of the same kind and period exists (another replica was faster): true if this one was stored. */
export async function insertReport(db: Sql, r: StoredReport): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO escalation.stats_reports (id, kind, period_start, period_end, generated_at, generated_by, body, text_body, csv_body)
     VALUES ($1::uuid, $2, $3::date, $4::date, $5, $6, $7::jsonb, $8, $9)
     ON CONFLICT (kind, period_start, period_end) DO NOTHING RETURNING id`,
    [r.id, r.kind, r.periodStart, r.periodEnd, r.generatedAt, r.generatedBy, JSON.stringify(r.body), r.text, r.csv],
  )
  return rows.length > 0
}

/** Replaces a report's content in place (same id) if it was generated before `olderThan` (null: whenever): true if it was replaced. */
export async function replaceReport(db: Sql, id: string, r: Omit<StoredReport, 'id' | 'kind' | 'periodStart' | 'periodEnd'>, olderThan: Date | null): Promise<boolean> {
  const rows = await db.query(
    `UPDATE escalation.stats_reports SET generated_at = $2, generated_by = $3, body = $4::jsonb, text_body = $5, csv_body = $6
      WHERE id = $1::uuid AND ($7::timestamptz IS NULL OR generated_at < $7) RETURNING id`,
    [id, r.generatedAt, r.generatedBy, JSON.stringify(r.body), r.text, r.csv, olderThan],
  )
  return rows.length > 0
}

export async function listReports(db: Sql, o: { kind?: ReportKind; limit: number; offset: number }): Promise<{ items: Omit<StoredReport, 'body' | 'text' | 'csv'>[]; total: number }> {
  const where = o.kind ? 'WHERE kind = $1' : ''
  const params: unknown[] = o.kind ? [o.kind] : []
  const rows = await db.query<Row>(
    `SELECT id::text, kind, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end, generated_at, generated_by
       FROM escalation.stats_reports ${where} ORDER BY period_end DESC, kind LIMIT ${o.limit} OFFSET ${o.offset}`,
    params,
  )
  const [n] = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM escalation.stats_reports ${where}`, params)
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, periodStart: r.period_start, periodEnd: r.period_end, generatedAt: new Date(r.generated_at), generatedBy: r.generated_by })),
    total: Number(n!.n),
  }
}
