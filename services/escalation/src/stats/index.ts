import { Reloadable } from '@hotline-hub/platform'
import type { EscalationDeps, EscalationModule } from '../module.ts'
import { loadStatsConfig } from './stats-config.ts'
import { subchannelHook } from './subchannel-rollup.ts'
import { statsRoutes } from './stats-routes.ts'
import { reportRoutes } from './report-routes.ts'
import { ReportScheduler } from './reports/report-scheduler.ts'

export { projectBatch, foldHistories, writeRollups, RollupAccumulator, type BatchOutcome } from './batch-projection.ts'
export { loadStatsConfig, type StatsConfig } from './stats-config.ts'

/**
 * 统计: statistics for leaders from the rollups (DOMAIN.md, Statistics):
 * /api/v1/stats with its slices, ranking, exports and yearly summary; the
 * 日报/周报 made on schedule and the reports API; the lines of split
 * channels (行风热线 / 纠风直通车) counted through a tracker hook.
 */
export function createStatsModule(deps: EscalationDeps): EscalationModule {
  const { config: c } = deps
  // A bad file stops start-up with its file, line and reason; on a reload it is refused and the files in force stay.
  const config = new Reloadable(() => loadStatsConfig({ ranking: c.ESCALATION_STATS_RANKING, channels: c.ESCALATION_STATS_CHANNELS }), 'stats')
  deps.tracker.onChange(subchannelHook(() => config.current.vocabulary))
  const logger = deps.logger.child({ module: 'stats' })
  const scheduler = new ReportScheduler({ db: deps.db, vocabulary: () => config.current.vocabulary, logger, intervalMs: c.ESCALATION_REPORTS_CHECK_MS })
  return {
    name: 'stats',
    routes: async (app) => {
      await statsRoutes(app, { db: deps.db, config })
      await reportRoutes(app, { db: deps.db, config })
    },
    start: async () => {
      if (c.ESCALATION_REPORTS_CHECK_MS > 0) scheduler.start()
    },
    stop: () => scheduler.stop(),
  }
}
