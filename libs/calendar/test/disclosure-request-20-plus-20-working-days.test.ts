// 依申请公开 (政府信息公开条例, 2019): answer within 20 working days, extendable by ≤ 20;
// 补正 notice within 7 working days; the answer period counts from receipt of the
// corrected request (第三十条) → a 'restart' pause.
import t from 'tap'
import { WorkingCalendar } from '../src/index.ts'

const at = (s: string): Date => new Date(`${s}+08:00`)
const cal = WorkingCalendar.fromDirectory()

t.test('20 working days from Friday 2025-09-26 cross National Day and end Thursday 10-30', async (t) => {
  // 1 Sun 09-28 (make-up), 2 Mon 29, 3 Tue 30, (10-01..08 off), 4 Thu 10-09, 5 Fri 10, 6 Sat 11 (make-up),
  // 7 Mon 13, 8 Tue 14, 9 Wed 15, 10 Thu 16, 11 Fri 17, 12 Mon 20, 13 Tue 21, 14 Wed 22,
  // 15 Thu 23, 16 Fri 24, 17 Mon 27, 18 Tue 28, 19 Wed 29, 20 Thu 30
  const start = at('2025-09-26T15:00:00')
  const first = cal.addWorkingDays(start, 20)
  t.equal(first.due.toISOString(), at('2025-10-30T23:59:59.999').toISOString())

  // extended by 20: 21 Fri 10-31, 22 Mon 11-03, 23 Tue 04, 24 Wed 05, 25 Thu 06, 26 Fri 07,
  // 27 Mon 10, 28 Tue 11, 29 Wed 12, 30 Thu 13, 31 Fri 14, 32 Mon 17, 33 Tue 18, 34 Wed 19,
  // 35 Thu 20, 36 Fri 21, 37 Mon 24, 38 Tue 25, 39 Wed 26, 40 Thu 27
  const extended = cal.addWorkingDays(first.due, 20)
  t.equal(extended.due.toISOString(), at('2025-11-27T23:59:59.999').toISOString())
  t.equal(cal.addWorkingDays(start, 40).due.toISOString(), extended.due.toISOString(), 'same as 40 from receipt')
})

t.test('补正: notice within 7 working days, answer 20 working days after the correction', async (t) => {
  const start = at('2026-03-02T10:00:00') // Mon
  // 7: 1 Tue 03, 2 Wed 04, 3 Thu 05, 4 Fri 06, 5 Mon 09, 6 Tue 10, 7 Wed 11
  t.equal(cal.addWorkingDays(start, 7).due.toISOString(), at('2026-03-11T23:59:59.999').toISOString())

  const pause = { from: at('2026-03-04T16:00:00'), to: at('2026-03-09T11:00:00'), effect: 'restart' } as const
  // after Mon 03-09: 1 Tue 10, 2 Wed 11, 3 Thu 12, 4 Fri 13, 5 Mon 16, 6 Tue 17, 7 Wed 18,
  // 8 Thu 19, 9 Fri 20, 10 Mon 23, 11 Tue 24, 12 Wed 25, 13 Thu 26, 14 Fri 27, 15 Mon 30,
  // 16 Tue 31, 17 Wed 04-01, 18 Thu 02, 19 Fri 03, (清明 04-04..06 off), 20 Tue 04-07
  const r = cal.deadline({ kind: 'working-days', start, days: 20 }, [pause])
  t.equal(r.due?.toISOString(), at('2026-04-07T23:59:59.999').toISOString())
  t.equal(r.provisional, false)

  // while waiting for the correction, there is no due date
  const waiting = cal.deadline({ kind: 'working-days', start, days: 20 }, [{ ...pause, to: null }])
  t.equal(waiting.state, 'paused')
  t.equal(waiting.due, null)
})

t.test("third-party consultation time (征求第三方意见) is a 'suspend' pause", async (t) => {
  const start = at('2026-03-02T10:00:00')
  // used before: Tue 03..Fri 06, Mon 09 = 5; consultation Tue 03-10 09:00 .. Tue 03-24 17:00;
  // resume Wed 25: 6 Wed 25, 7 Thu 26, 8 Fri 27, 9 Mon 30, 10 Tue 31, 11 Wed 04-01, 12 Thu 02,
  // 13 Fri 03, (04-04..06 off), 14 Tue 07, 15 Wed 08, 16 Thu 09, 17 Fri 10, 18 Mon 13, 19 Tue 14, 20 Wed 15
  const r = cal.deadline({ kind: 'working-days', start, days: 20 }, [
    { from: at('2026-03-10T09:00:00'), to: at('2026-03-24T17:00:00') },
  ])
  t.equal(r.due?.toISOString(), at('2026-04-15T23:59:59.999').toISOString())
})
