import { instantMs } from './civil-date.ts'
import { CalendarError } from './errors.ts'

/** start + ms, plain clock time (no calendar, no pauses). */
export function addClockDuration(start: Date, ms: number): Date {
  if (!Number.isFinite(ms)) {
    throw new CalendarError('CALENDAR_ERR_BAD_ARGUMENT', `duration must be a finite number, got ${ms}`)
  }
  return new Date(instantMs(start, 'start') + ms)
}
