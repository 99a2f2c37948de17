/**
 * Distributed mode: with DATABASE_URL and KAFKA_BROKERS set, each service
 * runs in a process of its own against PostgreSQL and Kafka. When the
 * database goes away, readiness says so with 503 and Retry-After.
 */
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { modes } from '../support/infra.ts'
import { spawnTs, type Spawned } from '../support/spawn.ts'
import { getJson, listeningUrl } from '../support/http.ts'
import { createTestDatabase } from '@hotline-hub/db/testing'
import { createHub } from '@hotline-hub/hub'

const distributed = (await modes()).find((m) => m.name === 'distributed')!

t.test('intake, classifier and escalation each run on their own', { skip: distributed.skip }, async (t) => {
  const mode = await distributed.setup()
  t.teardown(() => mode.cleanup())
  const procs: Record<string, Spawned> = {}
  // One after the other: the first applies the bus migrations, the next ones find them applied.
  for (const svc of ['intake', 'classifier', 'escalation']) {
    procs[svc] = spawnTs(`services/${svc}/src/main.ts`, { ...mode.env, PORT: '0', LOG_LEVEL: 'info' })
    t.teardown(() => procs[svc]!.child.kill('SIGKILL'))
  }
  for (const [svc, p] of Object.entries(procs)) {
    const base = await listeningUrl(p)
    const ready = await getJson(`${base}/readyz`)
    t.equal(ready.status, 200, `${svc}: ${JSON.stringify(ready.body)}`)
    t.same(Object.keys(ready.body.services), [svc], `${svc} reports itself only`)
    t.equal(ready.body.services[svc].checks.log.detail, 'kafka', `${svc} uses Kafka`)
  }
  for (const p of Object.values(procs)) p.child.kill('SIGTERM')
  for (const [svc, p] of Object.entries(procs)) t.equal((await p.exited).code, 0, `${svc} stops cleanly on SIGTERM`)
})

t.test('readiness turns false with 503 and Retry-After when the database goes away', { skip: distributed.skip }, async (t) => {
  const db = await createTestDatabase()
  t.teardown(() => db.drop())
  const key = () => randomBytes(32).toString('base64')
  const hub = await createHub({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', PII_ENCRYPTION_KEY: key(), PII_HASH_KEY: key() })
  t.teardown(() => hub.close())
  t.equal((await hub.app.inject('/readyz')).statusCode, 200)
  await db.drop() // terminates the connections and removes the database
  const res = await hub.app.inject('/readyz')
  t.equal(res.statusCode, 503)
  t.equal(res.headers['retry-after'], '5')
  const body = res.json()
  t.equal(body.status, 'not_ready')
  t.equal(body.services.intake.checks.database.ok, false)
})
