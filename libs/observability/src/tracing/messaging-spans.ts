import { context, SpanKind, trace, type Attributes, type Span } from '@opentelemetry/api'
import { recordMaskedException } from './record-masked-exception.ts'
import { extractTraceContext, injectTraceHeaders, type TraceCarrier } from './trace-headers.ts'

/** Name of the tracer used for spans opened by this library. */
export const TRACER_NAME = '@hotline-hub/observability'

/** The messaging facts of a produced or consumed event, see {@link messagingAttributes}. */
export interface MessagingFacts {
  /** `messaging.system`: `kafka`, or `postgresql` for the log-table bus. */
  system: string
  /** `messaging.destination.name`: the topic, e.g. `case.received`. */
  destination: string
  /** `messaging.message.id`: the event id (envelope `id`). */
  messageId?: string
  /** `messaging.kafka.message.key`: the partition key (case id). */
  key?: string
  /** `messaging.consumer.group.name`: the consumer group. */
  consumerGroup?: string
}

/** Messaging semantic-convention attributes from plain facts. */
export function messagingAttributes(facts: MessagingFacts): Attributes {
  const out: Attributes = {
    'messaging.system': facts.system,
    'messaging.destination.name': facts.destination,
  }
  if (facts.messageId !== undefined) out['messaging.message.id'] = facts.messageId
  if (facts.key !== undefined) out['messaging.kafka.message.key'] = facts.key
  if (facts.consumerGroup !== undefined) out['messaging.consumer.group.name'] = facts.consumerGroup
  return out
}

/**
 * Runs `fn` inside a PRODUCER span (child of the active span, e.g. the HTTP
 * request span). `attrs` are span attributes, normally messaging ones
 * (`messaging.system`, `messaging.destination.name`, `messaging.message.id`;
 * see {@link messagingAttributes}); `messaging.operation.type` is `send`.
 * `fn` gets the span and the W3C headers of that span, to put on the message
 * (or `headers.traceparent` into the envelope). The span ends when `fn`
 * settles; an error is recorded (masked) and re-thrown.
 */
export function withProducerSpan<T>(
  name: string,
  attrs: Attributes,
  fn: (span: Span, headers: Record<string, string>) => T | Promise<T>,
): Promise<T> {
  const span = trace
    .getTracer(TRACER_NAME)
    .startSpan(name, { kind: SpanKind.PRODUCER, attributes: { 'messaging.operation.type': 'send', ...attrs } })
  const ctx = trace.setSpan(context.active(), span)
  return context.with(ctx, () => runInSpan(span, () => fn(span, injectTraceHeaders(ctx))))
}

/**
 * Runs `fn` inside a CONSUMER span whose parent is the producer span described
 * by `headers` (same trace id; Kafka Buffers, HTTP-style headers or
 * `{ traceparent: envelope.traceparent }`), and makes it the active span, so
 * the handler's logs and the events it produces continue the trace.
 * `messaging.operation.type` is `process`. Without trace headers the span is
 * a child of the active span, or starts a trace.
 */
export function withConsumerSpan<T>(
  name: string,
  headers: TraceCarrier | null | undefined,
  attrs: Attributes,
  fn: (span: Span) => T | Promise<T>,
): Promise<T> {
  const parent = extractTraceContext(headers)
  const span = trace
    .getTracer(TRACER_NAME)
    .startSpan(name, { kind: SpanKind.CONSUMER, attributes: { 'messaging.operation.type': 'process', ...attrs } }, parent)
  return context.with(trace.setSpan(parent, span), () => runInSpan(span, () => fn(span)))
}

async function runInSpan<T>(span: Span, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    recordMaskedException(span, error)
    throw error
  } finally {
    span.end()
  }
}
