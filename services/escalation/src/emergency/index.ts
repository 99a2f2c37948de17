import { Reloadable } from '@hotline-hub/platform'
import type { EscalationDeps, EscalationModule } from '../module.ts'
import type { EmergencyContext } from './context.ts'
import { DeliveryWorker } from './delivery/delivery-worker.ts'
import { incidentRoutes } from './incident-routes.ts'
import { ledgerRoutes } from './ledger/ledger-routes.ts'
import { reportRoutes } from './report-routes.ts'
import { DEFAULT_EMERGENCY_RULES, EmergencyRules } from './rules.ts'
import { sweepMissedDeadlines } from './sweep.ts'
import { emergencyTriggerHook } from './trigger-hook.ts'

export { EmergencyRules } from './rules.ts'
export { sweepMissedDeadlines } from './sweep.ts'
export { verifyDelivery, signDelivery } from './delivery/signature.ts'

export interface EmergencyOptions {
  /** The clock of the deadline views and the 迟报 sweep (tests inject one). */
  now?: () => Date
}

/**
 * 突发事件信息报告: trigger rules on every case change, the report workflow
 * (初报 → 续报 → 终报, approved by the 分管领导), signed delivery to the
 * destination, reporting deadlines and the accountability ledger (舆情回应台账).
 * See docs/emergency.md.
 */
export function createEmergencyModule(deps: EscalationDeps, options: EmergencyOptions = {}): EmergencyModule {
  const c = deps.config
  if (c.ESCALATION_EMERGENCY_WEBHOOK_URL && !c.ESCALATION_EMERGENCY_WEBHOOK_SECRET) {
    throw new Error('ESCALATION_EMERGENCY_WEBHOOK_SECRET is required when ESCALATION_EMERGENCY_WEBHOOK_URL is set (reports are signed)')
  }
  // A bad rules file stops start-up with its file, line and reason; on a reload it is refused and the rules in force stay.
  const rules = new Reloadable(() => EmergencyRules.load(c.ESCALATION_EMERGENCY_RULES ?? DEFAULT_EMERGENCY_RULES), 'emergency-rules')
  const now = options.now ?? (() => new Date())
  const logger = deps.logger.child({ module: 'emergency' })
  const worker = c.ESCALATION_EMERGENCY_WEBHOOK_URL
    ? new DeliveryWorker({
        db: deps.db,
        logger,
        secret: c.ESCALATION_EMERGENCY_WEBHOOK_SECRET!,
        baseDelayMs: c.ESCALATION_EMERGENCY_RETRY_BASE_MS ?? 2000,
        maxDelayMs: c.ESCALATION_EMERGENCY_RETRY_MAX_MS ?? 600_000,
        pollMs: c.ESCALATION_EMERGENCY_POLL_MS ?? 1000,
      })
    : null
  const ctx: EmergencyContext = {
    deps: { ...deps, logger },
    rules,
    now,
    destination: c.ESCALATION_EMERGENCY_WEBHOOK_URL ? { url: c.ESCALATION_EMERGENCY_WEBHOOK_URL, secret: c.ESCALATION_EMERGENCY_WEBHOOK_SECRET! } : null,
    wakeDelivery: () => worker?.wake(),
  }
  deps.tracker.onChange(emergencyTriggerHook(ctx))

  let sweepTimer: NodeJS.Timeout | null = null
  let sweeping: Promise<unknown> | null = null
  const sweep = () => {
    if (sweeping) return
    sweeping = sweepMissedDeadlines(deps.db, deps.bus, now())
      .catch((err) => logger.error({ err }, 'emergency deadline sweep failed; retried at the next tick'))
      .finally(() => (sweeping = null))
  }
  return {
    name: 'emergency',
    rules,
    routes: async (app) => {
      await incidentRoutes(app, ctx)
      await reportRoutes(app, ctx)
      await ledgerRoutes(app, { db: deps.db, now })
    },
    start: async () => {
      worker?.start()
      sweepTimer = setInterval(sweep, c.ESCALATION_EMERGENCY_SWEEP_MS ?? 30_000)
      sweepTimer.unref()
    },
    stop: async () => {
      if (sweepTimer) clearInterval(sweepTimer)
      await sweeping
      await worker?.stop()
    },
  }
}

export interface EmergencyModule extends EscalationModule {
  /** The trigger rules and deadlines in force. */
  readonly rules: Reloadable<EmergencyRules>
}
