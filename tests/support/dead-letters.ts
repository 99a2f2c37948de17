/** Reads a topic's dead letters (`<topic>.dlq`) in either mode: the log table, or Kafka. */
import { Kafka, logLevel } from 'kafkajs'
import type { Sql } from '@hotline-hub/db'
import type { Mode } from './infra.ts'

export interface DeadLetterSeen {
  key: string
  /** The error the consumer gave up with (header x-dlq-error). */
  error: string
  /** The consumer group that gave up (header x-dlq-group). */
  group: string
}

export async function deadLetters(mode: Pick<Mode, 'env'>, db: Sql, topic: string): Promise<DeadLetterSeen[]> {
  if (!mode.env.KAFKA_BROKERS) {
    const rows = await db.query<{ key: string; headers: Record<string, string> }>(
      `SELECT key, headers FROM bus.outbox WHERE topic = $1 ORDER BY seq`,
      [`${topic}.dlq`],
    )
    return rows.map((r) => ({ key: r.key, error: r.headers['x-dlq-error']!, group: r.headers['x-dlq-group']! }))
  }
  const kafka = new Kafka({ clientId: 'dlq-reader', brokers: mode.env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  const dlq = `${mode.env.KAFKA_TOPIC_PREFIX ?? ''}${topic}.dlq`
  const offsets = await admin.fetchTopicOffsets(dlq)
  await admin.disconnect()
  const total = offsets.reduce((s, p) => s + Number(p.high) - Number(p.low), 0)
  const consumer = kafka.consumer({ groupId: `${mode.env.KAFKA_TOPIC_PREFIX ?? ''}dlq-reader-${Math.random().toString(36).slice(2)}` })
  await consumer.connect()
  await consumer.subscribe({ topic: dlq, fromBeginning: true })
  const letters: DeadLetterSeen[] = []
  await new Promise<void>((resolve) => {
    if (total === 0) return resolve()
    void consumer.run({
      eachMessage: async ({ message }) => {
        letters.push({ key: message.key!.toString(), error: message.headers!['x-dlq-error']!.toString(), group: message.headers!['x-dlq-group']!.toString().replace(mode.env.KAFKA_TOPIC_PREFIX ?? '', '') })
        if (letters.length >= total) resolve()
      },
    })
  })
  await consumer.disconnect()
  return letters
}
