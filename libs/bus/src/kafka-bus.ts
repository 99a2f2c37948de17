import { Kafka, logLevel, type Admin, type Consumer, type KafkaMessage, type Producer } from 'kafkajs'
import type { Db, Sql } from '@hotline-hub/db'
import { dlqTopic } from '@hotline-hub/contracts'
import { deliver, assertTableName } from './deliver.ts'
import { enqueue, dlqHeaders } from './outbox.ts'
import { OutboxRelay } from './relay.ts'
import { KafkaUnavailableError } from './kafka-errors.ts'
import { silentLogger, type BusLogger } from './logger.ts'
import type { BusMetrics } from './metrics.ts'
import type { Bus, BusHealth, OutgoingEvent, SubscribeOptions, Subscription } from './types.ts'

export interface KafkaBusOptions {
  db: Db
  brokers: string[]
  clientId: string
  /** Prepended to every topic and group: lets several deployments (or test runs) share a cluster. */
  topicPrefix?: string
  partitions?: number
  logger?: BusLogger
  metrics?: BusMetrics
  /** Run the outbox relay in this process. Default true. */
  relay?: boolean
  /** Consumer session timeout: how soon a dead consumer's partitions move. Default 10 s (broker minimum 6 s). */
  sessionTimeoutMs?: number
  /** How long start-up may try to reach the brokers. Default 10 s. */
  connectTimeoutMs?: number
}

const COMMIT_EVERY = 50

/**
 * The distributed bus: the outbox is relayed to Kafka with an idempotent
 * producer keyed by case id; consumer groups commit offsets only after the
 * effect of each event is stored.
 */
export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const
  private readonly kafka: Kafka
  private readonly producer: Producer
  private readonly admin: Admin
  private readonly relay: OutboxRelay | null
  private readonly consumers = new Set<Consumer>()
  private readonly stopping = new Set<Consumer>()
  /** Marks a consumer as ended, so that kafkajs does not restart it after a crash. */
  private readonly enders = new Map<Consumer, () => void>()
  private readonly prefix: string
  private readonly log: BusLogger
  private started: Promise<void> | null = null
  private readonly knownTopics = new Set<string>()

  constructor(private readonly o: KafkaBusOptions) {
    this.prefix = o.topicPrefix ?? ''
    this.log = o.logger ?? silentLogger
    this.kafka = new Kafka({
      clientId: o.clientId,
      brokers: o.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3000,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
    })
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true })
    this.admin = this.kafka.admin()
    this.relay =
      o.relay === false
        ? null
        : new OutboxRelay({ db: o.db, producer: this.producer, topicPrefix: this.prefix, logger: this.log, metrics: o.metrics })
  }

  start(): Promise<void> {
    this.started ??= this.connect()
    return this.started
  }

  private async connect(): Promise<void> {
    const timeout = this.o.connectTimeoutMs ?? 10_000
    try {
      await withTimeout(Promise.all([this.producer.connect(), this.admin.connect()]), timeout, 'connect')
      await withTimeout(this.admin.describeCluster(), timeout, 'describeCluster')
    } catch (err) {
      this.started = null
      await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()])
      throw new KafkaUnavailableError(this.o.brokers, err)
    }
    this.relay?.start()
  }

  async publish(tx: Sql, events: readonly OutgoingEvent[]): Promise<void> {
    await enqueue(tx, events, { serializeWriters: false })
    for (const e of events) this.o.metrics?.published.inc({ topic: e.topic })
    setImmediate(() => this.relay?.wake())
  }

  /** Creates topics (and their dead-letter topics) with the configured partitions. */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    const wanted = topics.flatMap((t) => [t, dlqTopic(t)]).map((t) => this.prefix + t).filter((t) => !this.knownTopics.has(t))
    if (wanted.length === 0) return
    // kafkajs' own waitForLeaders retries only LEADER_NOT_AVAILABLE; a KRaft
    // broker can also answer UNKNOWN_TOPIC_OR_PARTITION for a topic it has just
    // created (or that another process is creating), so the wait is ours.
    await this.admin.createTopics({
      waitForLeaders: false,
      topics: wanted.map((topic) => ({ topic, numPartitions: this.o.partitions ?? 3, replicationFactor: 1 })),
    })
    await this.waitForLeaders(wanted)
    wanted.forEach((t) => this.knownTopics.add(t))
  }

  /** Until every partition of `topics` has a leader (bounded by the connect timeout, at least 30 s). */
  private async waitForLeaders(topics: string[]): Promise<void> {
    const deadline = Date.now() + Math.max(30_000, this.o.connectTimeoutMs ?? 0)
    for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
      try {
        const { topics: meta } = await this.admin.fetchTopicMetadata({ topics })
        const ready = topics.every((t) => {
          const m = meta.find((x) => x.name === t)
          return m !== undefined && m.partitions.length > 0 && m.partitions.every((p) => p.leader >= 0)
        })
        if (ready) return
      } catch (err) {
        const type = (err as { type?: string }).type
        if (type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE') throw err
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the leaders of ${topics.join(', ')}`)
      await new Promise((r) => setTimeout(r, delay))
    }
  }

  async subscribe(s: SubscribeOptions): Promise<Subscription> {
    assertTableName(s.processedTable)
    await this.start()
    await this.ensureTopics(s.topics)
    // Set once stop() or close() asked this consumer to end: a consumer that
    // crashed (the broker went away) must not restart itself afterwards.
    let ended = false
    const consumer = this.kafka.consumer({
      groupId: this.prefix + s.group,
      sessionTimeout: this.o.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 100,
      retry: { retries: 10, restartOnFailure: async () => !ended },
    })
    await consumer.connect()
    await consumer.subscribe({ topics: s.topics.map((t) => this.prefix + t), fromBeginning: true })
    this.consumers.add(consumer)
    this.enders.set(consumer, () => (ended = true))
    // A restart that was already under way when stop() came joins the group
    // afterwards: end it there, or it would run (and retry) for ever.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (ended) void consumer.disconnect().catch(() => {})
    })
    const isStopping = () => this.stopping.has(consumer)
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const topic = batch.topic.slice(this.prefix.length)
        let pending: string | null = null
        let sinceCommit = 0
        const commit = async () => {
          if (pending === null) return
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: pending }])
          pending = null
          sinceCommit = 0
        }
        for (const message of batch.messages) {
          if (!isRunning() || isStale() || isStopping()) break
          const result = await deliver(this.toRaw(topic, message), {
            db: this.o.db,
            group: s.group,
            processedTable: s.processedTable,
            handler: s.handler,
            maxAttempts: s.maxAttempts ?? 5,
            retryBackoffMs: s.retryBackoffMs ?? 50,
            deadLetter: (l) => this.sendDeadLetter(topic, message, l.group, l.error, l.attempts),
            stopping: isStopping,
            onApplied: (e, duplicate) => this.o.metrics?.consumed.inc({ topic: e.topic, group: s.group, duplicate: String(duplicate) }),
            onDeadLettered: (l) => {
              this.o.metrics?.deadLettered.inc({ topic, group: s.group })
              this.log.warn({ topic, group: s.group, error: l.error, attempts: l.attempts }, 'event dead-lettered')
            },
          })
          if (result === 'interrupted') break
          resolveOffset(message.offset)
          pending = (BigInt(message.offset) + 1n).toString()
          if (++sinceCommit >= COMMIT_EVERY) await commit()
          await heartbeat()
        }
        await commit()
      },
    })
    return {
      stop: async () => {
        ended = true
        this.stopping.add(consumer)
        await consumer.disconnect() // waits for the batch in flight, which commits what it finished
        this.consumers.delete(consumer)
        this.enders.delete(consumer)
        this.stopping.delete(consumer)
      },
    }
  }

  private toRaw(topic: string, m: KafkaMessage) {
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(m.headers ?? {})) {
      const first = Array.isArray(v) ? v[0] : v
      if (first !== undefined) headers[k] = first.toString()
    }
    const text = m.value?.toString() ?? ''
    let envelope: unknown
    try {
      envelope = JSON.parse(text)
    } catch {
      envelope = text
    }
    return { topic, key: m.key?.toString() ?? '', envelope, headers }
  }

  private async sendDeadLetter(topic: string, m: KafkaMessage, group: string, error: string, attempts: number) {
    const raw = this.toRaw(topic, m)
    await this.producer.send({
      topic: this.prefix + dlqTopic(topic),
      acks: -1,
      messages: [
        {
          key: m.key,
          value: m.value,
          headers: dlqHeaders({ ...raw, group, error, attempts }),
        },
      ],
    })
  }

  async health(): Promise<BusHealth> {
    try {
      await withTimeout(this.admin.describeCluster(), 2000, 'describeCluster')
      if (this.relay?.lastError) return { ok: false, kind: 'kafka', detail: `relay: ${this.relay.lastError.message}` }
      return { ok: true, kind: 'kafka' }
    } catch (err) {
      return { ok: false, kind: 'kafka', detail: (err as Error).message }
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map(async (c) => { this.enders.get(c)?.(); this.stopping.add(c); await c.disconnect() }))
    this.consumers.clear()
    this.enders.clear()
    await this.relay?.stop()
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()])
    this.started = null
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)
    }),
  ])
}
