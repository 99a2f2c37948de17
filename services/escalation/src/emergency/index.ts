import type { EscalationDeps, EscalationModule } from '../module.ts'

/** The emergency part of the escalation service (to be built). */
export function createEmergencyModule(_deps: EscalationDeps): EscalationModule {
  return { name: 'emergency' }
}
