import type { Sql } from '@hotline-hub/db'
import type { ApplicantType, OutcomeCode } from './form.ts'

/** 征求第三方意见: one consultation, its time not counted. */
export interface Consultation {
  thirdParty: string
  from: string
  to: string | null
}

export interface DisclosureRow {
  case_id: string
  received_at: Date
  applicant_type: ApplicantType | null
  extension_days: number | null
  extension_reason: string | null
  extension_approved_by: string | null
  extension_approved_at: Date | null
  extension_notice_at: Date | null
  correction_items: string | null
  correction_notice_at: Date | null
  correction_received_at: Date | null
  consultations: Consultation[]
  outcome: OutcomeCode | null
  outcome_reason: string | null
  outcome_note: string | null
  outcome_at: Date | null
  outcome_by: string | null
  created_at: Date
  updated_at: Date
  /** From the case facts. */
  department?: string | null
  status?: string
}

const SELECT = `SELECT d.*, c.department, c.status FROM escalation.disclosure_requests d LEFT JOIN escalation.cases c ON c.case_id = d.case_id`

export async function getDisclosure(tx: Sql, caseId: string, lock = false): Promise<DisclosureRow | null> {
  const [row] = await tx.query<DisclosureRow>(`${SELECT} WHERE d.case_id = $1${lock ? ' FOR UPDATE OF d' : ''}`, [caseId])
  return row ?? null
}

export async function listDisclosures(tx: Sql, q: { year?: number; department?: string; open?: boolean; limit: number; offset: number }): Promise<DisclosureRow[]> {
  const from = q.year ? yearStart(q.year) : null
  const to = q.year ? yearStart(q.year + 1) : null
  return tx.query<DisclosureRow>(
    `${SELECT} WHERE ($1::timestamptz IS NULL OR d.received_at >= $1) AND ($2::timestamptz IS NULL OR d.received_at < $2)
       AND ($3::text IS NULL OR c.department = $3) AND ($4::boolean IS NULL OR (d.outcome IS NULL) = $4)
     ORDER BY d.received_at DESC, d.case_id LIMIT $5 OFFSET $6`,
    [from, to, q.department ?? null, q.open ?? null, q.limit, q.offset],
  )
}

/** A request from a case of the disclosure-request channel; its applicant type from the case's extra fields, when given. */
export async function insertDisclosure(tx: Sql, caseId: string, receivedAt: Date, applicantType: ApplicantType | null): Promise<void> {
  await tx.query('INSERT INTO escalation.disclosure_requests (case_id, received_at, applicant_type) VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING', [caseId, receivedAt, applicantType])
}

/** 1 January 00:00 China time of a year. */
export const yearStart = (year: number): Date => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000)
