import type { Db } from '@hotline-hub/db'

interface DeliveryRow {
  id: string
  event_id: string
  event_type: string
  case_id: string | null
  payload: unknown
  status: string
  attempts: number
  next_attempt_at: Date
  last_status_code: number | null
  last_error: string | null
  created_at: Date
  delivered_at: Date | null
}

interface AttemptRow {
  delivery_id: string
  attempt: number
  at: Date
  status_code: number | null
  error: string | null
  duration_ms: number
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const

/** Recent deliveries of one subscription, newest first, each with its attempts. */
export async function recentDeliveries(db: Db, subscriptionId: string, f: { limit?: number; status?: string } = {}) {
  const rows = await db.query<DeliveryRow>(
    `SELECT id, event_id, event_type, case_id, payload, status, attempts, next_attempt_at, last_status_code, last_error, created_at, delivered_at
       FROM intake.webhook_deliveries
      WHERE subscription_id = $1 AND ($2::text IS NULL OR status = $2)
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [subscriptionId, f.status ?? null, Math.min(Math.max(f.limit ?? 50, 1), 200)],
  )
  const attempts = rows.length
    ? await db.query<AttemptRow>(
        `SELECT delivery_id, attempt, at, status_code, error, duration_ms FROM intake.webhook_attempts
          WHERE delivery_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY delivery_id, attempt, id`,
        [JSON.stringify(rows.map((r) => r.id))],
      )
    : []
  return {
    items: rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      caseId: r.case_id,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      deliveredAt: r.delivered_at?.toISOString() ?? null,
      attemptLog: attempts
        .filter((a) => a.delivery_id === r.id)
        .map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), statusCode: a.status_code, error: a.error, durationMs: a.duration_ms })),
      payload: r.payload,
    })),
  }
}
