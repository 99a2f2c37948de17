import { randomUUID } from 'node:crypto'
import type { Sql } from '@hotline-hub/db'
import { lateMinutes } from '../time.ts'

/** 台账类别: 迟报 (a missed deadline), 退回 (a rejected report), 承诺未兑现 (an unfulfilled commitment). */
export const LEDGER_KINDS = { late_report: '迟报', rejected: '报告被退回', unfulfilled_commitment: '承诺未兑现' } as const
export type LedgerKind = keyof typeof LEDGER_KINDS

export interface LedgerEntryInput {
  dedupeKey: string
  kind: LedgerKind
  incidentId: string
  reportId: string | null
  reportLabel: string | null
  subject: string
  subjectLabel: string
  /** Who had to act (the report's drafter, the unit). */
  responsible: string
  unit: string | null
  /** Who recorded it: the sweep ('system') or the leader who rejected. */
  actor: string
  /** The report's state when it was recorded. */
  state: string | null
  dueAt: Date | null
  metAt: Date | null
  detail: string | null
  recordedAt: Date
}

export interface LedgerRow {
  id: string
  dedupe_key: string
  kind: LedgerKind
  incident_id: string
  report_id: string | null
  report_label: string | null
  subject: string
  subject_label: string
  responsible: string
  unit: string | null
  actor: string
  state: string | null
  due_at: Date | null
  met_at: Date | null
  late_minutes: number | null
  detail: string | null
  recorded_at: Date
}

/**
 * Writes one entry, exactly once per dedupe key. Written again (a deadline
 * met late after the sweep recorded it), it keeps its first record and takes
 * the time it was met and the final lateness.
 */
export async function recordLedger(tx: Sql, e: LedgerEntryInput): Promise<boolean> {
  const late = e.dueAt && e.metAt ? lateMinutes(e.dueAt, e.metAt) : null
  const rows = await tx.query<{ inserted: boolean }>(
    `INSERT INTO escalation.accountability_ledger
       (id, dedupe_key, kind, incident_id, report_id, report_label, subject, subject_label, responsible, unit, actor, state, due_at, met_at, late_minutes, detail, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (dedupe_key) DO UPDATE SET met_at = EXCLUDED.met_at, late_minutes = EXCLUDED.late_minutes
       WHERE escalation.accountability_ledger.met_at IS NULL AND EXCLUDED.met_at IS NOT NULL
     RETURNING (xmax = 0) AS inserted`,
    [
      randomUUID(), e.dedupeKey, e.kind, e.incidentId, e.reportId, e.reportLabel, e.subject, e.subjectLabel, e.responsible, e.unit, e.actor, e.state,
      e.dueAt, e.metAt, late, e.detail, e.recordedAt,
    ],
  )
  return rows[0]?.inserted === true
}

/** The entry of a deadline or commitment now met: the time it was met and its final lateness. */
export async function closeLedgerEntry(tx: Sql, dedupeKey: string, metAt: Date): Promise<void> {
  await tx.query(
    `UPDATE escalation.accountability_ledger
        SET met_at = $2, late_minutes = GREATEST(0, CEIL(EXTRACT(EPOCH FROM ($2::timestamptz - due_at)) / 60))::int
      WHERE dedupe_key = $1 AND met_at IS NULL`,
    [dedupeKey, metAt],
  )
}

export interface LedgerQuery {
  from?: Date
  to?: Date
  kind?: LedgerKind
  limit: number
}

export async function listLedger(db: Sql, q: LedgerQuery): Promise<LedgerRow[]> {
  return db.query<LedgerRow>(
    `SELECT * FROM escalation.accountability_ledger
      WHERE ($1::timestamptz IS NULL OR recorded_at >= $1) AND ($2::timestamptz IS NULL OR recorded_at < $2) AND ($3::text IS NULL OR kind = $3)
      ORDER BY recorded_at DESC, id LIMIT $4`,
    [q.from ?? null, q.to ?? null, q.kind ?? null, q.limit],
  )
}

/** One entry as the API shows it; an entry still open is late by the minutes until `now`. */
export function ledgerView(r: LedgerRow, now: Date) {
  const open = r.kind !== 'rejected' && r.met_at === null
  return {
    id: r.id,
    kind: r.kind,
    kindName: LEDGER_KINDS[r.kind],
    incidentId: r.incident_id,
    reportId: r.report_id,
    reportLabel: r.report_label,
    subject: r.subject,
    subjectLabel: r.subject_label,
    responsible: r.responsible,
    unit: r.unit,
    actor: r.actor,
    state: r.state,
    dueAt: r.due_at?.toISOString() ?? null,
    metAt: r.met_at?.toISOString() ?? null,
    open,
    lateMinutes: r.kind === 'rejected' ? null : open && r.due_at ? lateMinutes(r.due_at, now) : r.late_minutes,
    detail: r.detail,
    recordedAt: r.recorded_at.toISOString(),
  }
}
export type LedgerView = ReturnType<typeof ledgerView>
