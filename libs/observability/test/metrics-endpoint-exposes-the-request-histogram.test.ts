import t from 'tap'
import { Registry } from 'prom-client'
import { busMetrics, createMetrics, metricsOn, metricsPlugin, UNMATCHED_ROUTE } from '../src/index.ts'
import { buildApp } from './helper.ts'

t.test('GET /metrics serves the histogram of the requests made before it', async (t) => {
  const metrics = createMetrics({ prefix: 'hotline_', defaultLabels: { process: 'test' } })
  const app = await buildApp(t, async (app) => {
    await app.register(metricsPlugin, { metrics })
    app.get('/cases/:id', async () => ({ ok: true }))
  })
  await app.inject({ method: 'GET', url: '/cases/1' })
  await app.inject({ method: 'GET', url: '/cases/2' })
  await app.inject({ method: 'GET', url: '/no/such/route/13912345678' })

  const res = await app.inject({ method: 'GET', url: '/metrics' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/)
  const text = res.body
  t.match(text, '# TYPE hotline_http_request_duration_seconds histogram')
  t.match(text, 'hotline_http_request_duration_seconds_count{process="test",method="GET",route="/cases/:id",status="200"} 2')
  t.match(text, /hotline_http_request_duration_seconds_bucket\{le="0\.005",process="test",method="GET",route="\/cases\/:id",status="200"\} \d/)
  t.match(text, `route="${UNMATCHED_ROUTE}",status="404"`, 'unknown URLs share one label')
  t.notOk(text.includes('13912345678'), 'raw URLs never become labels')
  t.notOk(text.includes('route="/metrics"'), 'the scrape itself is not measured')
  t.match(text, 'hotline_process_cpu_user_seconds_total', 'default Node metrics')
  t.match(text, 'hotline_nodejs_eventloop_lag_seconds')
})

t.test('the plugin also accepts a bare Registry', async (t) => {
  const registry = new Registry()
  const app = await buildApp(t, async (app) => {
    await app.register(metricsPlugin, { registry })
    app.get('/ping', async () => 'pong')
  })
  await app.inject({ method: 'GET', url: '/ping' })
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body
  t.match(text, 'hotline_http_request_duration_seconds_count{method="GET",route="/ping",status="200"} 1')
})

t.test('bus metrics register once and appear in the same registry', async (t) => {
  const metrics = createMetrics({ defaultMetrics: false })
  const bus = busMetrics(metrics)
  t.equal(busMetrics(metrics.registry).published, bus.published, 'asking again returns the same counter')
  bus.published.inc({ topic: 'case.received' })
  bus.consumed.inc({ topic: 'case.received', group: 'classifier', duplicate: 'false' })
  bus.deadLettered.inc({ topic: 'case.received', group: 'classifier' })
  bus.relayed.inc({ topic: 'case.received' })
  bus.consumerLag.set({ topic: 'case.received', group: 'classifier', partition: '0' }, 3)
  bus.handlerDuration.observe({ topic: 'case.received', group: 'classifier' }, 0.02)
  const text = await metrics.render()
  t.match(text, 'hotline_bus_events_published_total{topic="case.received"} 1')
  t.match(text, 'hotline_bus_events_consumed_total{topic="case.received",group="classifier",duplicate="false"} 1')
  t.match(text, 'hotline_bus_events_dead_lettered_total{topic="case.received",group="classifier"} 1')
  t.match(text, 'hotline_bus_events_relayed_total{topic="case.received"} 1')
  t.match(text, 'hotline_bus_consumer_lag{topic="case.received",group="classifier",partition="0"} 3')
  t.match(text, 'hotline_bus_handler_duration_seconds_count{topic="case.received",group="classifier"} 1')
})

t.test('helpers are idempotent and refuse a name registered as another type', async (t) => {
  const m = metricsOn(new Registry())
  const c = m.counter('cases_received_total', '受理量 cases received', ['channel'])
  t.equal(m.counter('cases_received_total', 'again'), c)
  t.throws(() => m.gauge('cases_received_total', 'wrong'), /already registered as a counter/)
})
