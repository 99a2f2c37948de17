/**
 * Clock-time deadlines: a duration that counts either around the clock
 * ('24x7', e.g. the 2 h first contact for 紧急 cases) or only inside office
 * hours on working days (e.g. 09:00–17:30, China time).
 *
 * Rules:
 * - Office hours are [start, end) on each working day; time outside them does
 *   not count. Received outside office hours, counting begins at the next
 *   opening. A deadline that is used up exactly at closing is due at closing
 *   (17:30), not at the next opening.
 * - Paused time does not count. A pause applies when it begins before the due
 *   instant; 'suspend' keeps the time used, 'restart' gives the full duration
 *   again from the pause's end. An open pause that applies → state 'paused'.
 */
import { DAY_MS, dayOfMs, dayStartMs, parseClock } from './civil-date.ts'
import type { DeadlineResult, OfficeHours, Pause } from './deadline-types.ts'
import { CalendarError } from './errors.ts'
import { normalizePauses } from './pauses.ts'
import { MAX_SCAN_DAYS } from './working-days.ts'
import { type DayClassifier, YearTracker } from './year-tracker.ts'

export type Window = readonly [from: number, to: number]

/** Parse and check office hours into minutes since midnight. */
export function parseOfficeHours(hours: OfficeHours): { startMin: number; endMin: number } {
  const startMin = parseClock(hours.start)
  const endMin = parseClock(hours.end)
  if (startMin === undefined || endMin === undefined || endMin <= startMin) {
    throw new CalendarError(
      'CALENDAR_ERR_BAD_ARGUMENT',
      `workingHours must be 'HH:MM' with start before end, got ${hours.start}–${hours.end}`,
    )
  }
  return { startMin, endMin }
}

/**
 * Windows [open, close) on working days, minutes since midnight China time
 * (0–1440 = whole days), from the one containing or following startMs.
 */
export function* workingDayWindows(
  cal: DayClassifier,
  startMs: number,
  startMin: number,
  endMin: number,
  tracker: YearTracker,
): Generator<Window> {
  const first = dayOfMs(startMs)
  for (let d = first; d - first <= MAX_SCAN_DAYS; d++) {
    if (!cal.isWorkingDayNumber(d, tracker)) continue
    const open = dayStartMs(d) + startMin * 60_000
    const close = dayStartMs(d) + endMin * 60_000
    if (close > startMs) yield [Math.max(open, startMs), close]
  }
  throw new CalendarError('CALENDAR_ERR_RANGE', `scanning more than ${MAX_SCAN_DAYS} days`)
}

type Consumed = Omit<DeadlineResult, 'spec' | 'pauses' | 'years' | 'provisionalYears' | 'provisional'>

/** Spend `amount` ms of counting time from `windows`, skipping pauses. */
export function consume(windows: Iterable<Window>, amount: number, startMs: number, pauses: readonly Pause[]): Consumed {
  const normal = normalizePauses(startMs, pauses)
  let remaining = amount
  let pi = 0
  for (const [a, b] of windows) {
    let cursor = a
    while (cursor < b) {
      const p = normal[pi]
      if (p && p.to !== null && p.to <= cursor) {
        if (p.effect === 'restart') remaining = amount
        pi++
        continue
      }
      const segEnd = p ? Math.min(b, p.from) : b
      if (segEnd > cursor) {
        if (segEnd - cursor >= remaining) {
          return { state: 'running', due: new Date(cursor + remaining), pausedSince: null, used: amount }
        }
        remaining -= segEnd - cursor
        cursor = segEnd
      }
      if (p && cursor >= p.from) {
        if (p.to === null) {
          return { state: 'paused', due: null, pausedSince: new Date(p.from), used: amount - remaining }
        }
        cursor = Math.max(cursor, p.to)
        if (p.effect === 'restart') remaining = amount
        pi++
      }
    }
  }
  throw new CalendarError('CALENDAR_ERR_RANGE', 'no counting time left')
}

export function clockDeadline(
  cal: DayClassifier,
  startMs: number,
  amountMs: number,
  workingHours: OfficeHours | '24x7',
  pauses: readonly Pause[],
): Omit<DeadlineResult, 'spec' | 'pauses'> {
  if (!Number.isFinite(amountMs) || amountMs < 0) {
    throw new CalendarError('CALENDAR_ERR_BAD_ARGUMENT', `duration must be a finite number ≥ 0, got ${amountMs}`)
  }
  if (amountMs > MAX_SCAN_DAYS * DAY_MS) {
    throw new CalendarError('CALENDAR_ERR_RANGE', `duration longer than ${MAX_SCAN_DAYS} days`)
  }
  const tracker = new YearTracker()
  let windows: Iterable<Window> = [[startMs, Number.POSITIVE_INFINITY]]
  if (workingHours !== '24x7') {
    const { startMin, endMin } = parseOfficeHours(workingHours)
    windows = workingDayWindows(cal, startMs, startMin, endMin, tracker)
  }
  const consumed = consume(windows, amountMs, startMs, pauses)
  return { ...tracker.result(), ...consumed }
}
