import type { Logger } from 'pino'
import type { Sql } from '@hotline-hub/db'
import { lastFinished, today } from '../period.ts'
import type { StatsVocabulary } from '../stats-config.ts'
import { ensureReport, PERIOD_OF } from './report-service.ts'
import type { ReportKind } from './report-text.ts'

/** Reports made on schedule: 日报 (the previous day) and 周报 (the previous Monday–Sunday). Monthly and yearly ones on demand. */
export const SCHEDULED_KINDS: readonly ReportKind[] = ['daily', 'weekly']

/**
 * Checks every minute whether the report of the last finished period of each
 * scheduled kind exists, and makes it if not. Every replica runs one; the
 * unique key per kind and period makes them agree (ensureReport).
 */
export class ReportScheduler {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null

  constructor(
    private readonly o: {
      db: Sql
      vocabulary: () => StatsVocabulary
      logger: Logger
      intervalMs?: number
      now?: () => Date
    },
  ) {}

  start(): void {
    if (this.timer) return
    void this.tick()
    this.timer = setInterval(() => void this.tick(), this.o.intervalMs ?? 60_000)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
  }

  /** One check; overlapping ticks are skipped. */
  tick(): Promise<void> {
    if (this.running) return this.running
    this.running = this.check().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async check(): Promise<void> {
    const now = this.o.now?.() ?? new Date()
    for (const kind of SCHEDULED_KINDS) {
      try {
        const range = lastFinished(PERIOD_OF[kind], today(now))
        const { report, created } = await ensureReport(this.o.db, this.o.vocabulary(), kind, range, { by: 'schedule', now })
        if (created) this.o.logger.info({ kind, id: report.id, from: report.periodStart, to: report.periodEnd }, 'statistics report generated')
      } catch (err) {
        this.o.logger.error({ err, kind }, 'statistics report generation failed; retried at the next check')
      }
    }
  }
}
