/**
 * The bus contract, against both implementations: 5,000 events through the
 * outbox, a consumer killed (SIGKILL) mid-stream and started again, every
 * event applied exactly once and in per-key order, and a poison event in
 * the dead-letter topic with its error.
 */
import t from 'tap'
import { fileURLToPath } from 'node:url'
import { openDb, migrate, type Db } from '@hotline-hub/db'
import { KafkaBus, LogBus, migrationsDir, type Bus } from '@hotline-hub/bus'
import { makeEnvelope } from '@hotline-hub/contracts'
import { modes, type Mode } from '../support/infra.ts'
import { spawnTs } from '../support/spawn.ts'
import { deadLetters } from '../support/dead-letters.ts'

const TOPIC = 'test.events.v1'
const KEYS = 100
const EVENTS = 5_000
const testMigrations = fileURLToPath(new URL('../fixtures/bus-migrations', import.meta.url))

async function open(mode: Mode): Promise<Db> {
  return openDb(mode.env.DATABASE_URL ? { url: mode.env.DATABASE_URL } : { dataDir: mode.env.DATA_DIR! })
}

function busFor(mode: Mode, db: Db): Bus {
  return mode.env.KAFKA_BROKERS
    ? new KafkaBus({ db, brokers: mode.env.KAFKA_BROKERS.split(','), clientId: 'contract-producer', topicPrefix: mode.env.KAFKA_TOPIC_PREFIX })
    : new LogBus({ db })
}

/** Event i belongs to key `case-<i mod 100>` and is that key's n-th event. */
async function produce(mode: Mode): Promise<void> {
  const db = await open(mode)
  try {
    await migrate(db, { schema: 'bus', dir: migrationsDir })
    await migrate(db, { schema: 't', dir: testMigrations })
    const bus = busFor(mode, db)
    await bus.start()
    if (bus instanceof KafkaBus) await bus.ensureTopics([TOPIC])
    for (let batch = 0; batch < EVENTS / 100; batch++) {
      await db.transaction(async (tx) => {
        const events = Array.from({ length: 100 }, (_, j) => {
          const i = batch * 100 + j
          const key = `case-${i % KEYS}`
          return { topic: TOPIC, key, envelope: makeEnvelope(TOPIC, { source: 'test', caseId: key, data: { n: Math.floor(i / KEYS) } }) }
        })
        if (batch === EVENTS / 200) events.push({ topic: TOPIC, key: 'case-poison', envelope: makeEnvelope(TOPIC, { source: 'test', caseId: 'case-poison', data: { n: 0, poison: true } }) })
        await bus.publish(tx, events)
      })
    }
    if (bus instanceof KafkaBus) {
      // The relay publishes the outbox to Kafka; wait until it has sent every row.
      for (;;) {
        const [row] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM bus.outbox WHERE published_at IS NULL')
        if (Number(row!.n) === 0) break
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    await bus.close()
  } finally {
    await db.close()
  }
}

for (const m of await modes()) {
  t.test(`${m.name}: 5,000 events, a consumer killed mid-stream, each applied exactly once`, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    t.teardown(() => mode.cleanup())
    await produce(mode)

    const env = { ...mode.env, EXPECTED: String(EVENTS) }
    const first = spawnTs('tests/fixtures/bus-consumer.ts', env)
    await first.waitFor(/applied 1500\n/, 120_000)
    first.child.kill('SIGKILL')
    const killed = await first.exited
    t.equal(killed.signal, 'SIGKILL', 'the first consumer was killed mid-stream')

    const second = spawnTs('tests/fixtures/bus-consumer.ts', env)
    const end = await second.exited
    t.equal(end.code, 0, `the restarted consumer finished: ${second.stderr().slice(-2000)}`)
    const appliedBySecond = Number(/done (\d+)/.exec(second.stdout())?.[1] ?? -1)
    t.ok(appliedBySecond > 0 && appliedBySecond < EVENTS, `the restarted consumer applied the rest (${appliedBySecond})`)

    const db = await open(mode)
    t.teardown(() => db.close())
    const [count] = await db.query<{ n: string | number; distinct_ids: string | number }>(
      'SELECT count(*) AS n, count(DISTINCT event_id) AS distinct_ids FROM t.effects',
    )
    t.equal(Number(count!.n), EVENTS, 'every event has an effect')
    t.equal(Number(count!.distinct_ids), EVENTS, 'no event was applied twice')

    const rows = await db.query<{ key: string; n: number }>('SELECT key, n FROM t.effects ORDER BY seq')
    const next = new Map<string, number>()
    let outOfOrder = 0
    for (const r of rows) {
      const want = next.get(r.key) ?? 0
      if (r.n !== want) outOfOrder++
      next.set(r.key, r.n + 1)
    }
    t.equal(outOfOrder, 0, 'per key, effects were applied in the order produced')
    t.equal(next.size, KEYS)

    const letters = await deadLetters(mode, db, TOPIC)
    t.equal(letters.length, 1, 'exactly one dead letter')
    t.equal(letters[0]?.key, 'case-poison')
    t.match(letters[0]?.error, /poison: this event can never be applied/, 'the dead letter carries the error')
  })
}
