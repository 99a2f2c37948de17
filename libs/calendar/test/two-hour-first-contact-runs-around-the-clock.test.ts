// Clock-hour SLAs: 2 h first contact for 紧急 cases (24x7 by default), 24 h for
// 水电气热 outages, and office-hours counting (09:00–17:30 on working days) as an option.
import t from 'tap'
import { addClockDuration, WorkingCalendar } from '../src/index.ts'

const at = (s: string): Date => new Date(`${s}+08:00`)
const cal = WorkingCalendar.fromDirectory()
const office = { workingHours: { start: '09:00', end: '17:30' } }

t.test('2 h on 正月初一 2026 runs through the night', async (t) => {
  const r = cal.addWorkingHours(at('2026-02-17T23:10:00'), 2)
  t.equal(r.due.toISOString(), at('2026-02-18T01:10:00').toISOString())
  t.equal(r.provisional, false)
  t.same(r.years, [], 'a 24x7 clock consults no calendar year')
})

t.test('24 h for an outage from 2025-09-30 20:00 ends during National Day', async (t) => {
  const r = cal.addWorkingHours(at('2025-09-30T20:00:00'), 24, { workingHours: '24x7' })
  t.equal(r.due.toISOString(), at('2025-10-01T20:00:00').toISOString())
})

t.test('office hours: Friday 02-13 16:45 + 2 h ends on the make-up Saturday at 10:15', async (t) => {
  // Fri 16:45–17:30 = 45 min; Sat 02-14 (调休上班) 09:00 + 75 min = 10:15
  const r = cal.addWorkingHours(at('2026-02-13T16:45:00'), 2, office)
  t.equal(r.due.toISOString(), at('2026-02-14T10:15:00').toISOString())
})

t.test('office hours skip 春节: Saturday 02-14 16:00 + 2 h ends Tuesday 02-24 09:30', async (t) => {
  // Sat 16:00–17:30 = 90 min; 02-15..23 off; Tue 02-24 09:00 + 30 min
  const r = cal.addWorkingHours(at('2026-02-14T16:00:00'), 2, office)
  t.equal(r.due.toISOString(), at('2026-02-24T09:30:00').toISOString())
  t.same(r.years, [2026])
})

t.test('office hours: used up exactly at closing is due at closing; before opening starts at 09:00', async (t) => {
  t.equal(cal.addWorkingHours(at('2026-03-02T15:30:00'), 2, office).due.toISOString(), at('2026-03-02T17:30:00').toISOString())
  t.equal(cal.addWorkingHours(at('2026-03-02T07:00:00'), 2, office).due.toISOString(), at('2026-03-02T11:00:00').toISOString())
  // received Sat 2026-03-07 (ordinary weekend) → Mon 03-09 09:00 + 2 h
  t.equal(cal.addWorkingHours(at('2026-03-07T10:00:00'), 2, office).due.toISOString(), at('2026-03-09T11:00:00').toISOString())
})

t.test('bad office hours are refused', async (t) => {
  t.throws(() => cal.addWorkingHours(at('2026-03-02T10:00:00'), 2, { workingHours: { start: '17:30', end: '09:00' } }), {
    code: 'CALENDAR_ERR_BAD_ARGUMENT',
  })
  t.throws(() => cal.addWorkingHours(at('2026-03-02T10:00:00'), 2, { workingHours: { start: '9h', end: '17:30' } }), {
    code: 'CALENDAR_ERR_BAD_ARGUMENT',
  })
})

t.test('addClockDuration is plain addition (15 s answer target)', async (t) => {
  t.equal(addClockDuration(at('2026-02-16T23:59:50'), 15_000).toISOString(), at('2026-02-17T00:00:05').toISOString())
  t.throws(() => addClockDuration(at('2026-02-16T23:59:50'), Number.NaN), { code: 'CALENDAR_ERR_BAD_ARGUMENT' })
})

t.test('working days must be a whole number ≥ 1', async (t) => {
  t.throws(() => cal.addWorkingDays(at('2026-03-02T10:00:00'), 0), { code: 'CALENDAR_ERR_BAD_ARGUMENT' })
  t.throws(() => cal.addWorkingDays(at('2026-03-02T10:00:00'), 1.5), { code: 'CALENDAR_ERR_BAD_ARGUMENT' })
  t.throws(() => cal.addWorkingDays(new Date(Number.NaN), 2), { code: 'CALENDAR_ERR_BAD_ARGUMENT' })
})
