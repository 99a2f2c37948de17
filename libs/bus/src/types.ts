import type { Sql } from '@hotline-hub/db'
import type { EventEnvelope } from '@hotline-hub/contracts'

/** An event on its way into the outbox. */
export interface OutgoingEvent {
  topic: string
  /** Partitioning and ordering key: the case id (or alert/report id). */
  key: string
  envelope: EventEnvelope
}

/** A consumed event as handed to a handler. */
export interface IncomingEvent {
  topic: string
  key: string
  envelope: EventEnvelope
  /** Delivery attempt for this event, starting at 1. */
  attempt: number
}

/**
 * Handles one event. `tx` is the transaction in which the consumer records
 * the event id as processed: write the effect through it and the effect is
 * applied exactly once.
 */
export type EventHandler = (event: IncomingEvent, tx: Sql) => Promise<void>

export interface SubscribeOptions {
  /** Consumer group, e.g. `classifier`. One offset per group and topic. */
  group: string
  topics: string[]
  handler: EventHandler
  /** Table (schema-qualified) where processed event ids of this group live. */
  processedTable: string
  /** Attempts before an event goes to `<topic>.dlq`. Default 5. */
  maxAttempts?: number
  /** First retry delay in ms, doubled each attempt. Default 50. */
  retryBackoffMs?: number
  /** Events fetched per batch. Default 100. */
  batchSize?: number
}

export interface Subscription {
  /** Stops after the batch in flight; offsets of finished events are committed. */
  stop(): Promise<void>
}

export interface BusHealth {
  ok: boolean
  kind: 'log' | 'kafka'
  detail?: string
}

/**
 * The event log the services talk to. Implemented once over the log table
 * (embedded) and once over Kafka (distributed); services never know which.
 */
export interface Bus {
  readonly kind: 'log' | 'kafka'
  /**
   * Writes events into the outbox inside the caller's transaction `tx`: they
   * are published exactly when the caller's own writes commit.
   */
  publish(tx: Sql, events: readonly OutgoingEvent[]): Promise<void>
  /** Starts background work (the outbox relay for Kafka). Idempotent. */
  start(): Promise<void>
  subscribe(options: SubscribeOptions): Promise<Subscription>
  health(): Promise<BusHealth>
  /** Stops subscriptions and the relay after the work in flight. */
  close(): Promise<void>
}
