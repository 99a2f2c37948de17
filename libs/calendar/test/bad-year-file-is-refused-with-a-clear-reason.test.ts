// Year data is validated when loaded: schema first, then the checks a schema cannot make.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { CalendarError, DEFAULT_DATA_DIR, type YearData, WorkingCalendar } from '../src/index.ts'

const real2026 = (): YearData => JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, '2026.json'), 'utf8'))

function refusal(data: unknown): CalendarError {
  const cal = new WorkingCalendar()
  try {
    cal.loadYear(data)
  } catch (err) {
    if (err instanceof CalendarError) {
      if (cal.status(2026) !== 'provisional') throw new Error('refused data was loaded anyway')
      return err
    }
    throw err
  }
  throw new Error('expected a refusal')
}

t.test('a make-up working day on a Friday', async (t) => {
  const data = real2026()
  data.workdays[2] = '2026-02-27' // a Friday
  const err = refusal(data)
  t.equal(err.code, 'CALENDAR_ERR_WORKDAY_NOT_WEEKEND')
  t.match(err.message, /workdays\[2\] 2026-02-27 is a Friday/)
})

t.test('a date outside the year', async (t) => {
  const data = real2026()
  data.holidays[0] = { name: '元旦', first: '2025-12-31', last: '2026-01-03' }
  const err = refusal(data)
  t.equal(err.code, 'CALENDAR_ERR_DATE_OUTSIDE_YEAR')
  t.match(err.message, /2025-12-31 is not in 2026/)
})

t.test('overlapping holidays', async (t) => {
  const data = real2026()
  data.holidays.push({ name: '测试', first: '2026-04-06', last: '2026-04-07' }) // 清明节 is 04-04..06
  const err = refusal(data)
  t.equal(err.code, 'CALENDAR_ERR_HOLIDAY_OVERLAP')
  t.match(err.message, /测试 overlaps 清明节 on 2026-04-06/)
})

t.test('a make-up day inside a holiday', async (t) => {
  const data = real2026()
  data.workdays.push('2026-02-15') // Sunday inside 春节
  const err = refusal(data)
  t.equal(err.code, 'CALENDAR_ERR_WORKDAY_IN_HOLIDAY')
  t.match(err.message, /2026-02-15 lies inside holiday 春节/)
})

t.test('a date that does not exist, and a holiday ending before it starts', async (t) => {
  const data = real2026()
  data.holidays[1] = { name: '春节', first: '2026-02-15', last: '2026-02-30' }
  t.equal(refusal(data).code, 'CALENDAR_ERR_DATE_INVALID')
  const backwards = real2026()
  backwards.holidays[1] = { name: '春节', first: '2026-02-23', last: '2026-02-15' }
  t.equal(refusal(backwards).code, 'CALENDAR_ERR_HOLIDAY_RANGE')
})

t.test('the schema names the bad field', async (t) => {
  const data = real2026() as unknown as { holidays: Record<string, string>[] }
  data.holidays[0] = { name: '元旦', start: '2026-01-01', end: '2026-01-03' }
  const err = refusal(data)
  t.equal(err.code, 'CALENDAR_ERR_SCHEMA')
  t.match(err.message, /\/holidays\/0 must have required property 'first'/)
  t.match(err.message, /must NOT have additional properties 'start'/)
  t.ok(err.problems.length >= 2, 'every problem is listed')
  t.equal(refusal({ year: 2026 }).code, 'CALENDAR_ERR_SCHEMA')
  t.equal(refusal('2026').code, 'CALENDAR_ERR_SCHEMA')
})

t.test('every problem is reported, not only the first', async (t) => {
  const data = real2026()
  data.workdays = ['2026-02-27', '2026-02-16']
  const err = refusal(data)
  t.equal(err.problems.length, 2)
})

t.test('a file whose name and year disagree, and a broken file, name the file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-bad-'))
  copyFileSync(join(DEFAULT_DATA_DIR, '2026.json'), join(dir, '2028.json'))
  t.throws(() => WorkingCalendar.fromDirectory(dir), {
    code: 'CALENDAR_ERR_YEAR_MISMATCH',
    message: /2028\.json: expected year 2028, data says 2026/,
  })
  const broken = mkdtempSync(join(tmpdir(), 'calendar-broken-'))
  writeFileSync(join(broken, '2026.json'), '{ "year": 2026, ')
  t.throws(() => WorkingCalendar.fromDirectory(broken), { code: 'CALENDAR_ERR_FILE', message: /2026\.json/ })
  const badWorkday = mkdtempSync(join(tmpdir(), 'calendar-badday-'))
  const data = real2026()
  data.workdays.push('2026-03-03') // a Tuesday
  writeFileSync(join(badWorkday, '2026.json'), JSON.stringify(data))
  t.throws(() => WorkingCalendar.fromDirectory(badWorkday), {
    code: 'CALENDAR_ERR_WORKDAY_NOT_WEEKEND',
    message: /2026\.json \(2026\): workdays\[6\] 2026-03-03 is a Tuesday/,
  })
})
