// The shipped data reproduces each notice's totals (shared/data/calendar/README.md):
// 2024: 28 days off, 8 make-up days; 2025: 28 and 5; 2026: 33 and 6.
// 2025 onward has 13 statutory days (国务院令第795号), so weekday days off = 13 + make-up days.
import t from 'tap'
import { WorkingCalendar } from '../src/index.ts'

const cal = WorkingCalendar.fromDirectory()

function tally(year: number): { off: number; weekdayOff: number; makeup: number; working: number } {
  let off = 0
  let weekdayOff = 0
  let makeup = 0
  let working = 0
  for (let d = new Date(`${year}-01-01T12:00:00+08:00`); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000)) {
    const info = cal.dayInfo(d)
    if (info.kind === 'holiday') {
      off++
      if (info.weekday !== 0 && info.weekday !== 6) weekdayOff++
    }
    if (info.kind === 'makeup-workday') makeup++
    if (info.working) working++
  }
  return { off, weekdayOff, makeup, working }
}

t.test('the years 2024–2026 are loaded from data/ and are official', async (t) => {
  t.same(cal.loadedYears(), [2024, 2025, 2026])
  for (const y of [2024, 2025, 2026]) t.equal(cal.status(y), 'official')
  t.equal(cal.yearData(2026)?.notice, '国办发明电〔2025〕7号')
})

t.test('days off and make-up days per year match the notices', async (t) => {
  t.match(tally(2024), { off: 28, weekdayOff: 19, makeup: 8 })
  t.match(tally(2025), { off: 28, weekdayOff: 18, makeup: 5 })
  t.match(tally(2026), { off: 33, weekdayOff: 19, makeup: 6 })
})

t.test('working days per year = weekdays − weekday days off + make-up days', async (t) => {
  // 2024 (leap, starts Mon): 262 weekdays − 19 + 8 = 251
  // 2025 (starts Wed): 261 weekdays − 18 + 5 = 248
  // 2026 (starts Thu): 261 weekdays − 19 + 6 = 248
  t.equal(tally(2024).working, 251)
  t.equal(tally(2025).working, 248)
  t.equal(tally(2026).working, 248)
})
