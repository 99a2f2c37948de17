import type { Bus } from '@hotline-hub/bus'
import type { Db, Sql } from '@hotline-hub/db'
import type { Reloadable } from '@hotline-hub/platform'
import type { Logger } from 'pino'
import { loadFacts } from '../tracking/case-store.ts'
import type { CaseTracker } from '../tracking/tracker.ts'
import { pruneLive } from './live.ts'
import { DEADLINE_KINDS, type DeadlineKind, type SlaPolicy } from './policy.ts'
import { raiseBreach, raiseWarning, type RaiseDeps, type SlaAlert } from './raise.ts'
import { planTimers, syncTimers } from './timers.ts'

export interface SlaClockDeps {
  db: Db
  bus: Bus
  tracker: CaseTracker
  sla: Reloadable<SlaPolicy>
  logger: Logger
}

export interface SlaClockOptions {
  /** The time (inject one in tests to move time without sleeping). Default: the system clock. */
  now?: () => Date
  /** Cases claimed per transaction (default 100). */
  batchSize?: number
  /** Live stream messages older than this are pruned, at most hourly (default 30 days; 0 = never). */
  liveRetentionDays?: number
}

export interface TickResult {
  warnings: SlaAlert[]
  breaches: SlaAlert[]
}

/**
 * 时限时钟: finds the cases whose warning (预警) or breach (超期) is due and
 * raises each exactly once, with any number of clocks on the same database.
 * A tick claims cases with `SELECT … FOR UPDATE SKIP LOCKED` on their
 * escalation.cases row (the lock every writer of a case's timers holds, so a
 * clock never waits for a consumer or another clock and never deadlocks with
 * one), re-plans their timers from the facts, and raises what is due in the
 * same transaction as the outbox publish; the (case, kind, stage) key of a
 * timer that fired is never fired again.
 */
export class SlaClock {
  private readonly now: () => Date
  private timer: NodeJS.Timeout | null = null
  private running: Promise<unknown> | null = null
  private stopped = true
  private lastPrune = 0

  constructor(
    private readonly deps: SlaClockDeps,
    private readonly o: SlaClockOptions = {},
  ) {
    this.now = o.now ?? (() => new Date())
  }

  /** One pass: everything due at `now()` is raised. */
  async tick(): Promise<TickResult> {
    const now = this.now()
    const out: TickResult = { warnings: [], breaches: [] }
    const batch = this.o.batchSize ?? 100
    const failed: string[] = []
    for (;;) {
      const r = await this.deps.db.transaction((tx) => this.claimAndRaise(tx, now, batch, failed))
      out.warnings.push(...r.warnings)
      out.breaches.push(...r.breaches)
      if (r.claimed < batch) break
    }
    await this.prune()
    return out
  }

  private async claimAndRaise(tx: Sql, now: Date, batch: number, failed: string[]): Promise<TickResult & { claimed: number }> {
    const out: TickResult & { claimed: number } = { warnings: [], breaches: [], claimed: 0 }
    const claimed = await tx.query<{ case_id: string }>(
      `SELECT c.case_id FROM escalation.cases c
        WHERE EXISTS (SELECT 1 FROM escalation.sla_timers t WHERE t.case_id = c.case_id AND t.fired_at IS NULL AND t.fire_at <= $1)
          AND c.case_id <> ALL($3::text[])
        LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
      [now, batch, failed],
    )
    out.claimed = claimed.length
    const deps = { bus: this.deps.bus, tracker: this.deps.tracker, policy: this.deps.sla.current }
    for (const { case_id } of claimed) {
      // One case that cannot be handled must not hold up the others.
      await tx.query('SAVEPOINT sla_case')
      try {
        const raised = await this.raiseDue(tx, deps, case_id, now)
        out.warnings.push(...raised.warnings)
        out.breaches.push(...raised.breaches)
        await tx.query('RELEASE SAVEPOINT sla_case')
      } catch (err) {
        await tx.query('ROLLBACK TO SAVEPOINT sla_case')
        failed.push(case_id)
        this.deps.logger.error({ err, caseId: case_id }, 'SLA clock could not handle a case; it is tried again next tick')
      }
    }
    return out
  }

  private async raiseDue(tx: Sql, deps: RaiseDeps, caseId: string, now: Date): Promise<TickResult> {
    const out: TickResult = { warnings: [], breaches: [] }
    const stored = await loadFacts(tx, caseId)
    if (!stored) return out
    let facts = stored.facts
    // The timers follow the facts; re-planning here also heals any that a policy change left behind.
    await syncTimers(tx, caseId, planTimers(facts, deps.policy))
    const due = await tx.query<{ kind: DeadlineKind; stage: string; due_at: Date }>(
      'SELECT kind, stage, due_at FROM escalation.sla_timers WHERE case_id = $1 AND fired_at IS NULL AND fire_at <= $2',
      [caseId, now],
    )
    for (const kind of DEADLINE_KINDS) {
      const breach = due.find((t) => t.kind === kind && t.stage === 'breach')
      const warning = due.find((t) => t.kind === kind && t.stage === 'warning')
      if (breach) {
        const a = await raiseBreach(tx, deps, facts, kind, new Date(breach.due_at), now)
        if (a) out.breaches.push(a)
        facts = { ...facts, overdue: true }
      } else if (warning) {
        const a = await raiseWarning(tx, deps, facts, kind, new Date(warning.due_at), now)
        if (a) out.warnings.push(a)
      }
    }
    return out
  }

  private async prune(): Promise<void> {
    const days = this.o.liveRetentionDays ?? 30
    if (days <= 0 || Date.now() - this.lastPrune < 3_600_000) return
    this.lastPrune = Date.now()
    const n = await pruneLive(this.deps.db, days)
    if (n > 0) this.deps.logger.info({ pruned: n }, 'old live stream messages pruned')
  }

  /** Ticks every `intervalMs` until stop(). */
  start(intervalMs: number): void {
    this.stopped = false
    const loop = () => {
      this.timer = setTimeout(() => {
        this.running = this.tick()
          .then((r) => {
            if (r.warnings.length || r.breaches.length) this.deps.logger.info({ warnings: r.warnings.length, breaches: r.breaches.length }, 'SLA clock raised alerts')
          })
          .catch((err: unknown) => this.deps.logger.error({ err }, 'SLA clock tick failed; trying again next tick'))
          .finally(() => {
            this.running = null
            if (!this.stopped) loop()
          })
      }, intervalMs)
      this.timer.unref()
    }
    loop()
  }

  /** Stops ticking and waits for a tick in flight. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running
  }
}
