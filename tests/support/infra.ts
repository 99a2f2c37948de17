/**
 * The real infrastructure integration suites run against: PostgreSQL and
 * Apache Kafka started by infra/*.sh (and by .ci/run). When either cannot be
 * reached, the distributed suites fail under CI=true and skip otherwise.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { createTestDatabase, type TestDatabase } from '@hotline-hub/db/testing'

export const testBrokers = (): string[] => (process.env.TEST_KAFKA_BROKERS || '127.0.0.1:9092').split(',')

/** Resolves when a broker answers within a few seconds, rejects with the reason otherwise. */
export async function assertKafkaReachable(brokers = testBrokers()): Promise<void> {
  const admin = new Kafka({ clientId: 'hh-test-probe', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 2000, retry: { retries: 1 } }).admin()
  try {
    await admin.connect()
    await admin.describeCluster()
  } catch (err) {
    throw new Error(`Kafka is unreachable at ${brokers.join(',')}: ${(err as Error).message}. Start it with: bash infra/kafka.sh`)
  } finally {
    await admin.disconnect().catch(() => {})
  }
}

/** How a suite runs: embedded (PGlite + log table) or distributed (PostgreSQL + Kafka). */
export interface Mode {
  name: 'embedded' | 'distributed'
  /** Environment a runtime of this mode reads (DATA_DIR or DATABASE_URL, KAFKA_BROKERS…). */
  env: Record<string, string>
  /** Removes what the mode created (temporary folder or database). */
  cleanup(): Promise<void>
}

export interface ModeChoice {
  name: Mode['name']
  /** tap's skip option: false to run, or the reason it is skipped. */
  skip: false | string
  setup(): Promise<Mode>
}

let distributedProblem: Promise<string | null> | null = null

/**
 * Both modes, for `for (const m of await modes()) t.test(m.name, { skip: m.skip }, …)`.
 * With CI=true an unreachable PostgreSQL or Kafka throws: the suite fails.
 */
export async function modes(): Promise<ModeChoice[]> {
  distributedProblem ??= (async () => {
    try {
      const db = await createTestDatabase()
      await db.drop()
      await assertKafkaReachable()
      return null
    } catch (err) {
      return (err as Error).message
    }
  })()
  const problem = await distributedProblem
  if (problem && process.env.CI === 'true') throw new Error(`CI=true and the real infrastructure is missing: ${problem}`)
  return [
    { name: 'embedded', skip: false, setup: embeddedMode },
    { name: 'distributed', skip: problem ? `${problem} (set CI=true to fail instead)` : false, setup: distributedMode },
  ]
}

export async function embeddedMode(): Promise<Mode> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hh-embedded-'))
  return {
    name: 'embedded',
    env: { DATA_DIR: dir, LOG_LEVEL: 'warn' },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

export async function distributedMode(): Promise<Mode> {
  const db: TestDatabase = await createTestDatabase()
  return {
    name: 'distributed',
    env: {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`,
      // distributed mode requires the personal-data keys from config (embedded mode generates them)
      PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PII_HASH_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
    },
    cleanup: () => db.drop(),
  }
}
