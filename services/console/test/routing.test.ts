import t from 'tap'
import { upstreamOf } from '../src/server/index.ts'

/** Path → the service that answers it (README "API overview"; the routes each service registers). */
const TABLE: [string, ReturnType<typeof upstreamOf>][] = [
  // intake
  ['/api/v1/cases', 'intake'],
  ['/api/v1/cases?status=x', 'intake'],
  ['/api/v1/cases/HH1', 'intake'],
  ['/api/v1/cases/HH1/accept', 'intake'],
  ['/api/v1/cases/HH1/caller', 'intake'],
  ['/api/v1/cases/HH1/follow-up', 'intake'],
  ['/api/v1/cases/hints', 'intake'],
  ['/api/v1/channels/12345/cases', 'intake'],
  ['/api/v1/import', 'intake'],
  ['/api/v1/auth/login', 'intake'],
  ['/api/v1/auth/me', 'intake'],
  ['/api/v1/users', 'intake'],
  ['/api/v1/api-keys/k1/rotate', 'intake'],
  ['/api/v1/webhooks/w1/deliveries', 'intake'],
  ['/api/v1/constructor', 'intake'],
  ['/api/v2/stats', 'intake'],
  ['/open311/v2/discovery.json', 'intake'],
  ['/open311/v2/requests.xml?service_code=heating', 'intake'],
  // classifier
  ['/api/v1/classify', 'classifier'],
  ['/api/v1/classifications/HH1', 'classifier'],
  ['/api/v1/corrections', 'classifier'],
  ['/api/v1/corrections/feedback.jsonl', 'classifier'],
  ['/api/v1/classifier/reload', 'classifier'],
  // escalation
  ['/api/v1/stats', 'escalation'],
  ['/api/v1/stats?period=month&date=2025-01-01&by=channel', 'escalation'],
  ['/api/v1/stats/export.xlsx', 'escalation'],
  ['/api/v1/reports/R1.csv', 'escalation'],
  ['/api/v1/overdue', 'escalation'],
  ['/api/v1/notices', 'escalation'],
  ['/api/v1/sla/reload', 'escalation'],
  ['/api/v1/stream', 'escalation'],
  ['/api/v1/stream?lastEventId=42', 'escalation'],
  ['/api/v1/emergencies/E1/reports/R1', 'escalation'],
  ['/api/v1/ledger/export.csv', 'escalation'],
  ['/api/v1/disclosures/annual-report.xlsx?year=2024', 'escalation'],
  ['/api/v1/cases/HH1/sla', 'escalation'],
  ['/api/v1/cases/HH1/pauses', 'escalation'],
  ['/api/v1/cases/HH1/pauses/current/end', 'escalation'],
  // not proxied
  ['/console/app.js', null],
  ['/console/', null],
  ['/', null],
  ['/healthz', null],
  ['/readyz', null],
  ['/api', null],
  ['/apiv1/stats', null],
  ['/docs/json', null],
]

t.test('every API path goes to the service that owns it', async (t) => {
  for (const [path, want] of TABLE) t.equal(upstreamOf(path), want, `${path} → ${want}`)
})

t.test('the query string never decides', async (t) => {
  t.equal(upstreamOf('/api/v1/cases?x=/api/v1/stream'), 'intake')
  t.equal(upstreamOf('/api/v1/stream?next=/api/v1/cases'), 'escalation')
  t.equal(upstreamOf('/console/index.html?/api/v1/cases'), null)
  t.equal(upstreamOf('/api/v1/cases/HH1?part=sla'), 'intake')
})
