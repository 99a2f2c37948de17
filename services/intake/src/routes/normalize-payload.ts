import type { Channel } from '@hotline-hub/contracts'
import { ADAPTERS, AdapterError, validateAndNormalize } from '../adapters/index.ts'
import type { Normalized } from '../domain/case-input.ts'
import { errors } from '../errors.ts'

/**
 * A channel's own payload → a canonical case input, or VALIDATION naming every
 * offending field. `prefix` places the payload inside a larger document
 * (`/payload` for an import line).
 */
export function normalizePayload(channel: Channel, payload: unknown, prefix = ''): Normalized {
  try {
    const n = validateAndNormalize(ADAPTERS[channel], payload)
    if (!prefix) return n
    return { input: n.input, pointers: Object.fromEntries(Object.entries(n.pointers).map(([k, v]) => [k, prefix + v])) }
  } catch (err) {
    if (err instanceof AdapterError)
      throw errors.create('VALIDATION', { detail: err.message, errors: err.issues.map((i) => ({ pointer: prefix + i.pointer, detail: i.message })) })
    throw err
  }
}
