/**
 * @hotline-hub/calendar — China's working-day calendar (工作日历, 调休 included)
 * as data per year, and deadline arithmetic (时限计算) in China time (UTC+08:00).
 */
export { WorkingCalendar } from './working-calendar.ts'
export type { DayInfo, LoadYearOptions, YearStatus } from './working-calendar.ts'
export type {
  ClockSpec,
  Deadline,
  DeadlineResult,
  DeadlineSpec,
  DueAt,
  OfficeHours,
  Pause,
  PauseEffect,
  WorkingDayCount,
  WorkingDaysSpec,
  WorkingHoursSpec,
  YearsTouched,
} from './deadline-types.ts'
export type { ElapsedBasis } from './elapsed.ts'
export type { Holiday, LoadedYear, YearData } from './year-data.ts'
export { addClockDuration } from './clock.ts'
export { isProvisional, needsRecompute } from './provisional.ts'
export { CALENDAR_ERRORS, CalendarError } from './errors.ts'
export type { CalendarErrorCode } from './errors.ts'
export { validateYear, yearSchema } from './validate-year.ts'
export { DEFAULT_DATA_DIR, readYearFiles } from './year-files.ts'
export type { YearFile } from './year-files.ts'
export { CHINA_OFFSET_MS, dayOf, formatIsoDate, parseIsoDate } from './civil-date.ts'
