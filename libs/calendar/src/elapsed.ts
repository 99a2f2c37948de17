/**
 * How much of a deadline's allowed time has gone, for warnings before a
 * breach (预警, default at 80%).
 *
 * fraction = counted time from start to now ÷ counted time from start to due.
 * - Paused time never counts; an open pause counts as paused up to `now`, and
 *   `due` is then the due date known before it (the allowance is unchanged).
 * - After a 'restart' pause has ended, time is measured from its end.
 * - basis 'clock' counts every millisecond; basis 'working-days' counts only
 *   time that falls on working days (whole civil days, China time), so that a
 *   deadline spanning 春节 does not warn in the middle of the holiday.
 * The fraction is 0 before the start and above 1 once the deadline is passed.
 */
import { DAY_MS, dayOfMs, dayStartMs } from './civil-date.ts'
import type { Pause } from './deadline-types.ts'
import { type NormalPause, normalizePauses, pausedMsWithin } from './pauses.ts'
import { consume, type Window, workingDayWindows } from './working-hours.ts'
import type { DayClassifier, YearTracker } from './year-tracker.ts'

export type ElapsedBasis = 'clock' | 'working-days'

/** Counted milliseconds in [a, b). */
function countedMs(
  cal: DayClassifier,
  pauses: readonly NormalPause[],
  a: number,
  b: number,
  basis: ElapsedBasis,
  tracker: YearTracker,
): number {
  if (b <= a) return 0
  if (basis === 'clock') return b - a - pausedMsWithin(pauses, a, b)
  let total = 0
  for (let d = dayOfMs(a); d <= dayOfMs(b - 1); d++) {
    if (!cal.isWorkingDayNumber(d, tracker)) continue
    const from = Math.max(a, dayStartMs(d))
    const to = Math.min(b, dayStartMs(d) + DAY_MS)
    total += to - from - pausedMsWithin(pauses, from, to)
  }
  return total
}

/** Start of measurement: the end of the last 'restart' pause ended by `limit`. */
function effectiveStart(startMs: number, pauses: readonly NormalPause[], limit: number): number {
  let start = startMs
  for (const p of pauses) {
    if (p.effect === 'restart' && p.to !== null && p.to <= limit) start = p.to
  }
  return start
}

export function elapsedFraction(
  cal: DayClassifier,
  startMs: number,
  dueMs: number,
  nowMs: number,
  pauses: readonly Pause[],
  basis: ElapsedBasis,
  tracker: YearTracker,
): number {
  const normal = normalizePauses(startMs, pauses)
  const from = effectiveStart(startMs, normal, nowMs)
  // an open pause has no due date yet: `due` is the one known before it, so the
  // allowance excludes only closed pauses
  const closed = normal.filter((p) => p.to !== null)
  const allowed = countedMs(cal, closed, from, dueMs, basis, tracker)
  const spent = countedMs(cal, normal, from, nowMs, basis, tracker)
  if (allowed <= 0) return nowMs >= dueMs ? 1 : 0
  return spent / allowed
}

/**
 * The instant at which `fraction` of the allowed time is spent (e.g. 0.8 for
 * the warning), or null while an open pause holds the clock.
 */
export function instantAtFraction(
  cal: DayClassifier,
  startMs: number,
  dueMs: number,
  fraction: number,
  pauses: readonly Pause[],
  basis: ElapsedBasis,
  tracker: YearTracker,
): Date | null {
  const normal = normalizePauses(startMs, pauses)
  const from = effectiveStart(startMs, normal, dueMs)
  const closed = normal.filter((p) => p.to !== null)
  const target = fraction * countedMs(cal, closed, from, dueMs, basis, tracker)
  const windows: Iterable<Window> =
    basis === 'clock' ? [[from, Number.POSITIVE_INFINITY]] : workingDayWindows(cal, from, 0, 1440, tracker)
  const suspendOnly = normal.filter((p) => p.to === null || p.to > from).map((p) => ({
    from: new Date(p.from),
    to: p.to === null ? null : new Date(p.to),
  }))
  const result = consume(windows, target, from, suspendOnly)
  return result.due
}
