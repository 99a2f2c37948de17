import { context, propagation, type Context, type TextMapGetter } from '@opentelemetry/api'

/**
 * Headers that may carry trace context: HTTP headers, Kafka message headers
 * (Buffers), or `{ traceparent: envelope.traceparent }` for an event envelope.
 */
export type TraceCarrier = Readonly<Record<string, string | Uint8Array | readonly (string | Uint8Array)[] | null | undefined>>

/**
 * The W3C headers (`traceparent`, `tracestate`, `baggage`) for the active
 * context (or `ctx`), to put on an outgoing message or request. Empty when
 * no span is active.
 */
export function injectTraceHeaders(ctx: Context = context.active()): Record<string, string> {
  const headers: Record<string, string> = {}
  propagation.inject(ctx, headers)
  return headers
}

/** The `traceparent` of the active span, e.g. for `EventEnvelope.traceparent`. */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  return injectTraceHeaders(ctx)['traceparent']
}

/**
 * The context described by `headers` (a remote parent span), on top of the
 * active context. Without a valid `traceparent` the active context is returned.
 */
export function extractTraceContext(headers: TraceCarrier | null | undefined, base: Context = context.active()): Context {
  if (headers == null) return base
  return propagation.extract(base, headers, carrierGetter)
}

const decoder = new TextDecoder()

function asText(value: string | Uint8Array): string {
  return typeof value === 'string' ? value : decoder.decode(value)
}

const carrierGetter: TextMapGetter<TraceCarrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    let value = carrier[key]
    if (value === undefined) {
      const match = Object.keys(carrier).find((k) => k.toLowerCase() === key)
      value = match === undefined ? undefined : carrier[match]
    }
    if (value == null) return undefined
    if (Array.isArray(value)) return (value as readonly (string | Uint8Array)[]).map(asText)
    return asText(value as string | Uint8Array)
  },
}
