// Clock pauses (补正: waiting for the caller). March 2026 has no holiday:
// 03-02 Mon, 03-05 Thu, 03-09 Mon, 03-10 Tue, 03-11 Wed, 03-16 Mon, 03-20 Fri, 03-23 Mon.
import t from 'tap'
import { WorkingCalendar } from '../src/index.ts'

const at = (s: string): Date => new Date(`${s}+08:00`)
const cal = WorkingCalendar.fromDirectory()
const start = at('2026-03-02T10:00:00')
const spec = { kind: 'working-days', start, days: 10 } as const

t.test('without a pause, 10 working days from Monday 03-02 end on Monday 03-16', async (t) => {
  // 1 Tue 03, 2 Wed 04, 3 Thu 05, 4 Fri 06, 5 Mon 09, 6 Tue 10, 7 Wed 11, 8 Thu 12, 9 Fri 13, 10 Mon 16
  const r = cal.deadline(spec)
  t.equal(r.due?.toISOString(), at('2026-03-16T23:59:59.999').toISOString())
  t.equal(r.state, 'running')
})

t.test('a closed pause keeps the days used and skips every day it touches', async (t) => {
  // used before the pause: Tue 03, Wed 04 = 2. Thu 05 .. Tue 10 touched by the pause.
  // resume Wed 11: 3 Wed 11, 4 Thu 12, 5 Fri 13, 6 Mon 16, 7 Tue 17, 8 Wed 18, 9 Thu 19, 10 Fri 20
  const r = cal.deadline(spec, [{ from: at('2026-03-05T14:00:00'), to: at('2026-03-10T09:30:00') }])
  t.equal(r.due?.toISOString(), at('2026-03-20T23:59:59.999').toISOString())
  t.equal(r.state, 'running')
  t.equal(r.used, 10)
})

t.test("a 'restart' pause starts the count again after the correction arrives", async (t) => {
  // restart after Tue 03-10: 1 Wed 11, 2 Thu 12, 3 Fri 13, 4 Mon 16, 5 Tue 17, 6 Wed 18,
  // 7 Thu 19, 8 Fri 20, 9 Mon 23, 10 Tue 24
  const r = cal.deadline(spec, [{ from: at('2026-03-05T14:00:00'), to: at('2026-03-10T09:30:00'), effect: 'restart' }])
  t.equal(r.due?.toISOString(), at('2026-03-24T23:59:59.999').toISOString())
})

t.test('an open pause gives no due date yet', async (t) => {
  const r = cal.deadline(spec, [{ from: at('2026-03-05T14:00:00'), to: null }])
  t.equal(r.state, 'paused')
  t.equal(r.due, null)
  t.equal(r.pausedSince?.toISOString(), at('2026-03-05T14:00:00').toISOString())
  t.equal(r.used, 2, 'Tue 03 and Wed 04 were used')
  // the correction arrives on Mon 03-09 at 16:00: resume Tue 10 → 3 Tue 10, 4 Wed 11,
  // 5 Thu 12, 6 Fri 13, 7 Mon 16, 8 Tue 17, 9 Wed 18, 10 Thu 19
  const resumed = cal.recompute(r, [{ from: at('2026-03-05T14:00:00'), to: at('2026-03-09T16:00:00') }])
  t.equal(resumed.due?.toISOString(), at('2026-03-19T23:59:59.999').toISOString())
})

t.test('a pause that begins after the due instant does not lift the breach', async (t) => {
  const r = cal.deadline(spec, [{ from: at('2026-03-17T09:00:00'), to: null }])
  t.equal(r.state, 'running')
  t.equal(r.due?.toISOString(), at('2026-03-16T23:59:59.999').toISOString())
})

t.test('a pause that ended before receipt is ignored; overlapping pauses merge', async (t) => {
  const early = cal.deadline(spec, [{ from: at('2026-03-01T08:00:00'), to: at('2026-03-02T09:00:00') }])
  t.equal(early.due?.toISOString(), at('2026-03-16T23:59:59.999').toISOString())
  const overlapping = cal.deadline(spec, [
    { from: at('2026-03-06T09:00:00'), to: at('2026-03-10T09:30:00') },
    { from: at('2026-03-05T14:00:00'), to: at('2026-03-09T12:00:00') },
  ])
  t.equal(overlapping.due?.toISOString(), at('2026-03-20T23:59:59.999').toISOString(), 'same as one pause 05–10')
})

t.test('pauses stop clock-hour deadlines too', async (t) => {
  const twoHours = { kind: 'working-hours', start, hours: 2 } as const
  // 10:00–10:30 counts, 10:30–11:15 paused, then 90 min more → 12:45
  const r = cal.deadline(twoHours, [{ from: at('2026-03-02T10:30:00'), to: at('2026-03-02T11:15:00') }])
  t.equal(r.due?.toISOString(), at('2026-03-02T12:45:00').toISOString())
  const open = cal.deadline(twoHours, [{ from: at('2026-03-02T10:30:00'), to: null }])
  t.equal(open.state, 'paused')
  t.equal(open.used, 30 * 60_000, '30 minutes used')
  const office = { kind: 'working-hours', start, hours: 8, workingHours: { start: '09:00', end: '17:30' } } as const
  // Mon 10:00–17:30 = 7.5 h, paused Tue 09:00–10:00, then 0.5 h → Tue 10:30
  const o = cal.deadline(office, [{ from: at('2026-03-03T08:00:00'), to: at('2026-03-03T10:00:00') }])
  t.equal(o.due?.toISOString(), at('2026-03-03T10:30:00').toISOString())
})

t.test("a 'restart' pause re-bases a same-time deadline and an office-hours clock on the pause's end", async (t) => {
  // correction arrives Wed 03-04 15:20: 1 Thu 05, 2 Fri 06 → 15:20
  const sameTime = cal.deadline({ kind: 'working-days', start, days: 2, dueAt: 'same-time' }, [
    { from: at('2026-03-03T09:00:00'), to: at('2026-03-04T15:20:00'), effect: 'restart' },
  ])
  t.equal(sameTime.due?.toISOString(), at('2026-03-06T15:20:00').toISOString())
  // 2 office hours, restarted at Mon 20:00 → full 2 h from Tue 09:00
  const office = { kind: 'working-hours', start, hours: 2, workingHours: { start: '09:00', end: '17:30' } } as const
  const o = cal.deadline(office, [{ from: at('2026-03-02T11:00:00'), to: at('2026-03-02T20:00:00'), effect: 'restart' }])
  t.equal(o.due?.toISOString(), at('2026-03-03T11:00:00').toISOString())
})

t.test('bad pauses are refused', async (t) => {
  t.throws(() => cal.deadline(spec, [{ from: at('2026-03-05T14:00:00'), to: at('2026-03-04T14:00:00') }]), {
    code: 'CALENDAR_ERR_BAD_ARGUMENT',
  })
  t.throws(() => cal.deadline(spec, [{ from: new Date('nope'), to: null }]), { code: 'CALENDAR_ERR_BAD_ARGUMENT' })
})
