/**
 * Reading the per-year data folder. A year is added by dropping `YYYY.json`
 * into the folder; other files (year.schema.json, README) are ignored.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CalendarError } from './errors.ts'

/** The package's own data folder (libs/calendar/data). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url))

const YEAR_FILE = /^(\d{4})\.json$/

export interface YearFile {
  /** path of the file, for error messages */
  path: string
  /** the year its name says */
  year: number
  /** parsed JSON, not yet validated */
  data: unknown
}

/** Read and parse every `YYYY.json` in `dir`, in year order. */
export function readYearFiles(dir: string = DEFAULT_DATA_DIR): YearFile[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch (err) {
    throw new CalendarError('CALENDAR_ERR_FILE', `cannot read calendar data folder ${dir}: ${(err as Error).message}`)
  }
  const files: YearFile[] = []
  for (const name of names.sort()) {
    const m = YEAR_FILE.exec(name)
    if (!m) continue
    const path = join(dir, name)
    let data: unknown
    try {
      data = JSON.parse(readFileSync(path, 'utf8'))
    } catch (err) {
      throw new CalendarError('CALENDAR_ERR_FILE', `${path}: ${(err as Error).message}`)
    }
    files.push({ path, year: Number(m[1]), data })
  }
  return files
}
