import type { Sql } from '@hotline-hub/db'
import type { DeadlineKind } from './policy.ts'

/** One missed deadline (超期): an open case past it, or a case that met it late. */
export interface OverdueItem {
  caseId: string
  kind: DeadlineKind
  /** open: still not contacted / not closed; late: done, but after the deadline. */
  state: 'open' | 'late'
  department: string | null
  channel: string
  topic: string | null
  district: string | null
  urgency: string | null
  appealType: string | null
  rule: string | null
  status: string
  receivedAt: string
  dueAt: string
  /** First contact (response) or 办结 (resolution); null while open. */
  doneAt: string | null
  /** How late: whole minutes, and hours to one decimal (now, or when it was done). */
  lateMinutes: number
  lateHours: number
}

export interface OverdueQuery {
  department?: string
  kind?: DeadlineKind
  limit: number
  offset: number
  /** Notices only: list withdrawn ones too. */
  includeWithdrawn?: boolean
}

const DONE = `('closed', 'followed_up', 'resolved_on_call', 'merged')`
/** Per kind: the due column, the "done" expression, and when a case counts as missing it. */
const KINDS: Record<DeadlineKind, { due: string; done: string }> = {
  response: { due: 'response_due_at', done: 'COALESCE(accepted_at, replied_at, closed_at)' },
  resolution: { due: 'resolution_due_at', done: `CASE WHEN status IN ('closed', 'followed_up') THEN closed_at END` },
}

function select(kind: DeadlineKind): string {
  const { due, done } = KINDS[kind]
  return `SELECT case_id, '${kind}' AS kind, department, channel, topic, district, urgency, appeal_type, sla_rule, status, received_at,
            ${due} AS due_at, ${done} AS done_at
       FROM escalation.cases
      WHERE ${due} IS NOT NULL AND ($2::text IS NULL OR department = $2)
        AND ((${done} IS NULL AND status NOT IN ${DONE} AND ${due} < $1) OR ${done} > ${due})`
}

interface Row {
  case_id: string
  kind: DeadlineKind
  department: string | null
  channel: string
  topic: string | null
  district: string | null
  urgency: string | null
  appeal_type: string | null
  sla_rule: string | null
  status: string
  received_at: Date
  due_at: Date
  done_at: Date | null
  total: string | number
}

/** 超期清单: open cases past a deadline and cases that missed it, most overdue deadline first (earliest due). */
export async function listOverdue(sql: Sql, q: OverdueQuery, now: Date): Promise<{ total: number; items: OverdueItem[] }> {
  const kinds: DeadlineKind[] = q.kind ? [q.kind] : ['response', 'resolution']
  const rows = await sql.query<Row>(
    `SELECT *, count(*) OVER () AS total FROM (${kinds.map(select).join(' UNION ALL ')}) o
      ORDER BY due_at, case_id, kind LIMIT $3 OFFSET $4`,
    [now, q.department ?? null, q.limit, q.offset],
  )
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    items: rows.map((r) => {
      const due = new Date(r.due_at)
      const done = r.done_at ? new Date(r.done_at) : null
      const ms = (done ?? now).getTime() - due.getTime()
      return {
        caseId: r.case_id,
        kind: r.kind,
        state: done ? 'late' : 'open',
        department: r.department,
        channel: r.channel,
        topic: r.topic,
        district: r.district,
        urgency: r.urgency,
        appealType: r.appeal_type,
        rule: r.sla_rule,
        status: r.status,
        receivedAt: new Date(r.received_at).toISOString(),
        dueAt: due.toISOString(),
        doneAt: done ? done.toISOString() : null,
        lateMinutes: Math.floor(ms / 60_000),
        lateHours: Math.round(ms / 360_000) / 10,
      }
    }),
  }
}

/** 督办通知 as listed. */
export interface NoticeItem {
  noticeId: string
  caseId: string
  department: string | null
  kind: DeadlineKind
  dueAt: string
  breachedAt: string
  text: string
  /** Set when the breach proved false (the case had met the deadline; its event came late). */
  withdrawnAt: string | null
}

export async function listNotices(sql: Sql, q: OverdueQuery): Promise<{ total: number; items: NoticeItem[] }> {
  const rows = await sql.query<{
    notice_id: string
    case_id: string
    department: string
    kind: DeadlineKind
    due_at: Date
    breached_at: Date
    text: string
    withdrawn_at: Date | null
    total: string | number
  }>(
    `SELECT notice_id, case_id, department, kind, due_at, breached_at, text, withdrawn_at, count(*) OVER () AS total FROM escalation.sla_notices
      WHERE ($1::text IS NULL OR department = $1) AND ($2::text IS NULL OR kind = $2) AND ($5 OR withdrawn_at IS NULL)
      ORDER BY breached_at DESC, case_id, kind LIMIT $3 OFFSET $4`,
    [q.department ?? null, q.kind ?? null, q.limit, q.offset, q.includeWithdrawn === true],
  )
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    items: rows.map((r) => ({
      noticeId: r.notice_id,
      caseId: r.case_id,
      department: r.department === '' ? null : r.department,
      kind: r.kind,
      dueAt: new Date(r.due_at).toISOString(),
      breachedAt: new Date(r.breached_at).toISOString(),
      text: r.text,
      withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
    })),
  }
}
