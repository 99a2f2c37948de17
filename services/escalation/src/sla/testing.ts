/**
 * For tests: an SLA clock on a runtime's database that goes by a time the
 * test sets (run the runtime with ESCALATION_SLA_TICK_MS=0 so that its own
 * clock does not run on the system time). The clock has its own tracker on
 * the same tables, with this part's deadline hook, so `tracker.update` can
 * also change a case's facts (e.g. pauses at chosen instants).
 */
import pino from 'pino'
import type { Bus } from '@hotline-hub/bus'
import { WorkingCalendar } from '@hotline-hub/calendar'
import type { Db } from '@hotline-hub/db'
import { Reloadable } from '@hotline-hub/platform'
import { CaseTracker } from '../tracking/tracker.ts'
import { SlaClock } from './clock.ts'
import { DEFAULT_SLA_POLICY, SlaPolicy } from './policy.ts'
import { watchDeadlines } from './timers.ts'

export interface ManualSlaClock {
  clock: SlaClock
  tracker: CaseTracker
  policy: SlaPolicy
  /** Sets the clock's time. */
  set(at: Date | string): void
  /** Sets the time and ticks once. */
  at(at: Date | string): ReturnType<SlaClock['tick']>
}

export function manualSlaClock(o: { db: Db; bus: Bus; policyFile?: string; start?: Date | string }): ManualSlaClock {
  const calendar = WorkingCalendar.fromDirectory()
  const sla = new Reloadable(() => SlaPolicy.load(o.policyFile ?? DEFAULT_SLA_POLICY, calendar), 'sla-policy')
  const tracker = new CaseTracker(() => sla.current)
  let now = new Date(o.start ?? 0)
  watchDeadlines(tracker, { policy: () => sla.current, bus: o.bus, now: () => now })
  const clock = new SlaClock({ db: o.db, bus: o.bus, tracker, sla, logger: pino({ level: 'silent' }) }, { now: () => now, liveRetentionDays: 0 })
  const set = (at: Date | string) => {
    now = new Date(at)
  }
  return {
    clock,
    tracker,
    policy: sla.current,
    set,
    at: (at) => {
      set(at)
      return clock.tick()
    },
  }
}
