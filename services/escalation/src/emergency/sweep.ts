import { randomUUID } from 'node:crypto'
import { TOPICS, makeEnvelope } from '@hotline-hub/contracts'
import type { Bus } from '@hotline-hub/bus'
import type { Db } from '@hotline-hub/db'
import { lateKey, responsibleFor, type DeadlineRow } from './deadlines.ts'
import { stageLabel, type Stage } from './grades.ts'
import { recordLedger } from './ledger/ledger-store.ts'
import { LiveBatch } from './live.ts'

interface Owner {
  incident_id: string
  stage: Stage
  seq: number
  status: string
  updated_by: string | null
  created_by: string
  unit: string | null
}

/**
 * 迟报 check: every reporting deadline that passed unmet, and every approved
 * commitment past its due date and not done, is written to the ledger once.
 * Rows are claimed with SKIP LOCKED, so replicas sweeping at the same time
 * share the work; breach_recorded_at and the ledger's dedupe key make each
 * entry exactly once. `now` is the clock (injectable).
 */
export async function sweepMissedDeadlines(db: Db, bus: Bus, now: Date, limit = 200): Promise<{ deadlines: number; commitments: number }> {
  return db.transaction(async (tx) => {
    const live = new LiveBatch()
    const late = await tx.query<DeadlineRow & Owner>(
      `SELECT d.*, r.incident_id, r.stage, r.seq, r.status, r.updated_by, r.created_by, r.content->>'reportingUnit' AS unit
         FROM escalation.emergency_deadlines d JOIN escalation.emergency_reports r ON r.id = d.report_id
        WHERE d.met_at IS NULL AND d.breach_recorded_at IS NULL AND d.due_at <= $1
        ORDER BY d.due_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
      [now, limit],
    )
    for (const d of late) {
      await tx.query('UPDATE escalation.emergency_deadlines SET breach_recorded_at = $3 WHERE report_id = $1 AND kind = $2', [d.report_id, d.kind, now])
      const label = stageLabel(d.stage, d.seq)
      await recordLedger(tx, {
        dedupeKey: lateKey(d.report_id, d.kind),
        kind: 'late_report',
        incidentId: d.incident_id,
        reportId: d.report_id,
        reportLabel: label,
        subject: d.kind,
        subjectLabel: d.label,
        responsible: responsibleFor(d),
        unit: d.unit,
        actor: 'system',
        state: d.status,
        dueAt: d.due_at,
        metAt: null,
        detail: `${label}${d.label}超过时限仍未完成（报告状态：${d.status}）`,
        recordedAt: now,
      })
      const alertId = randomUUID()
      await bus.publish(tx, [
        {
          topic: TOPICS.alertRaised,
          key: alertId,
          envelope: makeEnvelope(TOPICS.alertRaised, {
            source: 'escalation',
            caseId: null,
            data: { alertId, kind: 'emergency.late', severity: 'major', message: `迟报：${label}${d.label}已超时限`, caseIds: [], incidentId: d.incident_id, reportId: d.report_id, deadline: d.kind, due: d.due_at.toISOString() },
          }),
        },
      ])
      live.push('emergency.deadline.missed', { incidentId: d.incident_id, reportId: d.report_id, kind: d.kind, due: d.due_at.toISOString() })
    }
    const overdue = await tx.query<{ id: string; report_id: string; text: string; due_at: Date } & Owner>(
      `SELECT c.id, c.report_id, c.text, c.due_at, r.incident_id, r.stage, r.seq, r.status, r.updated_by, r.created_by, r.content->>'reportingUnit' AS unit
         FROM escalation.emergency_commitments c JOIN escalation.emergency_reports r ON r.id = c.report_id
        WHERE r.status = 'approved' AND c.done_at IS NULL AND c.breach_recorded_at IS NULL AND c.due_at <= $1
        ORDER BY c.due_at LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
      [now, limit],
    )
    for (const c of overdue) {
      await tx.query('UPDATE escalation.emergency_commitments SET breach_recorded_at = $2 WHERE id = $1', [c.id, now])
      await recordLedger(tx, {
        dedupeKey: `commitment:${c.id}`,
        kind: 'unfulfilled_commitment',
        incidentId: c.incident_id,
        reportId: c.report_id,
        reportLabel: stageLabel(c.stage, c.seq),
        subject: c.id,
        subjectLabel: c.text.slice(0, 200),
        responsible: responsibleFor(c),
        unit: c.unit,
        actor: 'system',
        state: 'not-done',
        dueAt: c.due_at,
        metAt: null,
        detail: `承诺事项到期未兑现：${c.text.slice(0, 200)}`,
        recordedAt: now,
      })
      live.push('emergency.commitment.missed', { incidentId: c.incident_id, reportId: c.report_id, commitmentId: c.id, due: c.due_at.toISOString() })
    }
    await live.flush(tx)
    return { deadlines: late.length, commitments: overdue.length }
  })
}
