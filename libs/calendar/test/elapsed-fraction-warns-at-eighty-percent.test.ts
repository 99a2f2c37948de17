// Warnings before a breach (预警, default 80% of the allowed time).
import t from 'tap'
import { WorkingCalendar } from '../src/index.ts'

const at = (s: string): Date => new Date(`${s}+08:00`)
const cal = WorkingCalendar.fromDirectory()
const start = at('2026-03-02T10:00:00')
const due = at('2026-03-02T12:00:00') // 2 h

t.test('clock basis: 96 of 120 minutes is 80%', async (t) => {
  t.equal(cal.elapsedFraction(start, due, at('2026-03-02T11:36:00')), 0.8)
  t.equal(cal.elapsedFraction(start, due, at('2026-03-02T09:00:00')), 0, 'before the start')
  t.equal(cal.elapsedFraction(start, due, at('2026-03-02T13:00:00')), 1.5, 'overdue')
  t.equal(cal.warningAt(start, due)?.toISOString(), at('2026-03-02T11:36:00').toISOString())
})

t.test('paused time counts for neither the allowance nor the time spent', async (t) => {
  const pauses = [{ from: at('2026-03-02T10:30:00'), to: at('2026-03-02T11:00:00') }]
  const dueWithPause = at('2026-03-02T12:30:00')
  // spent at 12:06: 126 − 30 = 96 min of 150 − 30 = 120
  t.equal(cal.elapsedFraction(start, dueWithPause, at('2026-03-02T12:06:00'), pauses), 0.8)
  t.equal(cal.warningAt(start, dueWithPause, pauses)?.toISOString(), at('2026-03-02T12:06:00').toISOString())
})

t.test('an open pause freezes the fraction and the warning', async (t) => {
  const pauses = [{ from: at('2026-03-02T10:30:00'), to: null }]
  t.equal(cal.elapsedFraction(start, due, at('2026-03-02T11:30:00'), pauses), 0.25)
  t.equal(cal.elapsedFraction(start, due, at('2026-03-02T15:00:00'), pauses), 0.25)
  t.equal(cal.warningAt(start, due, pauses), null)
})

t.test('after a restart pause, time is measured from the restart', async (t) => {
  const pauses = [{ from: at('2026-03-02T10:30:00'), to: at('2026-03-02T11:00:00'), effect: 'restart' as const }]
  // restarted at 11:00, due 13:00: at 12:36, 96 of 120 min
  t.equal(cal.elapsedFraction(start, at('2026-03-02T13:00:00'), at('2026-03-02T12:36:00'), pauses), 0.8)
})

t.test('working-days basis does not warn in the middle of 春节', async (t) => {
  // received Fri 2026-02-13 10:15, 2 working days → due Tue 02-24 end of day.
  // Time on working days: Fri 10:15–24:00 = 825 min, Sat 02-14 (make-up) 1440 min,
  // Tue 02-24 1440 min − 1 ms. Allowed = 3705 min − 1 ms.
  const s = at('2026-02-13T10:15:00')
  const d = at('2026-02-24T23:59:59.999')
  const now = at('2026-02-23T12:00:00') // last day of the holiday
  const allowed = 3705 * 60_000 - 1
  const working = cal.elapsedFraction(s, d, now, [], { basis: 'working-days' })
  t.equal(working, (2265 * 60_000) / allowed, '825 + 1440 min spent, nothing during the holiday')
  t.ok(working < 0.8)
  // on the clock: 10 d 1 h 45 min of 11 d 13 h 45 min − 1 ms
  const clock = cal.elapsedFraction(s, d, now)
  t.equal(clock, (241.75 * 3_600_000) / (277.75 * 3_600_000 - 1))
  t.ok(clock > 0.8, 'the clock basis would warn mid-holiday')
  // 80% of working time: 0.8 × allowed − 2265 min = 699 min − 0.8 ms into Tue 02-24 → 11:38:59.999
  const warn = cal.warningAt(s, d, [], { basis: 'working-days' })
  t.equal(warn?.toISOString(), at('2026-02-24T11:38:59.999').toISOString())
})
