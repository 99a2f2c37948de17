import t from 'tap'
import { trace } from '@opentelemetry/api'
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace'
import { currentTraceparent, inMemoryTelemetry, startTelemetry } from '../src/index.ts'

/** Keeps its spans after shutdown (the SDK's clears them), so they can be read afterwards. */
class RetainingExporter extends InMemorySpanExporter {
  override shutdown(): Promise<void> {
    this._stopped = true
    return Promise.resolve()
  }
}

function oneSpan(name: string): string {
  return trace.getTracer('test').startActiveSpan(name, (span) => {
    const traceparent = currentTraceparent()
    span.end()
    return traceparent ?? ''
  })
}

t.test('a second inMemoryTelemetry takes over; the first receives nothing more', async (t) => {
  const first = inMemoryTelemetry()
  oneSpan('a')
  const second = inMemoryTelemetry()
  oneSpan('b')
  t.same(first.spans().map((s) => s.name), ['a'])
  t.same(second.spans().map((s) => s.name), ['b'])
  await first.shutdown()
  oneSpan('c')
  t.same(second.spans().map((s) => s.name), ['b', 'c'], "shutting the old one down leaves the new one's globals alone")
  await second.shutdown()
  await second.shutdown()
  t.equal(oneSpan('d'), '', 'after shutdown no span is recorded')
})

t.test('startTelemetry with an exporter records spans with the service name', async (t) => {
  const exporter = new RetainingExporter()
  const telemetry = startTelemetry({ serviceName: 'hotline-test', exporter, batch: false })
  t.match(oneSpan('work'), /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/, 'W3C propagator registered')
  await telemetry.shutdown()
  const [span] = exporter.getFinishedSpans()
  t.equal(span?.name, 'work')
  t.equal(span?.resource.attributes['service.name'], 'hotline-test')
})

t.test("exporter 'none' still creates spans, so trace ids reach logs and events", async (t) => {
  const telemetry = startTelemetry({ serviceName: 'hotline-test', exporter: 'none' })
  t.teardown(() => telemetry.shutdown())
  t.match(oneSpan('work'), /^00-[0-9a-f]{32}-/)
})

t.test('startTelemetry then inMemoryTelemetry then startTelemetry again', async (t) => {
  const a = startTelemetry({ serviceName: 'a', exporter: 'none' })
  const memory = inMemoryTelemetry()
  oneSpan('x')
  t.same(memory.spans().map((s) => s.name), ['x'])
  const exporter = new RetainingExporter()
  const b = startTelemetry({ serviceName: 'b', exporter, batch: false })
  oneSpan('y')
  await Promise.all([a.shutdown(), memory.shutdown(), b.shutdown()])
  t.same(exporter.getFinishedSpans().map((s) => s.name), ['y'], 'flushed at shutdown')
  t.same(memory.spans().map((s) => s.name), ['x'])
})
