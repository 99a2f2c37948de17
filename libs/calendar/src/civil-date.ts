/**
 * Civil dates in China time (北京时间, Asia/Shanghai = UTC+08:00 all year: China
 * has had no daylight saving time since 1991).
 *
 * A civil day is represented by its day number: the count of days since
 * 1970-01-01 in China time. All arithmetic is done on day numbers and on
 * millisecond instants; JS `Date` is only the input/output type.
 */
import { CalendarError } from './errors.ts'

/** UTC+08:00 in milliseconds. */
export const CHINA_OFFSET_MS = 8 * 3_600_000
export const DAY_MS = 86_400_000
export const HOUR_MS = 3_600_000

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/

/** Milliseconds of a Date, refusing an invalid Date. */
export function instantMs(value: Date, what = 'date'): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN
  if (!Number.isFinite(ms)) {
    throw new CalendarError('CALENDAR_ERR_BAD_ARGUMENT', `${what} must be a valid Date`)
  }
  return ms
}

/** Day number (China time) of an instant given in ms. */
export function dayOfMs(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS)
}

/** Day number (China time) of a Date. */
export function dayOf(value: Date): number {
  return dayOfMs(instantMs(value))
}

/** The instant 00:00:00.000 +08:00 of a day. */
export function dayStartMs(day: number): number {
  return day * DAY_MS - CHINA_OFFSET_MS
}

/** The instant 23:59:59.999 +08:00 of a day. */
export function dayEndMs(day: number): number {
  return dayStartMs(day + 1) - 1
}

/** Milliseconds since midnight China time. */
export function msSinceMidnight(ms: number): number {
  return ms - dayStartMs(dayOfMs(ms))
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

export function isWeekend(day: number): boolean {
  const w = weekdayOf(day)
  return w === 0 || w === 6
}

/** Gregorian year of a day number. */
export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear()
}

/** Day number of 'YYYY-MM-DD', or undefined if it is not a real calendar date. */
export function parseIsoDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text)
  if (!m) return undefined
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  const ms = Date.UTC(y, mo - 1, d)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return undefined
  }
  return ms / DAY_MS
}

/** 'YYYY-MM-DD' of a day number. */
export function formatIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Minutes since midnight of 'HH:MM' (00:00–23:59), or undefined. */
export function parseClock(text: string): number | undefined {
  const m = CLOCK.exec(text)
  if (!m) return undefined
  return Number(m[1]) * 60 + Number(m[2])
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
