import type { Sql } from '@hotline-hub/db'

/** Advisory lock that orders the writers of escalation.live_events, so that seq order is commit order. */
const LIVE_WRITE_LOCK = 727_110_404
const KIND = /^[a-z][a-z0-9_.-]{0,63}$/

/** 实时消息: one message of the console's live stream. */
export interface LiveMessage {
  /** Position in the stream (bigint as decimal text); the SSE `id:`. */
  seq: string
  /** e.g. `sla.warning`, `sla.breach`, `sla.paused`, `emergency.report`; the SSE `event:`. */
  kind: string
  payload: Record<string, unknown>
  /** The department whose users see it too; null: duty officers, leaders and admins only. */
  department: string | null
  createdAt: Date
}

/**
 * Puts a message on the console's live stream (GET /api/v1/stream), inside
 * the caller's transaction `tx`: it is streamed exactly when the effect that
 * caused it commits, and never if that rolls back.
 *
 * - `kind`: lower-case, dots and dashes (`emergency.report`), ≤ 64 characters;
 *   it becomes the SSE event name.
 * - `payload`: any JSON object; no personal data (it goes to every console).
 *   A string `payload.department` lets that department's users see it too.
 *
 * Returns the message's seq. Takes a transaction-scoped advisory lock, so
 * call it late in the transaction (after the row locks the effect needs).
 */
export async function recordLive(tx: Sql, kind: string, payload: Record<string, unknown>): Promise<string> {
  if (!KIND.test(kind)) throw new Error(`recordLive: kind must match ${KIND}, got ${JSON.stringify(kind)}`)
  const department = typeof payload.department === 'string' && payload.department !== '' ? payload.department : null
  await tx.query('SELECT pg_advisory_xact_lock($1)', [LIVE_WRITE_LOCK])
  const [row] = await tx.query<{ seq: string }>(
    'INSERT INTO escalation.live_events (kind, payload, department) VALUES ($1, $2::jsonb, $3) RETURNING seq',
    [kind, JSON.stringify(payload), department],
  )
  return String(row!.seq)
}

interface LiveRow {
  seq: string
  kind: string
  payload: Record<string, unknown>
  department: string | null
  created_at: Date
}

/** Messages after `after` (a seq), oldest first, at most `limit`. */
export async function readLive(sql: Sql, after: bigint, limit: number): Promise<LiveMessage[]> {
  const rows = await sql.query<LiveRow>(
    'SELECT seq, kind, payload, department, created_at FROM escalation.live_events WHERE seq > $1 ORDER BY seq LIMIT $2',
    [after.toString(), limit],
  )
  return rows.map((r) => ({ seq: String(r.seq), kind: r.kind, payload: r.payload, department: r.department, createdAt: new Date(r.created_at) }))
}

/** The seq of the newest message (0 when there is none). */
export async function livePosition(sql: Sql): Promise<bigint> {
  const [row] = await sql.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM escalation.live_events')
  return row?.seq ? BigInt(row.seq) : 0n
}

/** Drops messages older than `days` (reconnects from before then resume from the oldest left). */
export async function pruneLive(sql: Sql, days: number): Promise<number> {
  const [row] = await sql.query<{ n: string | number }>(
    'WITH gone AS (DELETE FROM escalation.live_events WHERE created_at < now() - make_interval(days => $1) RETURNING 1) SELECT count(*) AS n FROM gone',
    [days],
  )
  return Number(row?.n ?? 0)
}
