// TEST VECTOR: a deadline that crosses a 调休 weekend and a Spring Festival
// holiday lands on the right minute; so do its 80% warning and its breach,
// raised by the clock at the injected time; a 补正 pause moves the due date
// by the paused working days. Calendar data: libs/calendar/data/2025.json, 2026.json.
import t from 'tap'
import { TOPICS } from '@hotline-hub/contracts'
import { modes } from '../../../tests/support/infra.ts'
import { manualSlaClock } from '../src/sla/testing.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()
const before = (iso: string) => new Date(new Date(iso).getTime() - 1).toISOString()
const ENV = { ESCALATION_SLA_TICK_MS: '0' }

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, { ...mode.env, ...ENV }, () => mode.cleanup())
    const db = app.runtime.db
    const sla = manualSlaClock({ db, bus: app.runtime.bus })

    const dispatch = (id: string, iso: string) => app.lifecycle(id, { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT, at: at(iso) })
    // 投诉 (15 working days) received Friday 2026-02-13 10:00, just before 春节 (02-15…02-23; Saturdays 02-14 and 02-28 are 调休 workdays).
    await app.receive({ id: 'HH-SF-1', appealType: '投诉', receivedAt: at('2026-02-13T10:00:00+08:00') })
    await app.receive({ id: 'HH-SF-2', appealType: '投诉', receivedAt: at('2026-02-13T10:00:00+08:00') })
    // 咨询 (2 working days) around 2025's 国庆节/中秋节 (10-01…10-08 off; Sunday 09-28 and Saturday 10-11 are 调休 workdays).
    await app.receive({ id: 'HH-ND-1', appealType: '咨询', receivedAt: at('2025-09-30T16:30:00+08:00') })
    await app.receive({ id: 'HH-ND-2', appealType: '咨询', receivedAt: at('2025-09-27T09:00:00+08:00') })
    await app.receive({ id: 'HH-ND-3', appealType: '咨询', receivedAt: at('2025-10-09T11:00:00+08:00') })
    for (const id of ['HH-SF-1', 'HH-SF-2']) await dispatch(id, '2026-02-13T10:05:00+08:00')
    await app.settled()

    const due = async (id: string) => {
      const [c] = await db.query<{ resolution_due_at: Date; sla_rule: string; deadline_provisional: boolean }>(
        'SELECT resolution_due_at, sla_rule, deadline_provisional FROM escalation.cases WHERE case_id = $1',
        [id],
      )
      return { due: new Date(c!.resolution_due_at).toISOString(), rule: c!.sla_rule, provisional: c!.deadline_provisional }
    }
    const timers = async (id: string) =>
      Object.fromEntries(
        (await db.query<{ kind: string; stage: string; fire_at: Date }>('SELECT kind, stage, fire_at FROM escalation.sla_timers WHERE case_id = $1', [id])).map((r) => [
          `${r.kind}:${r.stage}`,
          new Date(r.fire_at).toISOString(),
        ]),
      )

    t.test('due instants', async (t) => {
      // Day 1 is Sat 02-14 (调休); 02-15…02-23 off; 02-24…02-27 days 2–5; Sat 02-28 day 6; 03-02…03-06 days 7–11; 03-09…03-12 days 12–15.
      t.same(await due('HH-SF-1'), { due: at('2026-03-12T10:00:00+08:00'), rule: 'complaint-or-report', provisional: false })
      // Receipt day 09-30 does not count; 10-01…10-08 off; Thu 10-09 day 1, Fri 10-10 day 2.
      t.same(await due('HH-ND-1'), { due: at('2025-10-10T16:30:00+08:00'), rule: 'consultation', provisional: false })
      // Received on Saturday 09-27 (a day off): Sunday 09-28 (调休) is day 1, Monday 09-29 day 2.
      t.same(await due('HH-ND-2'), { due: at('2025-09-29T09:00:00+08:00'), rule: 'consultation', provisional: false })
      // Received Thu 10-09: Fri 10-10 day 1, Saturday 10-11 (调休) day 2.
      t.same(await due('HH-ND-3'), { due: at('2025-10-11T11:00:00+08:00'), rule: 'consultation', provisional: false })
    })

    t.test('80% warning instants, measured on working days', async (t) => {
      // 15 working days of 24 h from 02-13 10:00 = 360 h on working days; 80% = 288 h:
      // 14 h on 02-13, then 11 full working days (02-14, 02-24…02-28, 03-02…03-06) = 278 h, and 10 h of 03-09.
      t.same(await timers('HH-SF-1'), { 'resolution:warning': at('2026-03-09T10:00:00+08:00'), 'resolution:breach': at('2026-03-12T10:00:00+08:00') })
      // 7.5 h on 09-30 + 24 h on 10-09 + 16.5 h on 10-10 = 48 h; 80% = 38.4 h → 6.9 h into 10-10 = 06:54.
      t.same(await timers('HH-ND-1'), { 'resolution:warning': at('2025-10-10T06:54:00+08:00'), 'resolution:breach': at('2025-10-10T16:30:00+08:00') })
      // 0 h on Saturday 09-27 (off) + 24 h on 09-28 + 9 h on 09-29 = 33 h; 80% = 26.4 h → 2.4 h into 09-29 = 02:24.
      t.same(await timers('HH-ND-2'), { 'resolution:warning': at('2025-09-29T02:24:00+08:00'), 'resolution:breach': at('2025-09-29T09:00:00+08:00') })
    })

    t.test('the clock warns and breaches at the injected instants, once', async (t) => {
      t.same((await sla.at(before('2026-03-09T10:00:00+08:00'))).warnings.filter((w) => w.caseId.startsWith('HH-SF')), [])
      const warned = await sla.at('2026-03-09T10:00:00+08:00')
      t.same(warned.warnings.filter((w) => w.caseId.startsWith('HH-SF')).map((w) => w.caseId).sort(), ['HH-SF-1', 'HH-SF-2'])
      t.match(warned.warnings.find((w) => w.caseId === 'HH-SF-1'), {
        kind: 'sla.warning',
        severity: 'warning',
        deadline: 'resolution',
        department: DEPARTMENT,
        dueAt: at('2026-03-12T10:00:00+08:00'),
        raisedAt: at('2026-03-09T10:00:00+08:00'),
        elapsedFraction: 0.8,
        message: /HH-SF-1.*办结时限已用 80%.*2026-03-12 10:00/,
      })
      t.same((await sla.at('2026-03-09T10:00:00+08:00')).warnings, [], 'a second tick raises nothing again')

      // HH-SF-2 waits for the caller (补正) Monday 03-02 09:00 … Tuesday 03-03 15:00: both working days stop counting.
      await db.transaction((tx) =>
        sla.tracker.update(tx, 'HH-SF-2', (f) => ({ ...f, pauses: [{ from: at('2026-03-02T09:00:00+08:00'), to: at('2026-03-03T15:00:00+08:00'), reason: '补充材料' }] })),
      )
      // Days 7–15 become 03-04…03-06, 03-09…03-13 and Monday 03-16.
      t.same(await due('HH-SF-2'), { due: at('2026-03-16T10:00:00+08:00'), rule: 'complaint-or-report', provisional: false })
      t.equal((await timers('HH-SF-2'))['resolution:breach'], at('2026-03-16T10:00:00+08:00'))

      t.same((await sla.at(before('2026-03-12T10:00:00+08:00'))).breaches, [])
      const breached = await sla.at('2026-03-12T10:00:00+08:00')
      t.same(breached.breaches.map((b) => b.caseId), ['HH-SF-1'], 'the paused case is not breached at the old due date')
      t.match(breached.breaches[0], {
        kind: 'sla.breach',
        severity: 'critical',
        caseIds: ['HH-SF-1'],
        deadline: 'resolution',
        department: DEPARTMENT,
        dueAt: at('2026-03-12T10:00:00+08:00'),
        raisedAt: at('2026-03-12T10:00:00+08:00'),
        lateMinutes: 0,
        message: /超期督办.*HH-SF-1/,
      })
      const later = await sla.at('2026-03-16T10:00:00+08:00')
      t.same(later.breaches.map((b) => b.caseId), ['HH-SF-2'])

      const events = await db.query<{ envelope: { caseId: string; occurredAt: string; source: string; data: { kind: string; alertId: string } }; key: string }>(
        `SELECT key, envelope FROM bus.outbox WHERE topic = $1 AND envelope->>'caseId' LIKE 'HH-SF-%' ORDER BY seq`,
        [TOPICS.alertRaised],
      )
      t.same(
        events.map((e) => [e.envelope.caseId, e.envelope.data.kind, e.envelope.occurredAt]),
        [
          ['HH-SF-1', 'sla.warning', at('2026-03-09T10:00:00+08:00')],
          ['HH-SF-2', 'sla.warning', at('2026-03-09T10:00:00+08:00')],
          ['HH-SF-1', 'sla.breach', at('2026-03-12T10:00:00+08:00')],
          ['HH-SF-2', 'sla.breach', at('2026-03-16T10:00:00+08:00')],
        ].sort((a, b) => a[2]!.localeCompare(b[2]!) || a[0]!.localeCompare(b[0]!)),
      )
      t.ok(events.every((e) => e.key === e.envelope.data.alertId && e.envelope.source === 'escalation'), 'keyed by alert id')

      const [c] = await db.query<{ overdue: boolean }>('SELECT overdue FROM escalation.cases WHERE case_id = $1', ['HH-SF-1'])
      t.equal(c!.overdue, true, 'the breached case is marked overdue')
      const [r] = await db.query<{ overdue: number }>(`SELECT sum(overdue)::int AS overdue FROM escalation.rollup_daily WHERE day = '2026-02-13'`)
      t.equal(r!.overdue, 2, 'and counts in the rollups')
      const notices = await db.query<{ case_id: string; department: string; kind: string; due_at: Date; breached_at: Date }>(
        `SELECT case_id, department, kind, due_at, breached_at FROM escalation.sla_notices WHERE case_id LIKE 'HH-SF-%' ORDER BY case_id`,
      )
      t.same(
        notices.map((n) => [n.case_id, n.department, n.kind, new Date(n.due_at).toISOString(), new Date(n.breached_at).toISOString()]),
        [
          ['HH-SF-1', DEPARTMENT, 'resolution', at('2026-03-12T10:00:00+08:00'), at('2026-03-12T10:00:00+08:00')],
          ['HH-SF-2', DEPARTMENT, 'resolution', at('2026-03-16T10:00:00+08:00'), at('2026-03-16T10:00:00+08:00')],
        ],
      )
    })
  })
}
