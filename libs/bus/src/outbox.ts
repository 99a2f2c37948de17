import { randomUUID } from 'node:crypto'
import { assertValidEvent } from '@hotline-hub/contracts'
import type { Sql } from '@hotline-hub/db'
import { injectTraceHeaders } from '@hotline-hub/observability'
import type { OutgoingEvent } from './types.ts'

/** Advisory lock that orders writers to the log table on PostgreSQL (see below). */
const LOG_WRITE_LOCK = 727_110_001
const ROWS_PER_STATEMENT = 1000

export interface EnqueueOptions {
  /**
   * Take a transaction-scoped lock before inserting, so that transactions
   * commit in sequence order. Needed when the log table is read by position
   * on PostgreSQL: without it a later sequence number can commit before an
   * earlier one and a reader could move past the earlier one. PGlite runs one
   * transaction at a time and does not need it; the Kafka relay reads
   * unpublished rows, not positions, and does not need it either.
   */
  serializeWriters: boolean
}

/**
 * Writes events into the outbox inside the caller's transaction: they exist
 * exactly when the caller's own writes commit. Each envelope is validated
 * against its topic's schema first and gets the active trace context.
 */
export async function enqueue(tx: Sql, events: readonly OutgoingEvent[], options: EnqueueOptions): Promise<void> {
  if (events.length === 0) return
  const trace = injectTraceHeaders()
  const rows = events.map((e) => {
    const envelope = trace.traceparent && !e.envelope.traceparent ? { ...e.envelope, traceparent: trace.traceparent } : e.envelope
    assertValidEvent(e.topic, envelope)
    return [e.topic, e.key, envelope.id, JSON.stringify(envelope), JSON.stringify(trace)]
  })
  if (options.serializeWriters) await tx.query(`SELECT pg_advisory_xact_lock($1)`, [LOG_WRITE_LOCK])
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT)
    const values = chunk
      .map((_, r) => `($${r * 5 + 1}, $${r * 5 + 2}, $${r * 5 + 3}::uuid, $${r * 5 + 4}::jsonb, $${r * 5 + 5}::jsonb)`)
      .join(', ')
    await tx.query(`INSERT INTO bus.outbox (topic, key, event_id, envelope, headers) VALUES ${values}`, chunk.flat())
  }
}

/**
 * Writes a dead letter to `<topic>.dlq` on the log table. The original
 * envelope is kept as received (it may be the reason it failed); the error,
 * the consumer group and the attempts travel in the headers.
 */
export async function insertDeadLetter(tx: Sql, letter: DeadLetterRow): Promise<void> {
  const envelope =
    typeof letter.envelope === 'object' && letter.envelope !== null ? letter.envelope : { raw: String(letter.envelope) }
  await tx.query(
    `INSERT INTO bus.outbox (topic, key, event_id, envelope, headers) VALUES ($1, $2, $3::uuid, $4::jsonb, $5::jsonb)`,
    [`${letter.topic}.dlq`, letter.key, randomUUID(), JSON.stringify(envelope), JSON.stringify(dlqHeaders(letter))],
  )
}

export interface DeadLetterRow {
  topic: string
  key: string
  envelope: unknown
  headers: Record<string, string>
  group: string
  error: string
  attempts: number
}

/** Headers that carry the reason of a dead letter, the same on both buses. */
export function dlqHeaders(letter: DeadLetterRow): Record<string, string> {
  return {
    ...letter.headers,
    'x-dlq-error': letter.error.slice(0, 2000),
    'x-dlq-topic': letter.topic,
    'x-dlq-group': letter.group,
    'x-dlq-attempts': String(letter.attempts),
    'x-dlq-at': new Date().toISOString(),
  }
}
