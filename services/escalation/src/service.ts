import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { WorkingCalendar } from '@hotline-hub/calendar'
import { migrate } from '@hotline-hub/db'
import type { Subscription } from '@hotline-hub/bus'
import { installProblemHandlers, Reloadable, rolesPlugin, type HotlineService, type ServiceContext } from '@hotline-hub/platform'
import type { EscalationConfig } from './config.ts'
import { errors } from './errors.ts'
import type { EscalationDeps, EscalationModule } from './module.ts'
import { SlaPolicy, DEFAULT_SLA_POLICY } from './sla/policy.ts'
import { CaseTracker } from './tracking/tracker.ts'
import { consumeCaseEvents } from './tracking/tracking-consumer.ts'
import { createStatsModule } from './stats/index.ts'
import { createSlaModule } from './sla/index.ts'
import { createEmergencyModule } from './emergency/index.ts'
import { createDisclosureModule } from './disclosure/index.ts'

const migrations = fileURLToPath(new URL('../migrations', import.meta.url))

/** The escalation service (督办): statistics, deadlines, emergency reporting; see ARCHITECTURE.md. */
export function createEscalationService(ctx: ServiceContext<Omit<EscalationConfig, 'PORT'>>): HotlineService {
  const { db, bus, config } = ctx
  const logger = ctx.logger.child({ service: 'escalation' })
  const calendar = config.ESCALATION_CALENDAR_DIR ? WorkingCalendar.fromDirectory(config.ESCALATION_CALENDAR_DIR) : WorkingCalendar.fromDirectory()
  // A bad policy file stops start-up with its file, line and reason; on a reload it is refused and the policy in force stays.
  const sla = new Reloadable(() => SlaPolicy.load(config.ESCALATION_SLA_POLICY ?? DEFAULT_SLA_POLICY, calendar), 'sla-policy')
  const tracker = new CaseTracker(() => sla.current)
  const deps: EscalationDeps = { config, db, bus, logger, calendar, sla, tracker }
  const modules: EscalationModule[] = [createStatsModule(deps), createSlaModule(deps), createEmergencyModule(deps), createDisclosureModule(deps)]
  let subscription: Subscription | null = null
  return {
    name: 'escalation',
    migrate: () => migrate(db, { schema: 'escalation', dir: migrations }),
    routes: async function escalationRoutes(app: FastifyInstance) {
      installProblemHandlers(app, errors)
      await app.register(rolesPlugin, { auth: ctx.auth, errors })
      for (const m of modules) await m.routes?.(app)
    },
    start: async () => {
      subscription = await consumeCaseEvents(bus, tracker, config.ESCALATION_BATCH_SIZE)
      for (const m of modules) await m.start?.()
    },
    stop: async () => {
      for (const m of [...modules].reverse()) await m.stop?.()
      await subscription?.stop()
    },
    readiness: async () => ({ slaPolicy: { ok: true, detail: sla.current.version } }),
  }
}
