import type { Db } from '@hotline-hub/db'
import { retryDelayMs, type BackoffPolicy } from './backoff.ts'

/** A delivery a worker has claimed (leased) and now sends. */
export interface ClaimedDelivery {
  id: string
  subscription_id: string
  event_type: string
  payload: unknown
  /** This attempt's number (1-based); also the fencing token of the lease. */
  attempts: number
  url: string
  secret_ciphertext: string
}

/** What one attempt came to. */
export interface AttemptOutcome {
  ok: boolean
  statusCode?: number
  error?: string
  durationMs: number
}

export type AttemptResult = 'delivered' | 'retry' | 'failed' | 'stale'

/**
 * Claims up to `limit` due deliveries in one short transaction: FOR UPDATE
 * SKIP LOCKED lets several replicas claim side by side, and the lease
 * (locked_until) keeps a claimed row from being sent twice while the HTTP
 * call runs outside any transaction. A worker that dies leaves the lease to
 * expire, and the row is claimed again.
 */
export function claimDue(db: Db, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  return db.transaction((tx) =>
    tx.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT id FROM intake.webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until <= now())
          ORDER BY next_attempt_at, id
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       )
       UPDATE intake.webhook_deliveries d
          SET locked_until = now() + $2::integer * interval '1 millisecond', attempts = d.attempts + 1
         FROM due, intake.webhook_subscriptions s
        WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id, d.event_type, d.payload, d.attempts, s.url, s.secret_ciphertext`,
      [limit, leaseMs],
    ),
  )
}

/**
 * Records one attempt and moves the delivery on: 2xx → delivered; otherwise
 * retried after the backoff, or failed after the last attempt. 'stale' when
 * the lease was lost meanwhile (another worker took the row, or the
 * subscription was deleted): the attempt is still recorded.
 */
export function recordAttempt(db: Db, c: ClaimedDelivery, o: AttemptOutcome, policy: BackoffPolicy): Promise<AttemptResult> {
  const result: Exclude<AttemptResult, 'stale'> = o.ok ? 'delivered' : c.attempts >= policy.maxAttempts ? 'failed' : 'retry'
  const delayMs = result === 'retry' ? retryDelayMs(c.attempts, policy) : 0
  const error = o.error === undefined ? null : o.error.slice(0, 1000)
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO intake.webhook_attempts (delivery_id, attempt, status_code, error, duration_ms) VALUES ($1,$2,$3,$4,$5)`,
      [c.id, c.attempts, o.statusCode ?? null, error, Math.round(o.durationMs)],
    )
    const moved = await tx.query(
      `UPDATE intake.webhook_deliveries
          SET status = $3, locked_until = NULL, last_status_code = $4, last_error = $5,
              delivered_at = CASE WHEN $3 = 'delivered' THEN now() ELSE delivered_at END,
              next_attempt_at = CASE WHEN $3 = 'pending' THEN now() + $6::integer * interval '1 millisecond' ELSE next_attempt_at END
        WHERE id = $1 AND attempts = $2 AND status = 'pending' RETURNING id`,
      [c.id, c.attempts, result === 'retry' ? 'pending' : result, o.statusCode ?? null, error, delayMs],
    )
    return moved.length ? result : 'stale'
  })
}

/** Gives a claim back untried (the worker is stopping): the row is due again at once. */
export async function releaseClaim(db: Db, c: ClaimedDelivery): Promise<void> {
  await db.query(
    `UPDATE intake.webhook_deliveries SET locked_until = NULL, attempts = attempts - 1 WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
    [c.id, c.attempts],
  )
}

/** Milliseconds until the next pending delivery may be claimed; null when none is pending. */
export async function msUntilNextDue(db: Db): Promise<number | null> {
  const [r] = await db.query<{ ms: number | string | null }>(
    `SELECT EXTRACT(EPOCH FROM (min(GREATEST(next_attempt_at, COALESCE(locked_until, next_attempt_at))) - now())) * 1000 AS ms
       FROM intake.webhook_deliveries WHERE status = 'pending'`,
  )
  return r?.ms === null || r?.ms === undefined ? null : Math.max(0, Number(r.ms))
}
