import type { Sql } from '@hotline-hub/db'
import type { Grade, TriggerKind } from './grades.ts'
import type { EmergencyRules } from './rules.ts'
import { closeLedgerEntry, recordLedger } from './ledger/ledger-store.ts'
import { lateMinutes, remainingMinutes } from './time.ts'
import type { IncidentRow, ReportRow } from './incident-store.ts'
import { stageLabel } from './grades.ts'

export interface DeadlineRow {
  report_id: string
  kind: string
  label: string
  met_by: 'phone' | 'approved' | 'milestone'
  due_at: Date
  met_at: Date | null
  met_recorded_by: string | null
  breach_recorded_at: Date | null
}

/**
 * Sets the deadlines of an 初报 from the rules, its grade and 接报: new ones
 * are added, unmet ones move with a changed grade, and those no longer
 * required go, unless they were met or already recorded as missed.
 */
export async function syncDeadlines(tx: Sql, rules: EmergencyRules, report: Pick<ReportRow, 'id' | 'stage' | 'grade'>, trigger: TriggerKind, receivedAt: Date): Promise<void> {
  const wanted = report.stage === 'initial' ? rules.deadlinesFor(report.grade as Grade, trigger) : []
  await tx.query(
    `DELETE FROM escalation.emergency_deadlines WHERE report_id = $1 AND met_at IS NULL AND breach_recorded_at IS NULL AND NOT (kind = ANY($2::text[]))`,
    [report.id, wanted.map((d) => d.kind)],
  )
  for (const d of wanted) {
    await tx.query(
      `INSERT INTO escalation.emergency_deadlines (report_id, kind, label, met_by, due_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (report_id, kind) DO UPDATE SET label = EXCLUDED.label, met_by = EXCLUDED.met_by, due_at = EXCLUDED.due_at
         WHERE escalation.emergency_deadlines.met_at IS NULL AND escalation.emergency_deadlines.breach_recorded_at IS NULL`,
      [report.id, d.kind, d.label, d.metBy, new Date(receivedAt.getTime() + d.minutes * 60_000)],
    )
    // A deadline the sweep has already written to the ledger as missed still moves when an earlier
    // case joins (接报 only ever moves earlier: on Kafka the calls may be consumed out of order), and
    // its open ledger entry with it, so that the lateness is counted from the true 接报.
    await tx.query(
      `WITH moved AS (
         UPDATE escalation.emergency_deadlines SET due_at = $3
          WHERE report_id = $1 AND kind = $2 AND met_at IS NULL AND breach_recorded_at IS NOT NULL AND due_at > $3
          RETURNING report_id)
       UPDATE escalation.accountability_ledger SET due_at = $3
        WHERE dedupe_key = $4 AND met_at IS NULL AND EXISTS (SELECT 1 FROM moved)`,
      [report.id, d.kind, new Date(receivedAt.getTime() + d.minutes * 60_000), lateKey(report.id, d.kind)],
    )
  }
}

export async function deadlinesOf(tx: Sql, reportId: string): Promise<DeadlineRow[]> {
  return tx.query<DeadlineRow>('SELECT * FROM escalation.emergency_deadlines WHERE report_id = $1 ORDER BY due_at, kind', [reportId])
}

export const lateKey = (reportId: string, kind: string) => `late:${reportId}:${kind}`

/** Who answers for a report: the last person who worked on it (the drafter), else the duty room. */
export const responsibleFor = (r: Pick<ReportRow, 'updated_by' | 'created_by'>) => r.updated_by ?? (r.created_by === 'system' ? '值班室（系统预填，未认领）' : r.created_by)

/**
 * Marks the report's deadlines met by `how` (a phone report, the approval, a
 * milestone) at `at`. A deadline met after its due time goes to the ledger as
 * 迟报 with how late, or closes the entry the sweep opened.
 */
export async function meetDeadlines(
  tx: Sql,
  o: { incident: IncidentRow; report: ReportRow; how: DeadlineRow['met_by']; kind?: string; at: Date; by: string },
): Promise<DeadlineRow[]> {
  const met = await tx.query<DeadlineRow>(
    `UPDATE escalation.emergency_deadlines SET met_at = $3, met_recorded_by = $4
      WHERE report_id = $1 AND met_by = $2 AND met_at IS NULL AND ($5::text IS NULL OR kind = $5) RETURNING *`,
    [o.report.id, o.how, o.at, o.by, o.kind ?? null],
  )
  for (const d of met) {
    if (o.at <= d.due_at) continue
    if (d.breach_recorded_at) {
      await closeLedgerEntry(tx, lateKey(d.report_id, d.kind), o.at)
      continue
    }
    await recordLedger(tx, {
      dedupeKey: lateKey(d.report_id, d.kind),
      kind: 'late_report',
      incidentId: o.incident.id,
      reportId: o.report.id,
      reportLabel: stageLabel(o.report.stage, o.report.seq),
      subject: d.kind,
      subjectLabel: d.label,
      responsible: responsibleFor(o.report),
      unit: o.report.content.reportingUnit || null,
      actor: o.by,
      state: o.report.status,
      dueAt: d.due_at,
      metAt: o.at,
      detail: `${d.label}应于接报后完成，实际晚 ${lateMinutes(d.due_at, o.at)} 分钟`,
      recordedAt: o.at,
    })
  }
  return met
}

/** 倒计时: each deadline with its due time, when it was met, the minutes left and how late. */
export function deadlineView(d: DeadlineRow, now: Date) {
  const done = d.met_at !== null
  const ref = d.met_at ?? now
  const late = lateMinutes(d.due_at, ref)
  return {
    kind: d.kind,
    label: d.label,
    metBy: d.met_by,
    due: d.due_at.toISOString(),
    metAt: d.met_at?.toISOString() ?? null,
    state: done ? (late > 0 ? 'met-late' : 'met') : late > 0 ? 'overdue' : 'running',
    remainingMinutes: done ? 0 : remainingMinutes(d.due_at, now),
    lateMinutes: late,
  }
}
