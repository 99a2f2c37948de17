import { randomUUID } from 'node:crypto'
import type { Db } from '@hotline-hub/db'
import type { Producer } from 'kafkajs'
import { claimLease, releaseLease } from './lease.ts'
import type { BusLogger } from './logger.ts'
import { Waker } from './waker.ts'
import type { BusMetrics } from './metrics.ts'

interface Row {
  seq: string | number
  topic: string
  key: string
  envelope: unknown
  headers: Record<string, string>
}

export interface RelayOptions {
  db: Db
  producer: Producer
  topicPrefix: string
  logger: BusLogger
  metrics?: BusMetrics
  batchSize?: number
  maxPollMs?: number
  leaseMs?: number
}

const RELAY_GROUP = '__outbox_relay'

/**
 * Publishes outbox rows to Kafka in sequence order, then marks them
 * published. One relay is active at a time (a lease); a crash between the
 * send and the mark republishes the rows, which consumers deduplicate.
 */
export class OutboxRelay {
  private running = false
  private loop: Promise<void> | null = null
  private readonly waker = new Waker()
  private readonly owner = `${process.pid}-${randomUUID()}`
  /** Last error talking to Kafka or the database; null when the last round worked. */
  lastError: Error | null = null

  constructor(private readonly o: RelayOptions) {}

  start(): void {
    if (this.running) return
    this.running = true
    this.loop = this.work()
  }

  wake(): void {
    this.waker.wake()
  }

  async stop(): Promise<void> {
    this.running = false
    this.waker.wake()
    await this.loop
    await releaseLease(this.o.db, RELAY_GROUP, this.owner).catch(() => {})
  }

  private async work(): Promise<void> {
    const maxPoll = this.o.maxPollMs ?? 200
    let idle = 5
    let held = false
    let renewAt = 0
    while (this.running) {
      try {
        const leaseMs = this.o.leaseMs ?? 10_000
        // Renew the lease a third of the way through, not on every round.
        if (!held || Date.now() >= renewAt) {
          held = (await claimLease(this.o.db, RELAY_GROUP, this.owner, leaseMs)) !== null
          renewAt = Date.now() + leaseMs / 3
        }
        const sent = held ? await this.round() : 0
        this.lastError = null
        idle = sent > 0 ? 5 : Math.min(idle * 2, maxPoll)
        if (sent === 0) await this.waker.pause(held ? idle : maxPoll * 5)
      } catch (err) {
        held = false
        this.lastError = err as Error
        this.o.logger.warn({ err: (err as Error).message }, 'outbox relay failed; will retry')
        await this.waker.pause(Math.min(maxPoll * 5, 1000))
      }
    }
  }

  private async round(): Promise<number> {
    const rows = await this.o.db.query<Row>(
      `SELECT seq, topic, key, envelope, headers FROM bus.outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      [this.o.batchSize ?? 500],
    )
    if (rows.length === 0) return 0
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>()
    for (const r of rows) {
      const topic = this.o.topicPrefix + r.topic
      const list = byTopic.get(topic) ?? []
      list.push({ key: r.key, value: JSON.stringify(r.envelope), headers: r.headers ?? {} })
      byTopic.set(topic, list)
    }
    await this.o.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    })
    const seqs = rows.map((r) => String(r.seq))
    await this.o.db.query(
      `UPDATE bus.outbox SET published_at = now() WHERE seq IN (${seqs.map((_, i) => `$${i + 1}`).join(', ')})`,
      seqs,
    )
    for (const r of rows) this.o.metrics?.relayed.inc({ topic: r.topic })
    return rows.length
  }

}
