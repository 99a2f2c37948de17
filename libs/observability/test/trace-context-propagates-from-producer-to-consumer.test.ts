import t from 'tap'
import { SpanKind, trace } from '@opentelemetry/api'
import {
  currentTraceparent,
  extractTraceContext,
  inMemoryTelemetry,
  injectTraceHeaders,
  messagingAttributes,
  withConsumerSpan,
  withProducerSpan,
} from '../src/index.ts'

const telemetry = inMemoryTelemetry()
t.teardown(() => telemetry.shutdown())
t.beforeEach(() => telemetry.reset())

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/

t.test('the consumer span continues the producer span through message headers', async (t) => {
  const attrs = messagingAttributes({ system: 'kafka', destination: 'case.received', messageId: 'evt-1', key: 'case-1' })
  const headers = await withProducerSpan('case.received send', attrs, (span, headers) => {
    t.equal(trace.getActiveSpan(), span, 'the producer span is active inside fn')
    t.match(headers.traceparent, TRACEPARENT)
    t.equal(headers.traceparent, currentTraceparent())
    return headers
  })
  // Kafka hands headers back as Buffers.
  const kafkaHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]))
  const seen = await withConsumerSpan(
    'case.received process',
    kafkaHeaders,
    messagingAttributes({ system: 'kafka', destination: 'case.received', messageId: 'evt-1', consumerGroup: 'classifier' }),
    async (span) => {
      await new Promise((resolve) => setImmediate(resolve))
      t.equal(trace.getActiveSpan(), span, 'the consumer span is active inside fn, across awaits')
      return span.spanContext()
    },
  )

  const [producer, consumer] = telemetry.spans()
  t.ok(producer && consumer, 'two spans finished')
  t.equal(producer!.kind, SpanKind.PRODUCER)
  t.equal(consumer!.kind, SpanKind.CONSUMER)
  t.equal(consumer!.spanContext().traceId, producer!.spanContext().traceId, 'same trace id')
  t.equal(consumer!.parentSpanContext?.spanId, producer!.spanContext().spanId, 'consumer parent = producer span')
  t.equal(consumer!.parentSpanContext?.isRemote, true)
  t.equal(seen.spanId, consumer!.spanContext().spanId)
  t.match(producer!.attributes, {
    'messaging.system': 'kafka',
    'messaging.destination.name': 'case.received',
    'messaging.message.id': 'evt-1',
    'messaging.kafka.message.key': 'case-1',
    'messaging.operation.type': 'send',
  })
  t.match(consumer!.attributes, {
    'messaging.destination.name': 'case.received',
    'messaging.consumer.group.name': 'classifier',
    'messaging.operation.type': 'process',
  })
})

t.test('an envelope traceparent alone is enough', async (t) => {
  const traceparent = await trace.getTracer('test').startActiveSpan('POST /cases', async (request) => {
    const tp = await withProducerSpan('case.received send', { 'messaging.destination.name': 'case.received' }, () => currentTraceparent())
    request.end()
    return tp
  })
  await withConsumerSpan('case.received process', { traceparent }, { 'messaging.destination.name': 'case.received' }, () => undefined)
  const [producer, request, consumer] = telemetry.spans()
  t.equal(producer!.parentSpanContext?.spanId, request!.spanContext().spanId, 'producer is a child of the request span')
  t.equal(consumer!.spanContext().traceId, request!.spanContext().traceId)
  t.equal(consumer!.parentSpanContext?.spanId, producer!.spanContext().spanId)
})

t.test('a failing consumer records the error (masked) and rethrows', async (t) => {
  await t.rejects(
    withConsumerSpan('x process', {}, { 'messaging.destination.name': 'x' }, () => {
      throw new Error('caller 13912345678 not found')
    }),
    { message: 'caller 13912345678 not found' },
  )
  const [span] = telemetry.spans()
  t.equal(span!.status.code, 2, 'status ERROR')
  t.equal(span!.status.message, 'caller 139****5678 not found')
  t.equal(span!.events[0]?.attributes?.['exception.message'], 'caller 139****5678 not found')
})

t.test('without trace headers the consumer starts a new trace', async (t) => {
  await withConsumerSpan('x process', undefined, {}, () => undefined)
  await withConsumerSpan('x process', { traceparent: 'garbage' }, {}, () => undefined)
  const [a, b] = telemetry.spans()
  t.equal(a!.parentSpanContext, undefined)
  t.equal(b!.parentSpanContext, undefined)
  t.not(a!.spanContext().traceId, b!.spanContext().traceId)
})

t.test('inject outside a span gives no headers; extract reads any header case', async (t) => {
  t.same(injectTraceHeaders(), {})
  t.equal(currentTraceparent(), undefined)
  const ctx = extractTraceContext({ TraceParent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' })
  t.equal(trace.getSpanContext(ctx)?.traceId, '4bf92f3577b34da6a3ce929d0e0e4736')
})
