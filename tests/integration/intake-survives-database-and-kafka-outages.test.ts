/**
 * Distributed mode under outages (DOMAIN/ARCHITECTURE: no step can lose a
 * case):
 * - the database goes away → creating a case answers 503 problem+json with
 *   Retry-After and INTAKE_ERR_UNAVAILABLE, /readyz says 503; when it comes
 *   back, cases are accepted again;
 * - Kafka goes away → cases are still accepted (201) into the outbox,
 *   readiness reports the log as not ok; when the broker returns, the relay
 *   publishes every one of them (read back from the topic).
 * The Kafka outage uses a broker of the test's own (infra/kafka.sh on free
 * ports), so the shared broker keeps serving the other suites.
 */
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { openDb } from '@hotline-hub/db'
import { createTestDatabase, testAdminUrl } from '@hotline-hub/db/testing'
import { modes, testBrokers } from '../support/infra.ts'
import { jsonClient } from '../support/json-client.ts'
import { privateKafka } from '../support/private-kafka.ts'
import { buildIntake, caseBody } from '../../services/intake/test/helper.ts'

const distributed = (await modes()).find((m) => m.name === 'distributed')!

const piiKeys = () => ({ PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'), PII_HASH_KEY: randomBytes(32).toString('base64') })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(200)
  }
}

t.test('database down: 503 with Retry-After, not ready, and back when it returns', { skip: distributed.skip }, async (t) => {
  const database = await createTestDatabase()
  t.teardown(() => database.drop())
  const app = await buildIntake(t, {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: testBrokers().join(','),
    KAFKA_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`,
    LOG_LEVEL: 'silent',
    ...piiKeys(),
  })
  const base = await app.runtime.app.listen({ port: 0, host: '127.0.0.1' })
  const client = jsonClient(base, 16)
  t.teardown(() => client.close())
  const adminDb = await openDb({ url: testAdminUrl() })
  t.teardown(() => adminDb.close())

  const created = await client.post('/api/v1/cases', caseBody(), app.headers('operator'))
  t.equal(created.status, 201, 'a case is accepted while the database is up')
  t.equal((await client.get('/readyz')).status, 200)

  // The database stops taking connections and every open one is cut.
  await adminDb.query(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS false`)
  await adminDb.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database.name])

  const attempts = await Promise.all([
    ...Array.from({ length: 6 }, (_, i) => client.post('/api/v1/cases', caseBody({ content: `停电第${i}次反映` }), app.headers('operator'))),
    ...Array.from({ length: 6 }, (_, i) => client.post('/api/v1/cases', caseBody({ content: `停电第${i}次反映（集成方）` }), app.headers('key'))),
  ])
  for (const [i, res] of attempts.entries()) {
    t.equal(res.status, 503, `create ${i} while the database is down: 503 (${res.text.slice(0, 200)})`)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.equal(res.headers['retry-after'], '5', 'with Retry-After')
    t.equal(res.body.code, 'INTAKE_ERR_UNAVAILABLE')
    t.notMatch(res.text, /ECONNREFUSED|pg_|terminat|postgres/i, 'no internals in the answer')
  }
  const list = await client.get('/api/v1/cases', app.headers('leader'))
  t.equal(list.status, 503, 'reads are 503 too')
  const ready = await client.get('/readyz')
  t.equal(ready.status, 503, '/readyz is 503')
  t.equal(ready.headers['retry-after'], '5')
  t.equal(ready.body.services.intake.checks.database.ok, false, 'the database check is not ok')

  // It comes back: new connections work again and nothing is needed from the operator.
  await adminDb.query(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS true`)
  const again = await until('a 201 after the database returns', async () => {
    const res = await client.post('/api/v1/cases', caseBody({ content: '恢复后受理' }), app.headers('operator'))
    return res.status === 201 ? res : undefined
  }, 30_000)
  t.equal(again.status, 201, 'accepted again once the database is back')
  let lastReady: unknown
  await until('readiness to recover', async () => {
    const r = await client.get('/readyz')
    lastReady = r.body
    return r.status === 200
  }, 30_000).catch((err: Error) => t.fail(`${err.message}: ${JSON.stringify(lastReady)}`))
  t.pass('ready again')
  t.equal(await app.count('cases'), 2, 'the refused creates stored nothing')

  // Gone for good (the test database dropped): still 503, never 500.
  await database.drop()
  const gone = await client.post('/api/v1/cases', caseBody({ content: '数据库已删除' }), app.headers('operator'))
  t.equal(gone.status, 503, `a dropped database answers 503 too (${gone.text.slice(0, 200)})`)
  t.equal(gone.body.code, 'INTAKE_ERR_UNAVAILABLE')
  t.equal(gone.headers['retry-after'], '5')
})

t.test('Kafka down: cases go into the outbox and are published when it returns', { skip: distributed.skip }, async (t) => {
  const kafka = await privateKafka()
  t.teardown(() => kafka.dispose())
  await kafka.start()
  const database = await createTestDatabase()
  t.teardown(() => database.drop())
  const prefix = `t${randomBytes(4).toString('hex')}.`
  const app = await buildIntake(t, { DATABASE_URL: database.url, KAFKA_BROKERS: kafka.brokers.join(','), KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'silent', ...piiKeys() })
  const base = await app.runtime.app.listen({ port: 0, host: '127.0.0.1' })
  const client = jsonClient(base, 16)
  t.teardown(() => client.close())
  const unpublished = async () => Number((await app.runtime.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM bus.outbox WHERE published_at IS NULL`))[0]!.n)

  const before = await client.post('/api/v1/cases', caseBody({ content: 'Kafka 正常时受理' }), app.headers('operator'))
  t.equal(before.status, 201)
  await until('the first case to be relayed', async () => (await unpublished()) === 0)
  t.equal((await client.get('/readyz')).status, 200, 'ready with the broker up')

  await kafka.stop()
  const ids: string[] = [before.body.id]
  const during = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      client.post('/api/v1/cases', caseBody({ content: `Kafka 中断期间受理 ${i}`, externalId: `outage-${i}` }), app.headers(i % 2 ? 'key' : 'operator')),
    ),
  )
  for (const res of during) {
    t.equal(res.status, 201, `accepted while Kafka is down (${res.text.slice(0, 200)})`)
    ids.push(res.body.id)
  }
  const [received] = await app.runtime.db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM bus.outbox WHERE topic = 'case.received.v1' AND published_at IS NULL`,
  )
  t.equal(Number(received!.n), 20, 'the 20 events wait in the outbox')
  const ready = await until('readiness to notice the broker is gone', async () => {
    const r = await client.get('/readyz')
    return r.status === 503 ? r : undefined
  }, 30_000)
  const log = ready.body.services.intake.checks.log as { ok: boolean; detail?: string }
  t.equal(log.ok, false, `readiness reports the log as not ok (${log.detail})`)
  t.equal(ready.headers['retry-after'], '5')
  const more = await client.post('/api/v1/cases', caseBody({ content: 'Kafka 中断期间又一件' }), app.headers('operator'))
  t.equal(more.status, 201, 'still accepting while readiness says not ready')
  ids.push(more.body.id)

  await kafka.start()
  await until('the outbox to drain after the broker returns', async () => (await unpublished()) === 0, 120_000)
  t.pass('the relay published the outbox once the broker was back')
  await until('readiness to recover', async () => (await client.get('/readyz')).status === 200, 60_000)
  t.pass('ready again')

  const seen = await readKeys(kafka.brokers, `${prefix}case.received.v1`, new Set(ids))
  t.same([...ids].filter((id) => !seen.has(id)), [], `every case accepted during the outage is on ${prefix}case.received.v1`)
  t.equal(await app.count('cases'), 22)
})

/** Reads a topic from the beginning until every wanted key was seen (or 60 s). */
async function readKeys(brokers: string[], topic: string, wanted: Set<string>): Promise<Set<string>> {
  const kafka = new Kafka({ clientId: 'outage-check', brokers, logLevel: logLevel.NOTHING })
  const consumer = kafka.consumer({ groupId: `outage-check-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 })
  const seen = new Set<string>()
  await consumer.connect()
  let timer: NodeJS.Timeout | undefined
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true })
    let done!: () => void
    const all = new Promise<void>((resolve) => (done = resolve))
    await consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString()
        if (key) seen.add(key)
        if ([...wanted].every((k) => seen.has(k))) done()
      },
    })
    await Promise.race([all, new Promise((r) => (timer = setTimeout(r, 60_000)))])
  } finally {
    clearTimeout(timer)
    await consumer.disconnect()
  }
  return seen
}
