import t from 'tap'
import { trace } from '@opentelemetry/api'
import { inMemoryTelemetry } from '../src/index.ts'
import { capturedLogger } from './helper.ts'

t.test('a line written inside a span carries its trace_id and span_id; one outside does not', async (t) => {
  const telemetry = inMemoryTelemetry()
  t.teardown(() => telemetry.shutdown())
  const log = capturedLogger()
  log.logger.info('before')
  await trace.getTracer('test').startActiveSpan('work', async (span) => {
    await new Promise((resolve) => setImmediate(resolve))
    log.logger.child({ module: 'intake.http' }).info('inside')
    span.end()
  })
  const [before, inside] = log.lines()
  t.notOk('trace_id' in before!)
  const span = telemetry.spans()[0]!
  t.equal(inside!.trace_id, span.spanContext().traceId)
  t.equal(inside!.span_id, span.spanContext().spanId)
  t.equal(inside!.trace_flags, '01')
  t.equal(inside!.module, 'intake.http')
})
