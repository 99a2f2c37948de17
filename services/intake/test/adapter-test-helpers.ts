/** Helpers shared by the adapter-*.test.ts files. */

/** Resolves an RFC 6901 JSON pointer in `doc`; undefined when a segment is missing. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc
  let cur: unknown = doc
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

/** A deep copy of a JSON payload, for mutating in a test. */
export function clone<T>(value: T): T {
  return structuredClone(value)
}

/** Deletes the field at `pointer` from `doc` (in place) and returns doc. */
export function without<T>(doc: T, pointer: string): T {
  const segments = pointer.slice(1).split('/')
  const last = segments.pop() as string
  const parent = resolvePointer(doc, segments.length ? `/${segments.join('/')}` : '') as Record<string, unknown>
  delete parent[last]
  return doc
}

/** Sets the field at `pointer` in `doc` (in place) and returns doc. */
export function withValue<T>(doc: T, pointer: string, value: unknown): T {
  const segments = pointer.slice(1).split('/')
  const last = segments.pop() as string
  const parent = resolvePointer(doc, segments.length ? `/${segments.join('/')}` : '') as Record<string, unknown>
  parent[last] = value
  return doc
}

/** `2026-03-02T21:47:05+08:00` — an ISO 8601 date-time that carries its offset. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/
