/**
 * China's working-day calendar (工作日历): official holidays and make-up
 * working days (调休) per year, as data. A year without data falls back to
 * Monday–Friday, and everything computed in it is marked provisional.
 */
import { dayOf, formatIsoDate, instantMs, isWeekend, weekdayOf, yearOfDay } from './civil-date.ts'
import type {
  Deadline,
  DeadlineResult,
  DeadlineSpec,
  DueAt,
  OfficeHours,
  Pause,
  WorkingDayCount,
} from './deadline-types.ts'
import { type ElapsedBasis, elapsedFraction, instantAtFraction } from './elapsed.ts'
import { CalendarError } from './errors.ts'
import { validateYear } from './validate-year.ts'
import { clockDeadline } from './working-hours.ts'
import { workingDaysBetween, workingDaysDeadline } from './working-days.ts'
import type { LoadedYear, YearData } from './year-data.ts'
import { DEFAULT_DATA_DIR, readYearFiles } from './year-files.ts'
import { type DayClassifier, YearTracker } from './year-tracker.ts'

/** 'official': the year's notice is loaded; 'provisional': Monday–Friday fallback. */
export type YearStatus = 'official' | 'provisional'

/** What a civil day is, and why. */
export interface DayInfo {
  /** 'YYYY-MM-DD', China time */
  date: string
  /** 0 = Sunday … 6 = Saturday */
  weekday: number
  working: boolean
  /** 'holiday' 放假, 'makeup-workday' 调休上班 */
  kind: 'weekday' | 'weekend' | 'holiday' | 'makeup-workday'
  holiday: string | null
  provisional: boolean
}

export interface LoadYearOptions {
  /** replace a year already loaded with different data (default false) */
  replace?: boolean
  /** name of the input in error messages */
  label?: string
  /** refuse data whose `year` differs (used for `YYYY.json` files) */
  expectedYear?: number
}

export class WorkingCalendar implements DayClassifier {
  readonly #years = new Map<number, LoadedYear>()

  /** A calendar holding the given years (validated; none = Monday–Friday everywhere). */
  constructor(years: readonly unknown[] = []) {
    for (const y of years) this.loadYear(y)
  }

  /** A calendar with every `YYYY.json` in `dir` (default: the package's data folder). */
  static fromDirectory(dir: string = DEFAULT_DATA_DIR): WorkingCalendar {
    const cal = new WorkingCalendar()
    for (const f of readYearFiles(dir)) cal.loadYear(f.data, { label: f.path, expectedYear: f.year })
    return cal
  }

  /**
   * Validate and add one year. Deadlines computed afterwards are official for
   * that year; earlier results stay as they are (see needsRecompute).
   * Loading identical data again is a no-op.
   */
  loadYear(data: unknown, options: LoadYearOptions = {}): YearData {
    const loaded = validateYear(data, options.label ?? 'loadYear')
    const year = loaded.data.year
    if (options.expectedYear !== undefined && options.expectedYear !== year) {
      throw new CalendarError(
        'CALENDAR_ERR_YEAR_MISMATCH',
        `${options.label ?? 'loadYear'}: expected year ${options.expectedYear}, data says ${year}`,
      )
    }
    const existing = this.#years.get(year)
    if (existing && !options.replace && !sameYear(existing.data, loaded.data)) {
      throw new CalendarError(
        'CALENDAR_ERR_YEAR_ALREADY_LOADED',
        `${year} is already loaded (${existing.data.notice}); pass { replace: true } to replace it`,
      )
    }
    this.#years.set(year, loaded)
    return structuredClone(loaded.data)
  }

  /** Years with data, ascending. */
  loadedYears(): number[] {
    return [...this.#years.keys()].sort((a, b) => a - b)
  }

  /** A copy of a year's data, or undefined. */
  yearData(year: number): YearData | undefined {
    const y = this.#years.get(year)
    return y ? structuredClone(y.data) : undefined
  }

  status(year: number): YearStatus {
    return this.#years.has(year) ? 'official' : 'provisional'
  }

  /** Whether the civil day (China time) of `date` is a working day. */
  isWorkingDay(date: Date): boolean {
    return this.isWorkingDayNumber(dayOf(date))
  }

  /** The same, for a day number; records the year in `tracker`. */
  isWorkingDayNumber(day: number, tracker?: YearTracker): boolean {
    const year = yearOfDay(day)
    const data = this.#years.get(year)
    tracker?.touch(year, data !== undefined)
    if (!data) return !isWeekend(day)
    if (data.holidayDays.has(day)) return false
    if (data.workdays.has(day)) return true
    return !isWeekend(day)
  }

  dayInfo(date: Date): DayInfo {
    const day = dayOf(date)
    const data = this.#years.get(yearOfDay(day))
    const holiday = data?.holidayDays.get(day) ?? null
    const makeup = data?.workdays.has(day) ?? false
    const weekend = isWeekend(day)
    const kind = holiday ? 'holiday' : makeup ? 'makeup-workday' : weekend ? 'weekend' : 'weekday'
    return {
      date: formatIsoDate(day),
      weekday: weekdayOf(day),
      working: kind === 'weekday' || kind === 'makeup-workday',
      kind,
      holiday,
      provisional: data === undefined,
    }
  }

  /** n working days after receipt; see working-days.ts for the rule. */
  addWorkingDays(start: Date, days: number, options: { dueAt?: DueAt } = {}): Deadline {
    return this.deadline({ kind: 'working-days', start, days, ...options }) as Deadline
  }

  /** Clock hours: 24x7 (default) or office hours on working days. */
  addWorkingHours(start: Date, hours: number, options: { workingHours?: OfficeHours | '24x7' } = {}): Deadline {
    return this.deadline({ kind: 'working-hours', start, hours, ...options }) as Deadline
  }

  /** Any deadline, with clock pauses (补正). An open pause gives state 'paused' and due null. */
  deadline(spec: DeadlineSpec, pauses: readonly Pause[] = []): DeadlineResult {
    const startMs = instantMs(spec.start, 'start')
    const kept = { spec: structuredClone(spec), pauses: structuredClone([...pauses]) }
    switch (spec.kind) {
      case 'working-days':
        return { ...kept, ...workingDaysDeadline(this, startMs, spec.days, spec.dueAt ?? 'end-of-day', pauses) }
      case 'working-hours':
        if (!Number.isFinite(spec.hours)) {
          throw new CalendarError('CALENDAR_ERR_BAD_ARGUMENT', `hours must be a finite number, got ${spec.hours}`)
        }
        return { ...kept, ...clockDeadline(this, startMs, spec.hours * 3_600_000, spec.workingHours ?? '24x7', pauses) }
      case 'clock':
        return { ...kept, ...clockDeadline(this, startMs, spec.ms, '24x7', pauses) }
      default:
        throw new CalendarError('CALENDAR_ERR_BAD_ARGUMENT', `unknown deadline kind ${(spec as { kind: unknown }).kind}`)
    }
  }

  /** Compute a result again from its spec and pauses (after loadYear, or with new pauses). */
  recompute(result: DeadlineResult, pauses: readonly Pause[] = result.pauses): DeadlineResult {
    return this.deadline(result.spec, pauses)
  }

  /** Working days in (day(a), day(b)]; negative when b is earlier. */
  workingDaysBetween(a: Date, b: Date): WorkingDayCount {
    const tracker = new YearTracker()
    const days = workingDaysBetween(this, instantMs(a, 'a'), instantMs(b, 'b'), tracker)
    return { days, ...tracker.result() }
  }

  /** Share of the allowed time spent at `now` (see elapsed.ts); ≥ 1 once due. */
  elapsedFraction(
    start: Date,
    due: Date,
    now: Date,
    pauses: readonly Pause[] = [],
    options: { basis?: ElapsedBasis } = {},
  ): number {
    const ms = [instantMs(start, 'start'), instantMs(due, 'due'), instantMs(now, 'now')] as const
    return elapsedFraction(this, ...ms, pauses, options.basis ?? 'clock', new YearTracker())
  }

  /** When `fraction` (default 0.8) of the allowed time is spent; null while paused. */
  warningAt(
    start: Date,
    due: Date,
    pauses: readonly Pause[] = [],
    options: { fraction?: number; basis?: ElapsedBasis } = {},
  ): Date | null {
    const fraction = options.fraction ?? 0.8
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new CalendarError('CALENDAR_ERR_BAD_ARGUMENT', `fraction must be within 0–1, got ${fraction}`)
    }
    const [s, d] = [instantMs(start, 'start'), instantMs(due, 'due')]
    return instantAtFraction(this, s, d, fraction, pauses, options.basis ?? 'clock', new YearTracker())
  }
}

function sameYear(a: YearData, b: YearData): boolean {
  const strip = ({ $schema: _s, ...rest }: YearData): Omit<YearData, '$schema'> => rest
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b))
}
