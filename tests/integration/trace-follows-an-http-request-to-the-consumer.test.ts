/**
 * A trace started by an HTTP request continues in the consumer's span: the
 * request span's context travels in the outbox row, through the log table
 * or Kafka, to the consumer — in both modes, through the real runtime.
 */
import t from 'tap'
import { fileURLToPath } from 'node:url'
import { trace, SpanKind } from '@opentelemetry/api'
import { migrate } from '@hotline-hub/db'
import { makeEnvelope } from '@hotline-hub/contracts'
import { inMemoryTelemetry } from '@hotline-hub/observability'
import { createRuntime, serviceConfigSchema, type HotlineService, type ServiceContext } from '@hotline-hub/platform'
import { modes } from '../support/infra.ts'

const TOPIC = 'test.traced.v1'
const testMigrations = fileURLToPath(new URL('../fixtures/bus-migrations', import.meta.url))

function tracedService(seen: { traceId: string; spanId: string }[]) {
  return (ctx: ServiceContext): HotlineService => {
    let stop = async () => {}
    return {
      name: 'traced',
      migrate: () => migrate(ctx.db, { schema: 't', dir: testMigrations }),
      routes: async (app) => {
        app.post('/emit', async () => {
          await ctx.db.transaction((tx) =>
            ctx.bus.publish(tx, [{ topic: TOPIC, key: 'k1', envelope: makeEnvelope(TOPIC, { source: 'test', caseId: 'k1', data: {} }) }]),
          )
          return { ok: true }
        })
      },
      start: async () => {
        const sub = await ctx.bus.subscribe({
          group: 'traced',
          topics: [TOPIC],
          processedTable: 't.processed_events',
          handler: async () => {
            const sc = trace.getActiveSpan()!.spanContext()
            seen.push({ traceId: sc.traceId, spanId: sc.spanId })
          },
        })
        stop = () => sub.stop()
      },
      stop: () => stop(),
      readiness: async () => ({}),
    }
  }
}

const telemetry = inMemoryTelemetry()
t.teardown(() => telemetry.shutdown())

for (const m of await modes()) {
  t.test(`${m.name}: the consumer span belongs to the request's trace`, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    t.teardown(() => mode.cleanup())
    const seen: { traceId: string; spanId: string }[] = []
    const runtime = await createRuntime({
      name: 'trace-test',
      schema: serviceConfigSchema({}),
      env: mode.env,
      factories: [tracedService(seen)],
      telemetry: false,
    })
    t.teardown(() => runtime.close())
    telemetry.reset()

    const incomingTraceId = '4bf92f3577b34da6a3ce929d0e0e4736'
    const res = await runtime.app.inject({
      method: 'POST',
      url: '/emit',
      headers: { traceparent: `00-${incomingTraceId}-00f067aa0ba902b7-01` },
    })
    t.equal(res.statusCode, 200)

    const deadline = Date.now() + 60_000
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    t.equal(seen.length, 1, 'the consumer handled the event')
    t.equal(seen[0]?.traceId, incomingTraceId, 'the consumer runs in the trace the HTTP request carried')

    // The consumer span is exported when it ends, after the handler's transaction commits: wait for it.
    const isConsumer = (s: ReturnType<typeof telemetry.spans>[number]) => s.kind === SpanKind.CONSUMER && s.spanContext().spanId === seen[0]?.spanId
    while (!telemetry.spans().some(isConsumer) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    const spans = telemetry.spans()
    const server = spans.find((s) => s.kind === SpanKind.SERVER && s.spanContext().traceId === incomingTraceId)
    const consumer = spans.find(isConsumer)
    t.ok(server, 'the request has a server span')
    t.ok(consumer, 'the handler ran inside a consumer span')
    t.equal(consumer?.spanContext().traceId, incomingTraceId)
    t.equal(consumer?.parentSpanContext?.spanId, server?.spanContext().spanId, "the consumer span's parent is the request span")
  })
}
