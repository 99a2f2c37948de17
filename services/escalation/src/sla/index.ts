import type { EscalationDeps, EscalationModule } from '../module.ts'
import { caseSlaRoutes } from './case-routes.ts'
import { SlaClock } from './clock.ts'
import { LiveFeed } from './live-feed.ts'
import { listRoutes } from './list-routes.ts'
import { streamCaseChanges } from './live-cases.ts'
import { streamRoutes } from './stream-route.ts'
import { watchDeadlines } from './timers.ts'

export { recordLive } from './live.ts'
export { SlaClock, type SlaClockDeps, type SlaClockOptions, type TickResult } from './clock.ts'
export { watchDeadlines, planTimers } from './timers.ts'

export interface SlaModuleOptions {
  /** The time the clock and the routes go by (default: the system clock). */
  now?: () => Date
}

/**
 * 时限与预警: deadlines and alerts. Keeps each case's warning and breach
 * timers in step with its facts (a tracker hook), runs the SLA clock
 * (warnings, breaches, 督办 notices, overdue marks), and serves the case
 * deadlines, 补正 pauses, overdue lists, notices, the policy reload and the
 * console's live stream. See docs/deadlines.md.
 */
export function createSlaModule(deps: EscalationDeps, options: SlaModuleOptions = {}): EscalationModule {
  const now = options.now ?? (() => new Date())
  const logger = deps.logger.child({ module: 'sla' })
  watchDeadlines(deps.tracker, { policy: () => deps.sla.current, bus: deps.bus, now })
  streamCaseChanges(deps.tracker)
  const clock = new SlaClock({ ...deps, logger }, { now, liveRetentionDays: deps.config.ESCALATION_LIVE_RETENTION_DAYS })
  const feed = new LiveFeed(deps.db, { pollMs: deps.config.ESCALATION_STREAM_POLL_MS, logger })
  return {
    name: 'sla',
    routes: async (app) => {
      await caseSlaRoutes(app, deps, now)
      await listRoutes(app, deps, now)
      await streamRoutes(app, { db: deps.db, feed, heartbeatMs: deps.config.ESCALATION_STREAM_HEARTBEAT_MS })
    },
    start: async () => {
      if (deps.config.ESCALATION_SLA_TICK_MS > 0) clock.start(deps.config.ESCALATION_SLA_TICK_MS)
    },
    stop: async () => {
      await clock.stop()
      await feed.stop()
    },
  }
}
