// 2025 春节 (国办发明电〔2024〕12号): 1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）
// 放假调休，共8天。1月26日（周日）、2月8日（周六）上班.
// 2026 元旦 (国办发明电〔2025〕7号): 1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班.
import t from 'tap'
import { WorkingCalendar } from '../src/index.ts'

const at = (s: string): Date => new Date(`${s}+08:00`)
const cal = WorkingCalendar.fromDirectory()

t.test('Sunday 2025-01-26 is a working day', async (t) => {
  const info = cal.dayInfo(at('2025-01-26T10:00:00'))
  t.equal(info.weekday, 0, 'a Sunday')
  t.equal(info.kind, 'makeup-workday')
  t.equal(cal.isWorkingDay(at('2025-01-26T10:00:00')), true)
  t.equal(cal.isWorkingDay(at('2025-01-25T10:00:00')), false, 'Saturday before it is not')
})

t.test('a deadline from Friday 2025-01-24 uses the make-up Sunday', async (t) => {
  // Sat 01-25 no, 1 Sun 01-26, 2 Mon 01-27, (01-28..02-04 off), 3 Wed 02-05
  t.equal(cal.addWorkingDays(at('2025-01-24T10:00:00'), 2).due.toISOString(), at('2025-01-27T23:59:59.999').toISOString())
  t.equal(cal.addWorkingDays(at('2025-01-24T10:00:00'), 3).due.toISOString(), at('2025-02-05T23:59:59.999').toISOString())
})

t.test('a deadline crossing New Year 2026 uses Sunday 2026-01-04', async (t) => {
  // received Wed 2025-12-31: 01-01..03 off, 1 Sun 01-04, 2 Mon 01-05
  const r = cal.addWorkingDays(at('2025-12-31T17:00:00'), 2)
  t.equal(r.due.toISOString(), at('2026-01-05T23:59:59.999').toISOString())
  t.equal(r.provisional, false)
  t.same(r.years, [2026])
})

t.test('2 / 10 / 15 working days (咨询 / 求助·建议 / 投诉·举报) around 2024 春节', async (t) => {
  // 2024 (国办发明电〔2023〕7号): 2月10日至17日放假调休，共8天。2月4日（周日）、2月18日（周日）上班;
  // 除夕 02-09 (Fri) is a working day. Received Thu 2024-02-08:
  // 1 Fri 02-09, (02-10..17 off), 2 Sun 02-18 (make-up), 3 Mon 19, 4 Tue 20, 5 Wed 21, 6 Thu 22,
  // 7 Fri 23, 8 Mon 26, 9 Tue 27, 10 Wed 28, 11 Thu 29 (leap day), 12 Fri 03-01,
  // 13 Mon 03-04, 14 Tue 03-05, 15 Wed 03-06
  const start = at('2024-02-08T09:30:00')
  t.equal(cal.addWorkingDays(start, 2).due.toISOString(), at('2024-02-18T23:59:59.999').toISOString())
  t.equal(cal.addWorkingDays(start, 10).due.toISOString(), at('2024-02-28T23:59:59.999').toISOString())
  t.equal(cal.addWorkingDays(start, 15).due.toISOString(), at('2024-03-06T23:59:59.999').toISOString())
  t.equal(cal.isWorkingDay(at('2024-02-04T10:00:00')), true, 'Sun 2024-02-04 调休上班')
})
