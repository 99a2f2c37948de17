// 超期清单 and 督办通知: open cases past a deadline and cases that missed it,
// with how late; notices per department; a department user sees its own.
import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { manualSlaClock } from '../src/sla/testing.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()
const WATER = '市水务局'

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '0' }, () => mode.cleanup())
    const sla = manualSlaClock({ db: app.runtime.db, bus: app.runtime.bus })
    const dispatch = (id: string, department: string, iso: string) => app.lifecycle(id, { action: 'dispatch', from: 'received', to: 'dispatched', department, at: at(iso) })

    // 投诉 received on 端午 Monday 2025-06-02: 15 working days from Tue 06-03 → due Mon 06-23 09:00. Never closed.
    await app.receive({ id: 'OD-OPEN-1', appealType: '投诉', receivedAt: at('2025-06-02T09:00:00+08:00') })
    await dispatch('OD-OPEN-1', DEPARTMENT, '2025-06-02T09:30:00+08:00')
    await app.receive({ id: 'OD-WATER', appealType: '投诉', receivedAt: at('2025-06-02T09:00:00+08:00') })
    await dispatch('OD-WATER', WATER, '2025-06-02T09:30:00+08:00')
    // 咨询 due Thu 06-05 10:00, closed Sat 06-07 13:05: 2 days 3 h 5 min late.
    await app.receive({ id: 'OD-LATE-1', appealType: '咨询', receivedAt: at('2025-06-03T10:00:00+08:00') })
    await dispatch('OD-LATE-1', DEPARTMENT, '2025-06-03T10:10:00+08:00')
    await app.lifecycle('OD-LATE-1', { action: 'close', from: 'dispatched', to: 'closed', at: at('2025-06-07T13:05:00+08:00') })
    await app.receive({ id: 'OD-INTIME', appealType: '咨询', receivedAt: at('2025-06-03T10:00:00+08:00') })
    await dispatch('OD-INTIME', DEPARTMENT, '2025-06-03T10:10:00+08:00')
    await app.lifecycle('OD-INTIME', { action: 'close', from: 'dispatched', to: 'closed', at: at('2025-06-04T16:00:00+08:00') })
    // 紧急 help requests: first contact within 2 h (due 10:00). One is accepted an hour late and closed in time;
    // the other is never accepted (its 10 working days run out on Tue 06-17 08:00).
    await app.receive({ id: 'OD-EMERG', urgency: '紧急', appealType: '求助', receivedAt: at('2025-06-03T08:00:00+08:00') })
    await dispatch('OD-EMERG', DEPARTMENT, '2025-06-03T08:10:00+08:00')
    await app.lifecycle('OD-EMERG', { action: 'accept', from: 'dispatched', to: 'accepted', at: at('2025-06-03T11:00:00+08:00') })
    await app.lifecycle('OD-EMERG', { action: 'close', from: 'accepted', to: 'closed', at: at('2025-06-05T11:00:00+08:00') })
    await app.receive({ id: 'OD-EMERG-OPEN', urgency: '紧急', appealType: '求助', receivedAt: at('2025-06-03T08:00:00+08:00') })
    await dispatch('OD-EMERG-OPEN', WATER, '2025-06-03T08:10:00+08:00')
    await app.settled()
    const breached = await sla.at('2025-07-01T09:00:00+08:00')
    t.same(
      breached.breaches.map((b) => `${b.caseId}:${b.deadline}`).sort(),
      ['OD-EMERG-OPEN:resolution', 'OD-EMERG-OPEN:response', 'OD-OPEN-1:resolution', 'OD-WATER:resolution'],
    )

    const get = async (url: string, role: string) => {
      const res = await app.inject({ method: 'GET', url, headers: app.as(role) })
      return { status: res.statusCode, body: res.json() }
    }
    const brief = (items: { caseId: string; kind: string; state: string; dueAt: string }[]) => items.map((i) => `${i.caseId} ${i.kind} ${i.state} ${i.dueAt}`)

    t.test('overdue list: open and late, with lateness', async (t) => {
      const before = Date.now()
      const all = await get('/api/v1/overdue', 'leader')
      const after = Date.now()
      t.equal(all.status, 200)
      t.equal(all.body.total, 6)
      t.same(brief(all.body.items), [
        `OD-EMERG response late ${at('2025-06-03T10:00:00+08:00')}`,
        `OD-EMERG-OPEN response open ${at('2025-06-03T10:00:00+08:00')}`,
        `OD-LATE-1 resolution late ${at('2025-06-05T10:00:00+08:00')}`,
        `OD-EMERG-OPEN resolution open ${at('2025-06-17T08:00:00+08:00')}`,
        `OD-OPEN-1 resolution open ${at('2025-06-23T09:00:00+08:00')}`,
        `OD-WATER resolution open ${at('2025-06-23T09:00:00+08:00')}`,
      ])
      const item = (id: string, kind: string) => all.body.items.find((i: { caseId: string; kind: string }) => i.caseId === id && i.kind === kind)
      t.match(item('OD-EMERG', 'response'), { doneAt: at('2025-06-03T11:00:00+08:00'), lateMinutes: 60, lateHours: 1, department: DEPARTMENT, urgency: '紧急' })
      t.match(item('OD-LATE-1', 'resolution'), { doneAt: at('2025-06-07T13:05:00+08:00'), lateMinutes: 2 * 1440 + 3 * 60 + 5, lateHours: 51.1, rule: 'consultation' })
      // An open case is late by now minus its due date.
      const open = item('OD-OPEN-1', 'resolution')
      const due = new Date('2025-06-23T09:00:00+08:00').getTime()
      t.equal(open.doneAt, null)
      t.ok(open.lateMinutes >= Math.floor((before - due) / 60_000) && open.lateMinutes <= Math.floor((after - due) / 60_000), 'open lateness is measured to now')
      t.equal(open.lateHours, Math.round(open.lateMinutes / 6) / 10)
    })

    t.test('filters, and a department user sees its own', async (t) => {
      t.same(brief((await get('/api/v1/overdue?kind=response', 'duty_officer')).body.items), [
        `OD-EMERG response late ${at('2025-06-03T10:00:00+08:00')}`,
        `OD-EMERG-OPEN response open ${at('2025-06-03T10:00:00+08:00')}`,
      ])
      t.same(
        (await get(`/api/v1/overdue?department=${encodeURIComponent(WATER)}`, 'admin')).body.items.map((i: { caseId: string }) => i.caseId),
        ['OD-EMERG-OPEN', 'OD-EMERG-OPEN', 'OD-WATER'],
      )
      const own = await get(`/api/v1/overdue?department=${encodeURIComponent(WATER)}`, 'department')
      t.same(own.body.items.map((i: { caseId: string }) => i.caseId), ['OD-EMERG', 'OD-LATE-1', 'OD-OPEN-1'])
      t.same((await get('/api/v1/overdue?limit=2&offset=4', 'leader')).body.items.map((i: { caseId: string }) => i.caseId), ['OD-OPEN-1', 'OD-WATER'])
      t.equal((await get('/api/v1/overdue?kind=late', 'leader')).status, 400)
      t.equal((await get('/api/v1/overdue', 'operator')).status, 403)
      t.equal((await get('/api/v1/overdue', 'integrator')).status, 403)
    })

    t.test('督办 notices per department', async (t) => {
      const all = await get('/api/v1/notices', 'leader')
      t.equal(all.body.total, 4)
      const water = await get(`/api/v1/notices?department=${encodeURIComponent(WATER)}`, 'duty_officer')
      t.same(water.body.items.map((n: { caseId: string; kind: string }) => `${n.caseId}:${n.kind}`).sort(), ['OD-EMERG-OPEN:resolution', 'OD-EMERG-OPEN:response', 'OD-WATER:resolution'])
      const own = await get('/api/v1/notices', 'department')
      t.equal(own.body.total, 1)
      t.match(own.body.items[0], {
        caseId: 'OD-OPEN-1',
        department: DEPARTMENT,
        kind: 'resolution',
        dueAt: at('2025-06-23T09:00:00+08:00'),
        breachedAt: at('2025-07-01T09:00:00+08:00'),
        text: /督办通知：市城管局：诉求件 OD-OPEN-1 应于 2025-06-23 09:00 前办结，截至 2025-07-01 09:00 已超过办结时限/,
      })
      t.equal((await get('/api/v1/notices?kind=response', 'admin')).body.total, 1)
      t.equal((await get('/api/v1/notices', 'integrator')).status, 403)
    })
  })
}
