import t, { type Test } from 'tap'
import { SpanKind, trace } from '@opentelemetry/api'
import { currentTraceparent, inMemoryTelemetry, tracingPlugin } from '../src/index.ts'
import { buildApp, listen } from './helper.ts'

const telemetry = inMemoryTelemetry()
t.teardown(() => telemetry.shutdown())
t.beforeEach(() => telemetry.reset())

const INCOMING_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
const INCOMING_PARENT = '00f067aa0ba902b7'
const TRACEPARENT = `00-${INCOMING_TRACE}-${INCOMING_PARENT}-01`

interface Seen {
  traceId?: string
  spanId?: string
  traceparent?: string
}

async function appSeeingSpans(t: Test) {
  return buildApp(t, async (app) => {
    await app.register(tracingPlugin)
    app.addHook('preHandler', async () => {
      await new Promise((resolve) => setTimeout(resolve, 2))
    })
    app.post('/cases/:id', async (): Promise<Seen> => {
      await new Promise((resolve) => setImmediate(resolve))
      const span = trace.getActiveSpan()
      // What a handler writing an outbox event would capture.
      return { traceId: span?.spanContext().traceId, spanId: span?.spanContext().spanId, traceparent: currentTraceparent() }
    })
    app.get('/boom', async () => {
      throw new Error('no case for 13912345678')
    })
  })
}

t.test('inside the handler the active span is the request span, in the incoming trace', async (t) => {
  const app = await appSeeingSpans(t)
  const res = await app.inject({ method: 'POST', url: '/cases/42', headers: { traceparent: TRACEPARENT }, payload: { text: '噪声扰民' } })
  t.equal(res.statusCode, 200)
  const seen = res.json<Seen>()
  const [span] = telemetry.spans()
  t.ok(span, 'the request span finished')
  t.equal(span!.name, 'POST /cases/:id')
  t.equal(span!.kind, SpanKind.SERVER)
  t.equal(seen.spanId, span!.spanContext().spanId, 'active span in the handler is the request span')
  t.equal(seen.traceId, INCOMING_TRACE, 'trace id of the incoming traceparent')
  t.equal(span!.parentSpanContext?.spanId, INCOMING_PARENT, 'the caller is the parent')
  t.equal(seen.traceparent, `00-${INCOMING_TRACE}-${span!.spanContext().spanId}-01`, 'an outbox event would carry the request span')
  t.equal(span!.attributes['http.route'], '/cases/:id')
  t.equal(span!.attributes['http.response.status_code'], 200)
})

t.test('over a real socket, with the body arriving after the headers', async (t) => {
  const app = await appSeeingSpans(t)
  const base = await listen(app)
  const body = JSON.stringify({ text: 'x'.repeat(100_000) })
  const res = await fetch(`${base}/cases/7`, { method: 'POST', headers: { 'content-type': 'application/json', traceparent: TRACEPARENT }, body })
  const seen = (await res.json()) as Seen
  const [span] = telemetry.spans()
  t.equal(seen.traceId, INCOMING_TRACE)
  t.equal(seen.spanId, span!.spanContext().spanId)
})

t.test('without traceparent the request starts a new trace', async (t) => {
  const app = await appSeeingSpans(t)
  const seen = (await app.inject({ method: 'POST', url: '/cases/1', payload: {} })).json<Seen>()
  const [span] = telemetry.spans()
  t.equal(span!.parentSpanContext, undefined)
  t.equal(seen.spanId, span!.spanContext().spanId)
  t.not(seen.traceId, INCOMING_TRACE)
})

t.test('an error is recorded on the request span with numbers masked', async (t) => {
  const app = await appSeeingSpans(t)
  const res = await app.inject({ method: 'GET', url: '/boom' })
  t.equal(res.statusCode, 500)
  const [span] = telemetry.spans()
  t.equal(span!.status.code, 2)
  t.equal(span!.status.message, 'no case for 139****5678')
  t.notOk(JSON.stringify(span!.events).includes('13912345678'))
})
