import { maskPersonalText } from './mask-personal-text.ts'

/**
 * Applies {@link maskPersonalText} to every string literal (values and keys)
 * of a serialized JSON document, leaving numbers and structure alone. Used as
 * pino's `streamWrite` hook, so it sees each log line after redaction and
 * after serializers, including `msg`, child bindings and error stacks.
 */
export function maskJsonLine(line: string): string {
  if (!DIGIT_RUN.test(line)) return line
  return line.replace(STRING_LITERAL, (literal) => {
    if (!DIGIT_RUN.test(literal)) return literal
    const text = JSON.parse(literal) as string
    const masked = maskPersonalText(text)
    return masked === text ? literal : JSON.stringify(masked)
  })
}

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/g
/** Mirrors the pre-check of maskPersonalText. */
const DIGIT_RUN = /\d{3}[- )]?\d{4}/
