import t from 'tap'
import Fastify from 'fastify'
import { inMemoryTelemetry, tracingPlugin } from '../src/index.ts'
import { capturedLogger } from './helper.ts'

t.test('lines logged while handling a request carry reqId and the request trace_id', async (t) => {
  const telemetry = inMemoryTelemetry()
  t.teardown(() => telemetry.shutdown())
  const log = capturedLogger({ level: 'info' })
  const app = Fastify({ loggerInstance: log.logger })
  t.teardown(() => app.close())
  await app.register(tracingPlugin)
  app.post('/cases', async (request) => {
    request.log.info({ caller: { phone: '13912345678' } }, 'case from 13912345678')
    return { ok: true }
  })
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736'
  await app.inject({ method: 'POST', url: '/cases', headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` }, payload: {} })

  const lines = log.lines()
  const handlerLine = lines.find((l) => l.msg === 'case from 139****5678')
  t.ok(handlerLine, 'the handler line, masked')
  t.ok(handlerLine!.reqId, 'request id')
  t.equal(handlerLine!.trace_id, traceId)
  t.equal(handlerLine!.span_id, telemetry.spans()[0]!.spanContext().spanId, 'span of the request')
  t.equal(handlerLine!.caller.phone, '[REDACTED]')
  const completed = lines.find((l) => l.msg === 'request completed')
  t.equal(completed?.trace_id, traceId, "Fastify's own 'request completed' line too")
  t.notOk(log.raw().includes('13912345678'))
})
