import type { Reloadable } from '@hotline-hub/platform'
import type { EscalationDeps } from '../module.ts'
import type { EmergencyRules } from './rules.ts'

/** What the emergency part's pieces share. */
export interface EmergencyContext {
  deps: EscalationDeps
  rules: Reloadable<EmergencyRules>
  /** The clock (injectable in tests). */
  now: () => Date
  /** The destination (市政府应急办) of approved reports, when configured. */
  destination: { url: string; secret: string } | null
  /** A delivery was queued: send it now rather than at the next poll. */
  wakeDelivery: () => void
}
