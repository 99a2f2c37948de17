import t from 'tap'
import { buildHub, count, caseBody, consumerCaughtUp, receiver, until } from './webhook-harness.ts'

const hub = await buildHub(t)
const { inject } = hub
const EVENTS = ['case.received', 'case.lifecycle']

t.test('only integrators and admins subscribe, to http(s) URLs, within their channels', async (t) => {
  const key = await hub.key(['hotline-12345', 'web-message'])
  const operator = await hub.login('operator')
  const post = (headers: Record<string, string>, payload: Record<string, unknown>) => inject({ method: 'POST', url: '/api/v1/webhooks', headers, payload })

  const byOperator = await post(operator, { url: 'http://127.0.0.1:9/hook', events: EVENTS })
  t.equal(byOperator.statusCode, 403)
  t.equal(byOperator.json().code, 'INTAKE_ERR_FORBIDDEN_ROLE')
  t.equal((await post({}, { url: 'http://127.0.0.1:9/hook', events: EVENTS })).statusCode, 401)

  for (const url of ['ftp://127.0.0.1/hook', 'file:///etc/passwd', 'not a url', 'http://user:pw@127.0.0.1:9/hook']) {
    const res = await post(key.headers, { url, events: EVENTS })
    t.equal(res.statusCode, 400, url)
    t.equal(res.json().code, 'INTAKE_ERR_VALIDATION', url)
  }
  const badEvent = await post(key.headers, { url: 'http://127.0.0.1:9/hook', events: ['case.classified'] })
  t.equal(badEvent.statusCode, 400, 'unknown event types are refused')
  const shortSecret = await post(key.headers, { url: 'http://127.0.0.1:9/hook', events: EVENTS, secret: 'short' })
  t.equal(shortSecret.statusCode, 400, 'a weak secret is refused')

  const outside = await post(key.headers, { url: 'http://127.0.0.1:9/hook', events: EVENTS, channels: ['hotline-12345', 'mayor-line'] })
  t.equal(outside.statusCode, 403)
  t.equal(outside.json().code, 'INTAKE_ERR_CHANNEL_NOT_ALLOWED')

  const narrower = await post(key.headers, { url: 'https://example.invalid/hook', events: ['case.lifecycle'], channels: ['web-message'] })
  t.equal(narrower.statusCode, 201, 'https URLs anywhere are accepted (only tests are limited to loopback)')
  t.same(narrower.json().channels, ['web-message'], 'a key may narrow its channels')
})

t.test('a key sees and deletes only its own subscriptions; an admin sees all', async (t) => {
  const a = await hub.key(['hotline-12345'])
  const b = await hub.key(['hotline-12345'])
  const admin = await hub.login('admin')
  const sub = (await inject({ method: 'POST', url: '/api/v1/webhooks', headers: a.headers, payload: { url: 'http://127.0.0.1:9/a', events: EVENTS } })).json()

  const listA = (await inject({ url: '/api/v1/webhooks', headers: a.headers })).json().items
  t.same(listA.map((s: any) => s.id), [sub.id])
  t.notOk('secret' in listA[0], 'the list never shows a secret')
  t.same((await inject({ url: '/api/v1/webhooks', headers: b.headers })).json().items, [], "another key does not see it")
  t.ok((await inject({ url: '/api/v1/webhooks', headers: admin })).json().items.some((s: any) => s.id === sub.id), 'the admin does')

  t.equal((await inject({ url: `/api/v1/webhooks/${sub.id}/deliveries`, headers: b.headers })).statusCode, 404)
  t.equal((await inject({ method: 'DELETE', url: `/api/v1/webhooks/${sub.id}`, headers: b.headers })).statusCode, 404, 'nor delete it')
  t.equal((await inject({ url: `/api/v1/webhooks/${sub.id}/deliveries`, headers: admin })).statusCode, 200)

  const rotated = await inject({ method: 'POST', url: `/api/v1/api-keys/${a.id}/rotate`, headers: admin })
  t.equal(rotated.statusCode, 201, 'key rotated')
  const successor = { 'x-api-key': rotated.json().key }
  t.same((await inject({ url: '/api/v1/webhooks', headers: successor })).json().items.map((s: any) => s.id), [sub.id], 'the rotated key keeps its subscriptions')

  t.equal((await inject({ method: 'DELETE', url: `/api/v1/webhooks/${sub.id}`, headers: successor })).statusCode, 204)
  t.same((await inject({ url: '/api/v1/webhooks', headers: a.headers })).json().items, [])
  t.equal((await inject({ method: 'DELETE', url: `/api/v1/webhooks/${sub.id}`, headers: a.headers })).statusCode, 404, 'gone')
})

t.test('deleted subscriptions and revoked keys get nothing more', async (t) => {
  const admin = await hub.login('admin')
  const kept = await hub.key(['web-message'])
  const revoked = await hub.key(['web-message'])
  const deletedBy = await hub.key(['web-message'])
  const toKept = await receiver(t)
  const toRevoked = await receiver(t)
  const toDeleted = await receiver(t)
  const subscribe = async (k: { headers: Record<string, string> }, url: string) =>
    (await inject({ method: 'POST', url: '/api/v1/webhooks', headers: k.headers, payload: { url, events: EVENTS } })).json().id as string
  await subscribe(kept, toKept.url)
  await subscribe(revoked, toRevoked.url)
  const deletedId = await subscribe(deletedBy, toDeleted.url)

  t.equal((await inject({ method: 'DELETE', url: `/api/v1/api-keys/${revoked.id}`, headers: admin })).statusCode, 204)
  t.equal((await inject({ method: 'DELETE', url: `/api/v1/webhooks/${deletedId}`, headers: deletedBy.headers })).statusCode, 204)

  const created = await inject({ method: 'POST', url: '/api/v1/cases', headers: kept.headers, payload: caseBody('web-message') })
  t.equal(created.statusCode, 201, created.body)
  await until('the kept subscription is called', () => toKept.requests.length === 1)
  await until('the consumer has applied the event', () => consumerCaughtUp(hub.runtime, created.json().id))
  t.equal(toRevoked.requests.length, 0, "a revoked key's subscription gets nothing")
  t.equal(toDeleted.requests.length, 0, 'a deleted subscription gets nothing')
  const n = await count(hub.runtime, 
    `SELECT count(*) FROM intake.webhook_deliveries d JOIN intake.webhook_subscriptions s ON s.id = d.subscription_id WHERE s.url IN ($1, $2)`,
    [toRevoked.url, toDeleted.url],
  )
  t.equal(n, 0, 'nothing queued for them either')
})
