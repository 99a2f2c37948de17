import type { EscalationDeps, EscalationModule } from '../module.ts'

/** The disclosure part of the escalation service (to be built). */
export function createDisclosureModule(_deps: EscalationDeps): EscalationModule {
  return { name: 'disclosure' }
}
