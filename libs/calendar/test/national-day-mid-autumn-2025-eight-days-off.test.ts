// 2025 国庆节、中秋节 (国办发明电〔2024〕12号): 10月1日（周三）至8日（周三）放假调休，
// 共8天。9月28日（周日）、10月11日（周六）上班.
// Calendar: 2025-09-26 Fri, 09-27 Sat, 09-28 Sun, 09-29 Mon, 09-30 Tue,
// 10-09 Thu, 10-10 Fri, 10-11 Sat, 10-13 Mon, 10-20 Mon, 10-27 Mon.
import t from 'tap'
import { WorkingCalendar } from '../src/index.ts'

const at = (s: string): Date => new Date(`${s}+08:00`)
const cal = WorkingCalendar.fromDirectory()

t.test('the eight days off and the two make-up days', async (t) => {
  for (let d = 1; d <= 8; d++) {
    t.equal(cal.isWorkingDay(at(`2025-10-0${d}T10:00:00`)), false, `10-0${d} off`)
  }
  t.equal(cal.dayInfo(at('2025-10-06T10:00:00')).holiday, '国庆节、中秋节')
  t.equal(cal.isWorkingDay(at('2025-09-27T10:00:00')), false, 'Sat 09-27 ordinary weekend')
  t.equal(cal.isWorkingDay(at('2025-09-28T10:00:00')), true, 'Sun 09-28 调休上班')
  t.equal(cal.isWorkingDay(at('2025-10-11T10:00:00')), true, 'Sat 10-11 调休上班')
  t.equal(cal.isWorkingDay(at('2025-10-12T10:00:00')), false, 'Sun 10-12 ordinary weekend')
})

t.test('2 working days from Friday 09-26 end on Monday 09-29 (the make-up Sunday counts)', async (t) => {
  // Sat 09-27 no, day 1 Sun 09-28, day 2 Mon 09-29
  const r = cal.addWorkingDays(at('2025-09-26T15:00:00'), 2)
  t.equal(r.due.toISOString(), at('2025-09-29T23:59:59.999').toISOString())
})

t.test('5 working days from 09-26 jump the holiday to Friday 10-10', async (t) => {
  // 1 Sun 09-28, 2 Mon 09-29, 3 Tue 09-30, (10-01..08 off), 4 Thu 10-09, 5 Fri 10-10
  const r = cal.addWorkingDays(at('2025-09-26T15:00:00'), 5)
  t.equal(r.due.toISOString(), at('2025-10-10T23:59:59.999').toISOString())
})

t.test('15 working days (投诉·举报) from 09-30 end on Tuesday 10-28', async (t) => {
  // 1 Thu 10-09, 2 Fri 10-10, 3 Sat 10-11 (make-up), 4 Mon 13, 5 Tue 14, 6 Wed 15,
  // 7 Thu 16, 8 Fri 17, 9 Mon 20, 10 Tue 21, 11 Wed 22, 12 Thu 23, 13 Fri 24,
  // 14 Mon 27, 15 Tue 28
  const r = cal.addWorkingDays(at('2025-09-30T11:00:00'), 15)
  t.equal(r.due.toISOString(), at('2025-10-28T23:59:59.999').toISOString())
})

t.test('workingDaysBetween counts (day(a), day(b)] on the official calendar', async (t) => {
  t.equal(cal.workingDaysBetween(at('2025-09-30T09:00:00'), at('2025-10-09T09:00:00')).days, 1)
  t.equal(cal.workingDaysBetween(at('2025-09-26T09:00:00'), at('2025-10-11T09:00:00')).days, 6)
  t.equal(cal.workingDaysBetween(at('2025-10-11T09:00:00'), at('2025-09-26T09:00:00')).days, -6)
  t.equal(cal.workingDaysBetween(at('2025-10-09T08:00:00'), at('2025-10-09T20:00:00')).days, 0)
  const c = cal.workingDaysBetween(at('2025-09-26T09:00:00'), at('2025-10-11T09:00:00'))
  t.equal(c.provisional, false)
  t.same(c.years, [2025])
})
