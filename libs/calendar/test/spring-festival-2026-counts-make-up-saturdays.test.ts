// 2026 春节 (国办发明电〔2025〕7号): 2月15日（周日）至23日（周一）放假调休，共9天。
// 2月14日（周六）、2月28日（周六）上班.
// Calendar: 2026-02-01 is a Sunday, so 02-13 Fri, 02-14 Sat, 02-15 Sun,
// 02-23 Mon, 02-24 Tue, 02-28 Sat, 03-01 Sun, 03-02 Mon.
import t from 'tap'
import { WorkingCalendar } from '../src/index.ts'

const at = (s: string): Date => new Date(`${s}+08:00`)
const cal = WorkingCalendar.fromDirectory()

t.test('the make-up Saturdays are working days and the nine days off are not', async (t) => {
  t.equal(cal.isWorkingDay(at('2026-02-13T12:00:00')), true, 'Fri 02-13 ordinary working day')
  t.equal(cal.isWorkingDay(at('2026-02-14T12:00:00')), true, 'Sat 02-14 调休上班')
  for (let d = 15; d <= 23; d++) {
    t.equal(cal.isWorkingDay(at(`2026-02-${d}T12:00:00`)), false, `02-${d} 春节`)
  }
  t.equal(cal.isWorkingDay(at('2026-02-24T12:00:00')), true, 'Tue 02-24 back to work')
  t.equal(cal.isWorkingDay(at('2026-02-28T12:00:00')), true, 'Sat 02-28 调休上班')
  t.equal(cal.isWorkingDay(at('2026-03-01T12:00:00')), false, 'Sun 03-01 ordinary weekend')
  t.same(cal.dayInfo(at('2026-02-14T08:00:00')), {
    date: '2026-02-14',
    weekday: 6,
    working: true,
    kind: 'makeup-workday',
    holiday: null,
    provisional: false,
  })
  t.equal(cal.dayInfo(at('2026-02-16T08:00:00')).holiday, '春节')
})

t.test('2 working days from Friday 02-13 are Saturday 02-14 and Tuesday 02-24', async (t) => {
  // day 1 = Sat 02-14 (make-up), 02-15..23 off, day 2 = Tue 02-24
  const r = cal.addWorkingDays(at('2026-02-13T10:15:00'), 2)
  t.equal(r.due.toISOString(), at('2026-02-24T23:59:59.999').toISOString())
  t.equal(r.provisional, false)
  t.same(r.years, [2026])
  t.equal(r.state, 'running')
})

t.test('a same-time deadline crossing the make-up weekend and 春节 lands on the exact minute', async (t) => {
  // received Thu 02-12 16:37: day 1 Fri 02-13, day 2 Sat 02-14, day 3 Tue 02-24 → 16:37
  const r = cal.addWorkingDays(at('2026-02-12T16:37:00'), 3, { dueAt: 'same-time' })
  t.equal(r.due.toISOString(), at('2026-02-24T16:37:00.000').toISOString())
  const eod = cal.addWorkingDays(at('2026-02-12T16:37:00'), 3)
  t.equal(eod.due.toISOString(), at('2026-02-24T23:59:59.999').toISOString(), 'end-of-day is the default')
})

t.test('10 working days from 02-13 count both make-up Saturdays', async (t) => {
  // 1 Sat 02-14, 2 Tue 02-24, 3 Wed 25, 4 Thu 26, 5 Fri 27, 6 Sat 28 (make-up),
  // 7 Mon 03-02, 8 Tue 03-03, 9 Wed 03-04, 10 Thu 03-05
  const r = cal.addWorkingDays(at('2026-02-13T18:00:00'), 10)
  t.equal(r.due.toISOString(), at('2026-03-05T23:59:59.999').toISOString())
  t.equal(cal.workingDaysBetween(at('2026-02-13T18:00:00'), r.due).days, 10)
})

t.test('a case received on the make-up Saturday starts counting on Tuesday 02-24', async (t) => {
  const r = cal.addWorkingDays(at('2026-02-14T09:00:00'), 1)
  t.equal(r.due.toISOString(), at('2026-02-24T23:59:59.999').toISOString())
})

t.test('the civil day is taken in China time, not in UTC', async (t) => {
  // 2026-02-13T16:30Z is Friday in UTC but Saturday 02-14 00:30 in Beijing
  const instant = new Date('2026-02-13T16:30:00Z')
  t.equal(cal.dayInfo(instant).date, '2026-02-14')
  // receipt day is Sat 02-14, so day 1 is Tue 02-24
  t.equal(cal.addWorkingDays(instant, 1).due.toISOString(), '2026-02-24T15:59:59.999Z')
  // 2026-02-14T16:00Z = Sun 02-15 00:00 Beijing: 春节
  t.equal(cal.isWorkingDay(new Date('2026-02-14T16:00:00Z')), false)
  t.equal(cal.isWorkingDay(new Date('2026-02-14T15:59:59.999Z')), true)
})
