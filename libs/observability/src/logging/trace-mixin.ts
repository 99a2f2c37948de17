import { isSpanContextValid, trace } from '@opentelemetry/api'

/**
 * pino mixin: the active span's ids, so every line written inside a request or
 * an event handler carries `trace_id` and `span_id` (and `trace_flags`, `01`
 * when sampled). Returns nothing outside a span.
 */
export function traceMixin(): { trace_id?: string; span_id?: string; trace_flags?: string } {
  const span = trace.getActiveSpan()
  if (span === undefined) return {}
  const ctx = span.spanContext()
  if (!isSpanContextValid(ctx)) return {}
  return { trace_id: ctx.traceId, span_id: ctx.spanId, trace_flags: `0${ctx.traceFlags.toString(16)}`.slice(-2) }
}
