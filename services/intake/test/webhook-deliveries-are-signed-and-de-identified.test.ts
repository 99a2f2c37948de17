import t from 'tap'
import { buildHub, count, caseBody, consumerCaughtUp, receiver, signatureIsValid, until } from './webhook-harness.ts'

const hub = await buildHub(t)
const { inject } = hub

t.test('a key subscribes, its cases come back signed, de-identified, and only to its channels', async (t) => {
  const mine = await hub.key(['hotline-12345'])
  const other = await hub.key(['web-message'])
  const operator = await hub.login('operator')
  const receiving = await receiver(t)
  const elsewhere = await receiver(t)

  const sub = await inject({ method: 'POST', url: '/api/v1/webhooks', headers: mine.headers, payload: { url: receiving.url, events: ['case.received', 'case.lifecycle'] } })
  t.equal(sub.statusCode, 201, 'subscribed')
  const { id, secret, channels } = sub.json()
  t.match(secret, /^whsec_[A-Za-z0-9_-]{40,}$/, 'a secret is generated and shown once')
  t.same(channels, ['hotline-12345'], "the subscription is limited to the key's channels")
  const otherSub = await inject({ method: 'POST', url: '/api/v1/webhooks', headers: other.headers, payload: { url: elsewhere.url, events: ['case.received', 'case.lifecycle'] } })
  t.equal(otherSub.statusCode, 201, 'subscribed')

  const created = await inject({ method: 'POST', url: '/api/v1/cases', headers: mine.headers, payload: caseBody('hotline-12345') })
  t.equal(created.statusCode, 201, created.body)
  const caseId = created.json().id
  const dispatched = await inject({ method: 'POST', url: `/api/v1/cases/${caseId}/dispatch`, headers: operator, payload: { department: '市城管局' } })
  t.equal(dispatched.statusCode, 200, dispatched.body)

  await until('two deliveries', () => receiving.requests.length >= 2)
  await until('the consumer has applied both events', () => consumerCaughtUp(hub.runtime, caseId))
  t.equal(receiving.requests.length, 2, 'one request per event')

  const byType = new Map(receiving.requests.map((r) => [r.headers['x-hotline-event'], r]))
  t.same([...byType.keys()].sort(), ['case.lifecycle', 'case.received'])
  for (const r of receiving.requests) {
    t.equal(r.headers['content-type'], 'application/json; charset=utf-8')
    t.match(r.headers['x-hotline-delivery'], /^[0-9a-f-]{36}$/)
    t.match(r.headers['x-hotline-timestamp'], /^\d{10}$/)
    t.ok(signatureIsValid(secret, r), 'X-Hotline-Signature is the HMAC-SHA256 of "<timestamp>.<body>"')
    t.notOk(signatureIsValid('some-other-secret', r), 'and only with this secret')
    t.notMatch(r.body, /13812345678|13912345678|张三丰|安静小区/, 'no raw personal data, not even in the free text')
    t.notMatch(r.body, /phoneHash/, 'the keyed phone hash stays inside')
  }
  t.not(receiving.requests[0]!.headers['x-hotline-delivery'], receiving.requests[1]!.headers['x-hotline-delivery'])

  const received = JSON.parse(byType.get('case.received')!.body)
  t.equal(received.type, 'case.received')
  t.equal(received.caseId, caseId)
  t.equal(received.data.case.caller.phone, '138****5678')
  t.equal(received.data.case.caller.name, '张**')
  t.match(received.data.case.content, /请回电139\*\*\*\*5678/)
  const lifecycle = JSON.parse(byType.get('case.lifecycle')!.body)
  t.match(lifecycle.data, { action: 'dispatch', from: 'received', to: 'dispatched', department: '市城管局' })

  t.equal(elsewhere.requests.length, 0, 'a subscription for another channel gets nothing')
  const n = await count(hub.runtime, 'SELECT count(*) FROM intake.webhook_deliveries WHERE subscription_id = $1', [otherSub.json().id])
  t.equal(n, 0, 'not even a queued delivery')

  const deliveries = () => inject({ url: `/api/v1/webhooks/${id}/deliveries`, headers: mine.headers })
  await until('both deliveries recorded', async () => (await deliveries()).json().items.filter((d: any) => d.status !== 'pending').length === 2)
  const history = await deliveries()
  t.equal(history.statusCode, 200, history.body)
  const items = history.json().items
  t.equal(items.length, 2)
  for (const d of items) {
    t.match(d, { status: 'delivered', attempts: 1, caseId, lastStatusCode: 200 })
    t.equal(d.attemptLog.length, 1)
    t.match(d.attemptLog[0], { attempt: 1, statusCode: 200, error: null })
    t.type(d.attemptLog[0].durationMs, 'number')
  }
  t.same(new Set(items.map((d: any) => d.id)), new Set(receiving.requests.map((r) => r.headers['x-hotline-delivery'])), 'X-Hotline-Delivery is the delivery id')

  const [row] = await hub.runtime.db.query<{ secret_ciphertext: string }>('SELECT secret_ciphertext FROM intake.webhook_subscriptions WHERE id = $1', [id])
  t.notMatch(row!.secret_ciphertext, secret, 'the secret is stored encrypted')
  const listed = await inject({ url: '/api/v1/webhooks', headers: mine.headers })
  t.notMatch(listed.body, secret, 'and never shown again')
})
