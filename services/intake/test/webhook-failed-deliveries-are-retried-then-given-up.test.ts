import { createServer } from 'node:net'
import t, { type Test } from 'tap'
import { buildHub, count, caseBody, receiver, signatureIsValid, until } from './webhook-harness.ts'

// Small backoff (20 ms doubling, cap 200 ms) and three attempts at most.
const hub = await buildHub(t, { WEBHOOK_MAX_ATTEMPTS: '3' })
const { inject } = hub
const admin = await hub.login('admin')
const SECRET = 'a-secret-chosen-by-the-integrator'

async function subscribe(t: Test, url: string, channels: string[]) {
  const res = await inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url, secret: SECRET, events: ['case.received'], channels } })
  if (res.statusCode !== 201) throw new Error(res.body)
  t.equal(res.json().secret, SECRET, 'a secret given by the integrator is kept')
  return res.json().id as string
}

async function settled(id: string) {
  let items: any[] = []
  await until(`deliveries of ${id} settle`, async () => {
    items = (await inject({ url: `/api/v1/webhooks/${id}/deliveries`, headers: admin })).json().items
    return items.length > 0 && items.every((d) => d.status !== 'pending')
  })
  return items
}

t.test('a receiver answering 500 twice then 200 gets the same delivery three times, then it is delivered', async (t) => {
  const flaky = await receiver(t, (n) => (n <= 2 ? 500 : 200))
  const id = await subscribe(t, flaky.url, ['mayor-line'])
  const created = await inject({ method: 'POST', url: '/api/v1/cases', headers: admin, payload: caseBody('mayor-line') })
  t.equal(created.statusCode, 201, created.body)

  const [d] = await settled(id)
  t.match(d, { status: 'delivered', attempts: 3, lastStatusCode: 200, caseId: created.json().id })
  t.same(d.attemptLog.map((a: any) => [a.attempt, a.statusCode]), [[1, 500], [2, 500], [3, 200]], 'every attempt is recorded')
  t.same(d.attemptLog.map((a: any) => a.error), ['HTTP 500', 'HTTP 500', null])
  t.equal(flaky.requests.length, 3)
  t.same(new Set(flaky.requests.map((r) => r.headers['x-hotline-delivery'])), new Set([d.id]), 'one delivery id across the retries')
  t.ok(flaky.requests.every((r) => signatureIsValid(SECRET, r)), 'each retry is signed anew')
  t.equal(new Set(flaky.requests.map((r) => r.body)).size, 1, 'with the same body')
})

t.test('a receiver that keeps failing: failed after the last attempt, and no more requests', async (t) => {
  const down = await receiver(t, () => 503)
  const id = await subscribe(t, down.url, ['video-patrol'])
  t.equal((await inject({ method: 'POST', url: '/api/v1/cases', headers: admin, payload: caseBody('video-patrol') })).statusCode, 201)

  const [d] = await settled(id)
  t.match(d, { status: 'failed', attempts: 3, lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: null })
  t.equal(d.attemptLog.length, 3)
  t.equal(down.requests.length, 3, 'exactly WEBHOOK_MAX_ATTEMPTS requests')
  const n = await count(hub.runtime, `SELECT count(*) FROM intake.webhook_deliveries WHERE subscription_id = $1 AND status = 'pending'`, [id])
  t.equal(n, 0)
})

t.test('an unreachable URL: the network error is recorded on each attempt', async (t) => {
  const closed = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
  const id = await subscribe(t, `http://127.0.0.1:${closed}/hook`, ['radio-hotline'])
  t.equal((await inject({ method: 'POST', url: '/api/v1/cases', headers: admin, payload: caseBody('radio-hotline') })).statusCode, 201)
  const [d] = await settled(id)
  t.match(d, { status: 'failed', attempts: 3, lastStatusCode: null })
  t.ok(d.attemptLog.every((a: any) => a.statusCode === null && /ECONNREFUSED/.test(a.error)), JSON.stringify(d.attemptLog))
})
