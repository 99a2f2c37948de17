import { PERSON_KEYS, PERSONAL_FIELD_KEYS, REDACTED, SECRET_HEADER_KEYS } from './personal-data-paths.ts'

const FIELDS: ReadonlySet<string> = new Set(PERSONAL_FIELD_KEYS)
const PERSONS: ReadonlySet<string> = new Set(PERSON_KEYS)
const HEADERS: ReadonlySet<string> = new Set(SECRET_HEADER_KEYS)
const MAX_DEPTH = 8

/**
 * Redacts personal data by key, at any depth up to 8 levels: a
 * {@link PERSONAL_FIELD_KEYS} field becomes `[REDACTED]`, so does every
 * field of a {@link PERSON_KEYS} object (`caller.name`, `caller.phone`, …; a
 * person given as a plain string is redacted whole), and every credential
 * header below `headers`. Plain objects and arrays are copied where
 * something changes; the input is never modified. Errors, dates, buffers
 * and other class instances are left to their serializers.
 */
export function redactPersonalData<T>(value: T): T {
  return walk(value, 0) as T
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function walk(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return value
  if (Array.isArray(value)) {
    let out: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const next = walk(value[i], depth + 1)
      if (next !== value[i]) (out ??= [...value])[i] = next
    }
    return out ?? value
  }
  if (!isPlain(value)) return value
  let out: Record<string, unknown> | undefined
  for (const key of Object.keys(value)) {
    const current = value[key]
    let next: unknown
    if (FIELDS.has(key)) next = current == null ? current : REDACTED
    else if (PERSONS.has(key)) next = redactPerson(current)
    else if (key === 'headers' && isPlain(current)) next = redactHeaders(current)
    else next = walk(current, depth + 1)
    if (next !== current) (out ??= { ...value })[key] = next
  }
  return out ?? value
}

function redactPerson(person: unknown): unknown {
  if (person == null) return person
  if (!isPlain(person)) return REDACTED
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(person)) out[key] = REDACTED
  return out
}

function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined
  for (const key of Object.keys(headers)) {
    if (HEADERS.has(key.toLowerCase()) && headers[key] != null) (out ??= { ...headers })[key] = REDACTED
  }
  return out ?? headers
}
