/**
 * Distributed mode: with DATABASE_URL and KAFKA_BROKERS set, each service
 * runs in a process of its own against PostgreSQL and Kafka. When the
 * database goes away, readiness says so with 503 and Retry-After.
 */
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { modes } from '../support/infra.ts'
import { spawnTs, type Spawned } from '../support/spawn.ts'
import { getJson, listeningUrl, postJson } from '../support/http.ts'
import { createTestDatabase } from '@hotline-hub/db/testing'
import { createHub } from '@hotline-hub/hub'

const distributed = (await modes()).find((m) => m.name === 'distributed')!

t.test('intake, classifier and escalation each run on their own', { skip: distributed.skip }, async (t) => {
  const mode = await distributed.setup()
  t.teardown(() => mode.cleanup())
  const procs: Record<string, Spawned> = {}
  const bases: Record<string, string> = {}
  // One after the other: the first applies the bus migrations, the next ones find them applied;
  // classifier and escalation ask intake (INTAKE_URL) who a bearer token is.
  for (const svc of ['intake', 'classifier', 'escalation']) {
    procs[svc] = spawnTs(`services/${svc}/src/main.ts`, { ...mode.env, PORT: '0', LOG_LEVEL: 'info', ...(bases.intake ? { INTAKE_URL: bases.intake } : {}) })
    t.teardown(() => procs[svc]!.child.kill('SIGKILL'))
    bases[svc] = await listeningUrl(procs[svc]!)
  }
  for (const [svc, base] of Object.entries(bases)) {
    const ready = await getJson(`${base}/readyz`)
    t.equal(ready.status, 200, `${svc}: ${JSON.stringify(ready.body)}`)
    t.same(Object.keys(ready.body.services), [svc], `${svc} reports itself only`)
    t.equal(ready.body.services[svc].checks.log.detail, 'kafka', `${svc} uses Kafka`)
  }

  // A case goes in at intake, through Kafka to the classifier process, and its tags come back to the case.
  const password = (await procs.intake!.waitFor(/password: (\S+)/))[1]!
  const login = await postJson(`${bases.intake}/api/v1/auth/login`, { username: 'admin', password })
  const auth = { authorization: `Bearer ${login.body.token}` }
  const created = await postJson(`${bases.intake}/api/v1/cases`, { channel: 'hotline-12345', content: '小区楼道燃气味很重，怀疑泄漏', receivedAt: new Date(Date.now() - 60_000).toISOString(), caller: {}, location: { district: '道里区' } }, auth)
  t.equal(created.status, 201, JSON.stringify(created.body))
  let view: any
  for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
    view = (await getJson(`${bases.intake}/api/v1/cases/${created.body.id}`, auth)).body
    if (view.classification) break
  }
  t.equal(view.classification?.urgency.value, '紧急', 'the classifier process tagged the case')
  const adhoc = await postJson(`${bases.classifier}/api/v1/classify`, { text: '家里停水两天了' }, auth)
  t.equal(adhoc.status, 200, 'the classifier accepts an intake session (asked at INTAKE_URL)')
  t.equal(adhoc.body.urgency.value, '加急')
  t.equal((await postJson(`${bases.classifier}/api/v1/classify`, { text: '停水' }, { authorization: 'Bearer hs_wrong' })).status, 401)

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
