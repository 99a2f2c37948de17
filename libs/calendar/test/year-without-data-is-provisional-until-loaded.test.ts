// 2027 has no notice yet: Monday–Friday fallback, results marked provisional,
// official once the year is loaded (by loadYear or by a file in the folder).
// Calendar: 2026-12-30 Wed, 12-31 Thu, 2027-01-01 Fri, 01-02 Sat, 01-04 Mon, 01-05 Tue.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { DEFAULT_DATA_DIR, isProvisional, needsRecompute, WorkingCalendar } from '../src/index.ts'

const at = (s: string): Date => new Date(`${s}+08:00`)

/**
 * TEST FIXTURE, not the real 2027 notice: only 元旦 on 1 January, which the
 * 全国年节及纪念日放假办法 fixes by date. Never copy this into data/.
 */
const fixture2027 = {
  year: 2027,
  notice: 'TEST FIXTURE (not a real notice)',
  source: 'test',
  holidays: [{ name: '元旦', first: '2027-01-01', last: '2027-01-01' }],
  workdays: [],
}

t.test('2027 has no data: Monday to Friday, provisional', async (t) => {
  const cal = WorkingCalendar.fromDirectory()
  t.equal(cal.status(2026), 'official')
  t.equal(cal.status(2027), 'provisional')
  t.equal(cal.isWorkingDay(at('2027-01-01T10:00:00')), true, 'Fri 2027-01-01 is a working day in the fallback')
  t.equal(cal.isWorkingDay(at('2027-01-02T10:00:00')), false, 'Sat')
  t.equal(cal.isWorkingDay(at('2027-01-03T10:00:00')), false, 'Sun')
  t.equal(cal.dayInfo(at('2027-01-01T10:00:00')).provisional, true)
})

t.test('a deadline from late December 2026 runs into 2027 and is provisional', async (t) => {
  const cal = WorkingCalendar.fromDirectory()
  // 1 Thu 12-31 (official), 2 Fri 2027-01-01 (fallback), 3 Mon 01-04
  const r = cal.addWorkingDays(at('2026-12-30T10:00:00'), 3)
  t.equal(r.due.toISOString(), at('2027-01-04T23:59:59.999').toISOString())
  t.equal(r.provisional, true)
  t.equal(isProvisional(r), true)
  t.same(r.years, [2026, 2027])
  t.same(r.provisionalYears, [2027])
  t.equal(needsRecompute(r, cal), false, 'nothing new loaded yet')

  const inside2026 = cal.addWorkingDays(at('2026-12-28T10:00:00'), 2) // Tue 12-29, Wed 12-30
  t.equal(inside2026.provisional, false)
})

t.test('loadYear makes later computations official and flags old ones for recompute', async (t) => {
  const cal = WorkingCalendar.fromDirectory()
  const before = cal.addWorkingDays(at('2026-12-30T10:00:00'), 3)
  cal.loadYear(fixture2027)
  t.equal(cal.status(2027), 'official')
  t.equal(isProvisional(before), true, 'an old result stays as computed')
  t.equal(needsRecompute(before, cal), true)
  // 1 Thu 12-31, (Fri 01-01 off, weekend), 2 Mon 01-04, 3 Tue 01-05
  const after = cal.recompute(before)
  t.equal(after.due?.toISOString(), at('2027-01-05T23:59:59.999').toISOString())
  t.equal(after.provisional, false)
  t.same(after.provisionalYears, [])
  t.equal(needsRecompute(after, cal), false)
  t.same(cal.loadedYears(), [2024, 2025, 2026, 2027])
})

t.test('loading a year twice: identical is a no-op, different needs replace', async (t) => {
  const cal = new WorkingCalendar([fixture2027])
  t.doesNotThrow(() => cal.loadYear(structuredClone(fixture2027)))
  const changed = { ...fixture2027, workdays: ['2027-01-02'] }
  t.throws(() => cal.loadYear(changed), { code: 'CALENDAR_ERR_YEAR_ALREADY_LOADED' })
  t.equal(cal.isWorkingDay(at('2027-01-02T10:00:00')), false, 'refused data changed nothing')
  cal.loadYear(changed, { replace: true })
  t.equal(cal.isWorkingDay(at('2027-01-02T10:00:00')), true)
})

t.test('a year is added by dropping its file in the data folder', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-data-'))
  for (const y of [2024, 2025, 2026]) copyFileSync(join(DEFAULT_DATA_DIR, `${y}.json`), join(dir, `${y}.json`))
  copyFileSync(join(DEFAULT_DATA_DIR, 'year.schema.json'), join(dir, 'year.schema.json'))
  writeFileSync(join(dir, '2027.json'), JSON.stringify(fixture2027))
  const cal = WorkingCalendar.fromDirectory(dir)
  t.same(cal.loadedYears(), [2024, 2025, 2026, 2027])
  t.equal(cal.status(2027), 'official')
  t.equal(JSON.parse(readFileSync(join(dir, '2027.json'), 'utf8')).year, 2027)
})

t.test('an empty calendar is Monday to Friday everywhere', async (t) => {
  const cal = new WorkingCalendar()
  t.equal(cal.status(2026), 'provisional')
  // with no data, Sat 2026-02-14 is a weekend day and 02-16 (春节) a working day:
  // Fri 02-13 → 1 Mon 02-16, 2 Tue 02-17
  const r = cal.addWorkingDays(at('2026-02-13T10:00:00'), 2)
  t.equal(r.due.toISOString(), at('2026-02-17T23:59:59.999').toISOString())
  t.same(r.provisionalYears, [2026])
})
