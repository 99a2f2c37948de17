import type { EscalationDeps, EscalationModule } from '../module.ts'

/** The sla part of the escalation service (to be built). */
export function createSlaModule(_deps: EscalationDeps): EscalationModule {
  return { name: 'sla' }
}
