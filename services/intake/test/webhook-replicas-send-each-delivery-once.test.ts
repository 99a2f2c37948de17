/**
 * Two replicas on one PostgreSQL database: both run the webhook consumer and
 * the delivery worker. Rows are claimed with FOR UPDATE SKIP LOCKED and a
 * lease, so every delivery is sent once, not once per replica.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { createTestDatabaseOrSkip } from '@hotline-hub/db/testing'
import { createRuntime, type Runtime } from '@hotline-hub/platform'
import { Principals } from '../src/auth/principals.ts'
import { IntakeConfigSchema } from '../src/config.ts'
import { PiiVault } from '../src/pii/vault.ts'
import { createIntakeService } from '../src/service.ts'
import { caseBody, count, until } from './webhook-harness.ts'

const pg = await createTestDatabaseOrSkip()
t.teardown(() => pg.database?.drop())

t.test('two replicas on PostgreSQL send each delivery exactly once', { skip: pg.skip }, async (t) => {
  const env = {
    DATABASE_URL: pg.database!.url,
    PII_ENCRYPTION_KEY: PiiVault.generateKey(),
    PII_HASH_KEY: PiiVault.generateKey(),
    LOG_LEVEL: 'silent',
    WEBHOOK_BASE_DELAY_MS: '20',
    WEBHOOK_MAX_DELAY_MS: '200',
  }
  const replicas: Runtime[] = []
  t.teardown(async () => { for (const r of replicas) await r.close() })
  for (let i = 0; i < 2; i++)
    replicas.push(await createRuntime({ name: `intake-replica-${i}`, schema: IntakeConfigSchema, env, factories: [createIntakeService], telemetry: false }))

  const seen: string[] = []
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      seen.push(String(req.headers['x-hotline-delivery']))
      setTimeout(() => res.end('ok'), 20) // slow enough for the replicas' claims to overlap
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`

  const key = await new Principals(replicas[0]!.db, 3600_000).createApiKey('replica test', ['hotline-12345'], 100_000)
  const headers = { 'x-api-key': key.key }
  const sub = await replicas[1]!.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers, payload: { url, events: ['case.received'] } })
  t.equal(sub.statusCode, 201, 'subscribed')

  const CASES = 30
  for (let i = 0; i < CASES; i++) {
    const res = await replicas[i % 2]!.app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: caseBody('hotline-12345', { content: `路灯不亮 第${i}处` }) })
    t.equal(res.statusCode, 201)
  }
  const delivered = () => count(replicas[0]!, `SELECT count(*) FROM intake.webhook_deliveries WHERE status = 'delivered'`)
  await until('every delivery is delivered', async () => (await delivered()) === CASES, 60_000)

  t.equal(seen.length, CASES, 'one request per delivery')
  t.equal(new Set(seen).size, CASES, 'no delivery sent twice')
  t.equal(await count(replicas[0]!, 'SELECT count(*) FROM intake.webhook_attempts'), CASES, 'one attempt each')
})
