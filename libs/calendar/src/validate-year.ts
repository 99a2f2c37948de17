/**
 * Validation of one year of calendar data: first against the JSON Schema
 * (data/year.schema.json), then the checks a schema cannot express:
 * real dates, inside the year, holidays not overlapping, make-up working days
 * (调休上班) on a Saturday or Sunday and outside every holiday.
 */
import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { formatIsoDate, isWeekend, parseIsoDate, WEEKDAY_NAMES, weekdayOf, yearOfDay } from './civil-date.ts'
import { CalendarError, type CalendarErrorCode } from './errors.ts'
import type { LoadedYear, YearData } from './year-data.ts'

/** The JSON Schema each year file is validated against. */
export const yearSchema: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../data/year.schema.json', import.meta.url), 'utf8'),
)

let compiled: ValidateFunction | undefined
function schemaValidator(): ValidateFunction {
  if (!compiled) compiled = new Ajv({ allErrors: true, strict: true }).compile(yearSchema)
  return compiled
}

function describe(err: ErrorObject): string {
  const at = err.instancePath === '' ? '(root)' : err.instancePath
  const extra =
    err.keyword === 'additionalProperties'
      ? ` '${String((err.params as { additionalProperty?: string }).additionalProperty)}'`
      : ''
  return `${at} ${err.message ?? err.keyword}${extra}`
}

interface Problem {
  code: CalendarErrorCode
  message: string
}

/**
 * Validate unknown input as one year's data and index it.
 * @param label names the input in error messages (a file path, or 'loadYear').
 * @throws CalendarError listing every problem found; `code` is the first problem's code.
 */
export function validateYear(input: unknown, label = 'year data'): LoadedYear {
  const validate = schemaValidator()
  if (!validate(input)) {
    const problems = (validate.errors ?? []).map(describe)
    throw new CalendarError('CALENDAR_ERR_SCHEMA', `${label}: ${problems.join('; ')}`, problems)
  }
  const data = input as YearData
  const year = data.year
  const problems: Problem[] = []
  const add = (code: CalendarErrorCode, message: string): void => {
    problems.push({ code, message })
  }

  const dayIn = (text: string, where: string): number | undefined => {
    const day = parseIsoDate(text)
    if (day === undefined) {
      add('CALENDAR_ERR_DATE_INVALID', `${where} ${text} is not a real calendar date`)
      return undefined
    }
    if (yearOfDay(day) !== year) {
      add('CALENDAR_ERR_DATE_OUTSIDE_YEAR', `${where} ${text} is not in ${year}`)
      return undefined
    }
    return day
  }

  const holidayDays = new Map<number, string>()
  data.holidays.forEach((h, i) => {
    const where = `holidays[${i}] ${h.name}`
    const first = dayIn(h.first, `${where} first`)
    const last = dayIn(h.last, `${where} last`)
    if (first === undefined || last === undefined) return
    if (last < first) {
      add('CALENDAR_ERR_HOLIDAY_RANGE', `${where} ends ${h.last}, before it starts ${h.first}`)
      return
    }
    for (let d = first; d <= last; d++) {
      const other = holidayDays.get(d)
      if (other !== undefined) {
        add('CALENDAR_ERR_HOLIDAY_OVERLAP', `${where} overlaps ${other} on ${formatIsoDate(d)}`)
        return
      }
      holidayDays.set(d, h.name)
    }
  })

  const workdays = new Set<number>()
  data.workdays.forEach((text, i) => {
    const where = `workdays[${i}]`
    const day = dayIn(text, where)
    if (day === undefined) return
    if (!isWeekend(day)) {
      add(
        'CALENDAR_ERR_WORKDAY_NOT_WEEKEND',
        `${where} ${text} is a ${WEEKDAY_NAMES[weekdayOf(day)]}; a make-up working day (调休上班) must be a Saturday or Sunday`,
      )
      return
    }
    const holiday = holidayDays.get(day)
    if (holiday !== undefined) {
      add('CALENDAR_ERR_WORKDAY_IN_HOLIDAY', `${where} ${text} lies inside holiday ${holiday}`)
      return
    }
    workdays.add(day)
  })

  const firstProblem = problems[0]
  if (firstProblem) {
    const messages = problems.map((p) => p.message)
    throw new CalendarError(firstProblem.code, `${label} (${year}): ${messages.join('; ')}`, messages)
  }
  return { data: structuredClone(data), holidayDays, workdays }
}
