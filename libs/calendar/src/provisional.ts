/**
 * Provisional results: a deadline computed while one of its years had no data
 * (Monday–Friday fallback). It is recomputed when that year is loaded.
 */
import type { YearsTouched } from './deadline-types.ts'
import type { YearStatus } from './working-calendar.ts'

/** Whether a result used the Monday–Friday fallback for some year. */
export function isProvisional(result: YearsTouched): boolean {
  return result.provisional
}

/**
 * Whether a provisional result should be recomputed now: one of its
 * provisional years has data in `calendar` (e.g. after calendar.loadYear).
 */
export function needsRecompute(result: YearsTouched, calendar: { status(year: number): YearStatus }): boolean {
  return result.provisionalYears.some((y) => calendar.status(y) === 'official')
}
