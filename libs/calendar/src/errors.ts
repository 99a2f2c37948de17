/**
 * Error catalog of @hotline-hub/calendar. Codes are stable and never reused;
 * each one is documented in the package README (a test keeps them in sync).
 */
export const CALENDAR_ERRORS = {
  CALENDAR_ERR_SCHEMA: 'year data does not match data/year.schema.json',
  CALENDAR_ERR_DATE_INVALID: 'a date is not a real calendar date',
  CALENDAR_ERR_DATE_OUTSIDE_YEAR: "a date lies outside the file's year",
  CALENDAR_ERR_HOLIDAY_RANGE: "a holiday's last day is before its first day",
  CALENDAR_ERR_HOLIDAY_OVERLAP: 'two holidays share a day',
  CALENDAR_ERR_WORKDAY_NOT_WEEKEND: 'a make-up working day (调休上班) is not a Saturday or Sunday',
  CALENDAR_ERR_WORKDAY_IN_HOLIDAY: 'a make-up working day lies inside a holiday',
  CALENDAR_ERR_YEAR_MISMATCH: 'the file name and the year field disagree',
  CALENDAR_ERR_YEAR_ALREADY_LOADED: 'the year is already loaded with different data',
  CALENDAR_ERR_FILE: 'a year file could not be read or parsed',
  CALENDAR_ERR_BAD_ARGUMENT: 'an argument is out of range or of the wrong type',
  CALENDAR_ERR_RANGE: 'a computation would scan more than 100 years',
} as const

export type CalendarErrorCode = keyof typeof CALENDAR_ERRORS

export class CalendarError extends Error {
  readonly code: CalendarErrorCode
  /** Every problem found, when several were collected (e.g. all schema errors). */
  readonly problems: string[]

  constructor(code: CalendarErrorCode, message: string, problems: string[] = []) {
    super(`${code}: ${message}`)
    this.name = 'CalendarError'
    this.code = code
    this.problems = problems.length > 0 ? problems : [message]
  }
}
