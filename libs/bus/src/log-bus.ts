import { randomUUID } from 'node:crypto'
import type { Db, Sql } from '@hotline-hub/db'
import { deliver, assertTableName } from './deliver.ts'
import { claimLease, releaseLease } from './lease.ts'
import { enqueue, insertDeadLetter } from './outbox.ts'
import { silentLogger, type BusLogger } from './logger.ts'
import { Waker } from './waker.ts'
import type { Bus, BusHealth, OutgoingEvent, SubscribeOptions, Subscription } from './types.ts'
import type { BusMetrics } from './metrics.ts'

export interface LogBusOptions {
  db: Db
  logger?: BusLogger
  metrics?: BusMetrics
  /** Longest wait between polls when the log is idle. Default 200 ms. */
  maxPollMs?: number
  /** How long a consumer's claim on its group lasts without renewal. Default 10 s. */
  leaseMs?: number
}

class LeaseLost extends Error {
  readonly abortDelivery = true
}

interface OutboxRow {
  seq: string | number
  topic: string
  key: string
  envelope: unknown
  headers: Record<string, string>
}

/**
 * The embedded bus: the outbox table is the log. Each consumer group keeps
 * one position over the log, advanced in the same transaction as the effect
 * of each event, so a consumer killed at any point resumes where its last
 * committed effect left off.
 */
export class LogBus implements Bus {
  readonly kind = 'log' as const
  private readonly subs = new Set<LogSubscription>()
  private readonly waiters = new Set<() => void>()

  constructor(private readonly o: LogBusOptions) {}

  async start(): Promise<void> {}

  async publish(tx: Sql, events: readonly OutgoingEvent[]): Promise<void> {
    await enqueue(tx, events, { serializeWriters: this.o.db.kind === 'postgres' })
    for (const e of events) this.o.metrics?.published.inc({ topic: e.topic })
    // Wake local consumers; they find the rows once the caller's transaction commits.
    setImmediate(() => this.waiters.forEach((w) => w()))
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    assertTableName(options.processedTable)
    const sub = new LogSubscription(this.o, options, this.waiters)
    this.subs.add(sub)
    sub.run()
    return { stop: async () => { await sub.stop(); this.subs.delete(sub) } }
  }

  async health(): Promise<BusHealth> {
    try {
      await this.o.db.query('SELECT 1 FROM bus.outbox LIMIT 1')
      return { ok: true, kind: 'log' }
    } catch (err) {
      return { ok: false, kind: 'log', detail: (err as Error).message }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subs].map((s) => s.stop()))
    this.subs.clear()
  }
}

class LogSubscription {
  private running = true
  private loop: Promise<void> | null = null
  private readonly waker = new Waker()
  private readonly owner = `${process.pid}-${randomUUID()}`
  private readonly log: BusLogger

  constructor(
    private readonly o: LogBusOptions,
    private readonly s: SubscribeOptions,
    private readonly waiters: Set<() => void>,
  ) {
    this.log = o.logger ?? silentLogger
  }

  run(): void {
    const signal = () => this.waker.wake()
    this.waiters.add(signal)
    this.loop = this.work().finally(() => this.waiters.delete(signal))
  }

  async stop(): Promise<void> {
    this.running = false
    this.waker.wake()
    await this.loop
    await releaseLease(this.o.db, this.s.group, this.owner).catch(() => {})
  }

  private async work(): Promise<void> {
    const maxPoll = this.o.maxPollMs ?? 200
    const leaseMs = this.o.leaseMs ?? 10_000
    let idle = 10
    // The lease is renewed a third of the way through, not on every batch: two
    // fewer statements per batch. Between renewals the position is kept here.
    let position: bigint | null = null
    let renewAt = 0
    while (this.running) {
      try {
        if (position === null || Date.now() >= renewAt) {
          position = await claimLease(this.o.db, this.s.group, this.owner, leaseMs)
          renewAt = Date.now() + leaseMs / 3
          if (position === null) {
            await this.waker.pause(leaseMs / 4) // standby: another process holds the group
            continue
          }
        }
        const { handled, last } = await this.batch(position)
        position = last
        idle = handled > 0 ? 10 : Math.min(idle * 2, maxPoll)
        if (handled === 0) await this.waker.pause(idle)
      } catch (err) {
        position = null // claim again: the lease may be lost, and the stored position is the truth
        if (err instanceof LeaseLost) continue
        this.log.error({ err, group: this.s.group }, 'log consumer failed; retrying')
        await this.waker.pause(maxPoll)
      }
    }
  }

  private async batch(position: bigint): Promise<{ handled: number; last: bigint }> {
    const topics = this.s.topics
    const placeholders = topics.map((_, i) => `$${i + 3}`).join(', ')
    const rows = await this.o.db.query<OutboxRow>(
      `SELECT seq, topic, key, envelope, headers FROM bus.outbox
        WHERE seq > $1 AND topic IN (${placeholders}) ORDER BY seq LIMIT $2`,
      [position.toString(), this.s.batchSize ?? 100, ...topics],
    )
    let done = 0
    let last = position
    for (const row of rows) {
      if (!this.running) break
      const seq = String(row.seq)
      const advance = async (tx: Sql) => {
        const moved = await tx.query(
          `UPDATE bus.consumer_positions SET position = $3 WHERE group_name = $1 AND owner = $2 RETURNING position`,
          [this.s.group, this.owner, seq],
        )
        if (moved.length === 0) throw new LeaseLost(`lease on ${this.s.group} lost`)
      }
      const result = await deliver(
        { topic: row.topic, key: row.key, envelope: row.envelope, headers: row.headers ?? {} },
        {
          db: this.o.db,
          group: this.s.group,
          processedTable: this.s.processedTable,
          handler: this.s.handler,
          maxAttempts: this.s.maxAttempts ?? 5,
          retryBackoffMs: this.s.retryBackoffMs ?? 50,
          alsoInTransaction: advance,
          deadLetter: (l, tx) =>
            insertDeadLetter(tx!, { ...l.event, group: l.group, error: l.error, attempts: l.attempts }),
          stopping: () => !this.running,
          onApplied: (e, duplicate) => this.o.metrics?.consumed.inc({ topic: e.topic, group: this.s.group, duplicate: String(duplicate) }),
          onDeadLettered: (l) => {
            this.o.metrics?.deadLettered.inc({ topic: l.event.topic, group: l.group })
            this.log.warn({ topic: l.event.topic, group: l.group, error: l.error, attempts: l.attempts }, 'event dead-lettered')
          },
        },
      )
      if (result === 'interrupted') break
      last = BigInt(seq)
      done++
    }
    return { handled: done, last }
  }

}
