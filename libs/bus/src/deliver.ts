import { ContractError, assertValidEvent, type EventEnvelope } from '@hotline-hub/contracts'
import type { Db, Sql } from '@hotline-hub/db'
import { withConsumerSpan } from '@hotline-hub/observability'
import type { EventHandler } from './types.ts'

/** An event as it came off the log or the broker, not yet validated. */
export interface RawEvent {
  topic: string
  key: string
  /** Parsed envelope, or the raw text when it was not JSON. */
  envelope: unknown
  headers: Record<string, string>
}

export interface DeadLetter {
  event: RawEvent
  group: string
  error: string
  attempts: number
}

export interface DeliverOptions {
  db: Db
  group: string
  processedTable: string
  handler: EventHandler
  maxAttempts: number
  retryBackoffMs: number
  /** Sends the event to `<topic>.dlq`; `tx` is set on the log table, null on Kafka. */
  deadLetter: (letter: DeadLetter, tx: Sql | null) => Promise<void>
  /** Extra work in the same transaction as the effect (the log's position). */
  alsoInTransaction?: (tx: Sql) => Promise<void>
  /** Returns true when the consumer is stopping: retries give up early. */
  stopping: () => boolean
  onApplied?: (event: RawEvent, duplicate: boolean) => void
  onDeadLettered?: (letter: DeadLetter) => void
}

export type DeliveryResult = 'applied' | 'duplicate' | 'dead-lettered' | 'interrupted'

const TABLE_NAME = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/

export function assertTableName(name: string): void {
  if (!TABLE_NAME.test(name)) throw new Error(`processedTable must be schema.table, got ${JSON.stringify(name)}`)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const isRetriable = (err: unknown) => !(err instanceof ContractError) && (err as { retriable?: boolean })?.retriable !== false

/**
 * Applies one event exactly once: the event id is recorded as processed in
 * the same transaction as the handler's effect, so a redelivered event is
 * recognised and skipped. Failures are retried with exponential backoff;
 * an event that still fails (or is malformed) goes to the dead-letter topic.
 */
export async function deliver(raw: RawEvent, o: DeliverOptions): Promise<DeliveryResult> {
  let envelope: EventEnvelope
  try {
    assertValidEvent(raw.topic, raw.envelope)
    envelope = raw.envelope
  } catch (err) {
    await sendToDlq(raw, o, err, 0)
    return 'dead-lettered'
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const duplicate = await withConsumerSpan(
        `${raw.topic} process`,
        raw.headers,
        { 'messaging.destination.name': raw.topic, 'messaging.message.id': envelope.id, 'messaging.consumer.group.name': o.group },
        () =>
          o.db.transaction(async (tx) => {
            const fresh = await tx.query(
              `INSERT INTO ${o.processedTable} (group_name, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING RETURNING event_id`,
              [o.group, envelope.id],
            )
            if (fresh.length > 0) await o.handler({ topic: raw.topic, key: raw.key, envelope, attempt }, tx)
            await o.alsoInTransaction?.(tx)
            return fresh.length === 0
          }),
      )
      o.onApplied?.(raw, duplicate)
      return duplicate ? 'duplicate' : 'applied'
    } catch (err) {
      if ((err as { abortDelivery?: boolean })?.abortDelivery) throw err
      if (!isRetriable(err) || attempt >= o.maxAttempts) {
        await sendToDlq(raw, o, err, attempt)
        return 'dead-lettered'
      }
      if (o.stopping()) return 'interrupted'
      await sleep(o.retryBackoffMs * 2 ** (attempt - 1))
    }
  }
}

async function sendToDlq(raw: RawEvent, o: DeliverOptions, err: unknown, attempts: number): Promise<void> {
  const letter: DeadLetter = { event: raw, group: o.group, error: err instanceof Error ? err.message : String(err), attempts }
  if (o.alsoInTransaction) {
    await o.db.transaction(async (tx) => {
      await o.deadLetter(letter, tx)
      await o.alsoInTransaction!(tx)
    })
  } else {
    await o.deadLetter(letter, null)
  }
  o.onDeadLettered?.(letter)
}
