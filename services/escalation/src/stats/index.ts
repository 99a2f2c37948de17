import type { EscalationDeps, EscalationModule } from '../module.ts'

/** The stats part of the escalation service (to be built). */
export function createStatsModule(_deps: EscalationDeps): EscalationModule {
  return { name: 'stats' }
}
