import type { EventEnvelope } from '@hotline-hub/contracts'
import { maskPersonalText } from '@hotline-hub/observability'

/** Free-text fields that may hold a phone or ID number typed by a person. */
const FREE_TEXT = new Set(['title', 'content', 'reason', 'reply'])

/**
 * What an integrator receives: the event envelope as the bus carries it
 * (already de-identified: masked name, phone, ID and address), without the
 * keyed phone hash (重复来电识别 stays inside the system), and with phone and
 * ID numbers masked inside free text and the channel's `extra` fields as a
 * second line of defence (去标识化).
 */
export function webhookPayload(envelope: EventEnvelope): EventEnvelope {
  return scrub(structuredClone(envelope), false) as EventEnvelope
}

function scrub(v: unknown, maskAll: boolean, key?: string): unknown {
  if (typeof v === 'string') return maskAll || (key !== undefined && FREE_TEXT.has(key)) ? maskPersonalText(v) : v
  if (Array.isArray(v)) return v.map((x) => scrub(x, maskAll, key))
  if (v === null || typeof v !== 'object') return v
  const o = v as Record<string, unknown>
  for (const k of Object.keys(o)) {
    if (k === 'phoneHash') delete o[k]
    else o[k] = scrub(o[k], maskAll || k === 'extra', k)
  }
  return o
}
