/**
 * Working-day deadlines (n 个工作日).
 *
 * Rule (the common practice of Chinese 12345 rules, and 民法典 第二百零一条:
 * 开始的当日不计入):
 * 1. The receipt day never counts, whatever the time of receipt. Day 1 is the
 *    first working day strictly after the civil day (China time) of `start`.
 * 2. The deadline falls on the n-th working day: by default at its end,
 *    23:59:59.999 +08:00 ('end-of-day'); with dueAt 'same-time', at the same
 *    clock time as the receipt (for a restarted period: as the pause's end).
 * 3. Working days follow the official calendar, 调休 included; a year with no
 *    data falls back to Monday–Friday and makes the result provisional.
 *
 * Pauses (补正):
 * - A pause applies when it begins before the (pause-free) due instant; a
 *   pause that begins at or after it does not lift a breach.
 * - Every working day fully or partly inside a pause does not count: the day
 *   the pause begins and the day it ends (the day the correction arrives)
 *   included. Counting resumes on the first working day after the day the
 *   pause ends.
 * - 'suspend' (default) keeps the working days used before the pause;
 *   'restart' starts again from zero (政府信息公开条例 第三十条).
 * - An open pause (to = null) that applies gives state 'paused', due null,
 *   and `used` = the working days counted before it began.
 */
import { dayEndMs, dayOfMs, dayStartMs, msSinceMidnight } from './civil-date.ts'
import type { DeadlineResult, DueAt, Pause } from './deadline-types.ts'
import { CalendarError } from './errors.ts'
import { normalizePauses } from './pauses.ts'
import { type DayClassifier, YearTracker } from './year-tracker.ts'

/** Longest scan: 100 years of days. */
export const MAX_SCAN_DAYS = 36_600

function scanLimit(days: number): void {
  if (days > MAX_SCAN_DAYS) {
    throw new CalendarError('CALENDAR_ERR_RANGE', `scanning more than ${MAX_SCAN_DAYS} days`)
  }
}

/** The day on which `count` (≥ 1) working days from `from` (inclusive) are reached. */
export function nthWorkingDayFrom(cal: DayClassifier, from: number, count: number, tracker: YearTracker): number {
  let seen = 0
  for (let d = from; ; d++) {
    scanLimit(d - from)
    if (cal.isWorkingDayNumber(d, tracker)) {
      seen++
      if (seen === count) return d
    }
  }
}

/** Working days in the inclusive day range [first, last] (0 when last < first). */
export function countWorkingDays(cal: DayClassifier, first: number, last: number, tracker: YearTracker): number {
  scanLimit(last - first)
  let n = 0
  for (let d = first; d <= last; d++) if (cal.isWorkingDayNumber(d, tracker)) n++
  return n
}

export function workingDaysDeadline(
  cal: DayClassifier,
  startMs: number,
  days: number,
  dueAt: DueAt,
  pauses: readonly Pause[],
): Omit<DeadlineResult, 'spec' | 'pauses'> {
  if (!Number.isInteger(days) || days < 1) {
    throw new CalendarError('CALENDAR_ERR_BAD_ARGUMENT', `working days must be an integer ≥ 1, got ${days}`)
  }
  if (dueAt !== 'end-of-day' && dueAt !== 'same-time') {
    throw new CalendarError('CALENDAR_ERR_BAD_ARGUMENT', `dueAt must be 'end-of-day' or 'same-time'`)
  }
  const tracker = new YearTracker()
  const normal = normalizePauses(startMs, pauses)
  let next = dayOfMs(startMs) + 1 // first day that may count
  let used = 0
  let clockRef = msSinceMidnight(startMs)
  for (let i = 0; ; i++) {
    const dueDay = nthWorkingDayFrom(cal, next, days - used, tracker)
    const dueMs = dueAt === 'end-of-day' ? dayEndMs(dueDay) : dayStartMs(dueDay) + clockRef
    const pause = normal[i]
    if (!pause || pause.from >= dueMs) {
      return { ...tracker.result(), state: 'running', due: new Date(dueMs), pausedSince: null, used: days }
    }
    used += countWorkingDays(cal, next, dayOfMs(pause.from) - 1, tracker)
    if (pause.to === null) {
      return { ...tracker.result(), state: 'paused', due: null, pausedSince: new Date(pause.from), used }
    }
    if (pause.effect === 'restart') {
      used = 0
      clockRef = msSinceMidnight(pause.to)
    }
    next = Math.max(next, dayOfMs(pause.to) + 1)
  }
}

/**
 * Working days after a's civil day up to and including b's: the days in
 * (day(a), day(b)]. So `between(start, addWorkingDays(start, n).due) === n`.
 * Negative when b is on an earlier day than a.
 */
export function workingDaysBetween(cal: DayClassifier, aMs: number, bMs: number, tracker: YearTracker): number {
  const a = dayOfMs(aMs)
  const b = dayOfMs(bMs)
  if (b >= a) return countWorkingDays(cal, a + 1, b, tracker)
  return -countWorkingDays(cal, b + 1, a, tracker)
}
