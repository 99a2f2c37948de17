import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import type { Bus } from '@hotline-hub/bus'
import type { Db } from '@hotline-hub/db'
import type { WorkingCalendar } from '@hotline-hub/calendar'
import type { Reloadable } from '@hotline-hub/platform'
import type { EscalationConfig } from './config.ts'
import type { SlaPolicy } from './sla/policy.ts'
import type { CaseTracker } from './tracking/tracker.ts'

/** What every part of the escalation service is given. */
export interface EscalationDeps {
  config: Omit<EscalationConfig, 'PORT'>
  db: Db
  bus: Bus
  logger: Logger
  calendar: WorkingCalendar
  /** The SLA policy in force (reloadable from its data file). */
  sla: Reloadable<SlaPolicy>
  /** Case facts and rollups; parts register their change hooks on it. */
  tracker: CaseTracker
}

/**
 * One part of the service (statistics, SLA clock, emergency reporting,
 * disclosure requests …): its routes, and its timers.
 */
export interface EscalationModule {
  readonly name: string
  routes?(app: FastifyInstance): Promise<void>
  start?(): Promise<void>
  stop?(): Promise<void>
}
