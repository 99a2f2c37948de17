import { SpanStatusCode, type Span } from '@opentelemetry/api'
import { maskPersonalText } from '../masking/mask-personal-text.ts'

/**
 * Records `error` on `span` and marks it failed, with phone and ID numbers in
 * the message and stack masked: spans leave the process like logs do.
 */
export function recordMaskedException(span: Span, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error))
  const message = maskPersonalText(err.message)
  span.recordException({ name: err.name, message, ...(err.stack === undefined ? {} : { stack: maskPersonalText(err.stack) }) })
  span.setStatus({ code: SpanStatusCode.ERROR, message })
}
