import { CHINA_OFFSET_MS, dayOf, formatIsoDate, parseIsoDate } from '@hotline-hub/calendar'

/**
 * 统计期间: civil dates in China time as day numbers (days since
 * 1970-01-01), both ends inclusive. Weeks run Monday to Sunday.
 */
export interface DayRange {
  from: number
  to: number
}

export type PeriodKind = 'day' | 'week' | 'month' | 'year'

const DAY_MS = 86_400_000
const civil = (day: number) => {
  const d = new Date(day * DAY_MS)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate() }
}
const dayFromCivil = (y: number, m: number, d: number) => Math.round(Date.UTC(y, m, d) / DAY_MS)

export const today = (now: Date = new Date()): number => dayOf(now)
export const isoDay = (day: number): string => formatIsoDate(day)
export const parseDay = (text: string): number | undefined => parseIsoDate(text)

/** Monday of the week of `day` (1970-01-01 was a Thursday). */
export const mondayOf = (day: number): number => day - (((day + 3) % 7) + 7) % 7
export const monthStartOf = (day: number): number => {
  const c = civil(day)
  return dayFromCivil(c.y, c.m, 1)
}
export const nextMonthStart = (day: number): number => {
  const c = civil(day)
  return dayFromCivil(c.y, c.m + 1, 1)
}
export const yearOf = (day: number): number => civil(day).y
export const yearRange = (year: number): DayRange => ({ from: dayFromCivil(year, 0, 1), to: dayFromCivil(year + 1, 0, 1) - 1 })

/** The period of a kind that contains `anchor`. */
export function periodRange(kind: PeriodKind, anchor: number): DayRange {
  switch (kind) {
    case 'day':
      return { from: anchor, to: anchor }
    case 'week': {
      const m = mondayOf(anchor)
      return { from: m, to: m + 6 }
    }
    case 'month':
      return { from: monthStartOf(anchor), to: nextMonthStart(anchor) - 1 }
    case 'year':
      return yearRange(yearOf(anchor))
  }
}

/** The last period of a kind that has ended before `day` began (日报: yesterday; 周报: last Monday–Sunday). */
export function lastFinished(kind: PeriodKind, day: number): DayRange {
  const current = periodRange(kind, day)
  return periodRange(kind, current.from - 1)
}

/**
 * Which parts of a range the monthly rollup can answer (whole calendar
 * months) and which need the daily one (the days before the first and after
 * the last whole month).
 */
export function splitByMonth(r: DayRange): { daily: DayRange[]; months: DayRange | null } {
  let first = monthStartOf(r.from)
  if (first < r.from) first = nextMonthStart(r.from)
  let end = first // first day after the last whole month
  while (end <= r.to && nextMonthStart(end) - 1 <= r.to) end = nextMonthStart(end)
  if (end === first) return { daily: [r], months: null }
  const daily: DayRange[] = []
  if (r.from < first) daily.push({ from: r.from, to: first - 1 })
  if (end <= r.to) daily.push({ from: end, to: r.to })
  // months: the first day of the first and of the last whole month
  return { daily, months: { from: first, to: monthStartOf(end - 1) } }
}

/** The slice keys of a time slicing over a range, in order (for zero-filled trends). */
export function timeKeys(by: 'day' | 'week' | 'month', r: DayRange): string[] {
  const keys: string[] = []
  if (by === 'day') for (let d = r.from; d <= r.to; d++) keys.push(isoDay(d))
  if (by === 'week') for (let d = mondayOf(r.from); d <= r.to; d += 7) keys.push(isoDay(d))
  if (by === 'month') for (let d = monthStartOf(r.from); d <= r.to; d = nextMonthStart(d)) keys.push(isoDay(d).slice(0, 7))
  return keys
}

/** 2026年3月9日 */
export function chineseDate(day: number): string {
  const c = civil(day)
  return `${c.y}年${c.m + 1}月${c.d}日`
}

/** The Chinese name of a time slice key: 2026年3月9日, 2026年3月9日—3月15日, 2026年3月. */
export function timeSliceName(by: 'day' | 'week' | 'month', key: string): string {
  if (by === 'month') {
    const [y, m] = key.split('-')
    return `${Number(y)}年${Number(m)}月`
  }
  const day = parseDay(key)!
  if (by === 'day') return chineseDate(day)
  const end = civil(day + 6)
  return `${chineseDate(day)}—${end.y === civil(day).y ? '' : `${end.y}年`}${end.m + 1}月${end.d}日`
}

/** The instant a day begins in China time. */
export const dayStartInstant = (day: number): Date => new Date(day * DAY_MS - CHINA_OFFSET_MS)

/** 2026年3月10日 00:01 (China time). */
export function chineseDateTime(at: Date): string {
  const ms = at.getTime() + CHINA_OFFSET_MS
  const d = new Date(ms)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${chineseDate(Math.floor(ms / DAY_MS))} ${hh}:${mm}`
}
