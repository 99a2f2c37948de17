import t from 'tap'
import { TOPICS, makeEnvelope } from '@hotline-hub/contracts'
import { buildHub, receiver, signatureIsValid, until } from './webhook-harness.ts'

const hub = await buildHub(t)
const { inject } = hub

t.test('escalation’s alerts go, signed, to subscriptions for every channel and not to channel-limited ones', async (t) => {
  const admin = await hub.login('admin')
  const everyChannel = await receiver(t)
  const oneChannel = await receiver(t)
  const all = await inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url: everyChannel.url, events: ['alert.raised'] } })
  t.equal(all.statusCode, 201, all.body)
  const key = await hub.key(['hotline-12345'])
  const limited = await inject({ method: 'POST', url: '/api/v1/webhooks', headers: key.headers, payload: { url: oneChannel.url, events: ['alert.raised'] } })
  t.equal(limited.statusCode, 201, limited.body)

  const alert = { alertId: 'al-1', kind: 'sla.breach', severity: 'high', message: '诉求件超期未办结', caseIds: ['HH-1'] }
  await hub.runtime.db.transaction((tx) =>
    hub.runtime.bus.publish(tx, [{ topic: TOPICS.alertRaised, key: 'al-1', envelope: makeEnvelope(TOPICS.alertRaised, { source: 'escalation', caseId: null, data: alert }) }]),
  )
  await until('the alert delivery', () => everyChannel.requests.length >= 1)
  const r = everyChannel.requests[0]!
  t.equal(r.headers['x-hotline-event'], 'alert.raised')
  t.ok(signatureIsValid(all.json().secret, r))
  t.match(JSON.parse(r.body).data, alert)
  t.equal(oneChannel.requests.length, 0, 'a subscription limited to channels gets no alert that is about none')
})
