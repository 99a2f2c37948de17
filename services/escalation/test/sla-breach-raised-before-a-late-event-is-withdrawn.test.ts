// The clock goes by the facts it has. When the event that met a deadline
// (签收, 办结) reaches escalation after the clock already raised the breach
// (consumer lag, a replay), the breach is withdrawn: notice, overdue mark and
// rollups put right, and consoles and subscribers told. A real breach stays.
import t from 'tap'
import { TOPICS } from '@hotline-hub/contracts'
import { modes } from '../../../tests/support/infra.ts'
import { manualSlaClock } from '../src/sla/testing.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '0' }, () => mode.cleanup())
    const db = app.runtime.db
    const sla = manualSlaClock({ db, bus: app.runtime.bus })
    const dispatch = (id: string, iso: string) => app.lifecycle(id, { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT, at: at(iso) })

    // 咨询 due Thursday 2025-06-05 10:00.
    for (const id of ['WD-CLOSED-IN-TIME', 'WD-CLOSED-LATE']) {
      await app.receive({ id, appealType: '咨询', receivedAt: at('2025-06-03T10:00:00+08:00') })
      await dispatch(id, '2025-06-03T10:10:00+08:00')
    }
    // 紧急: first contact due 2025-06-03 10:00.
    await app.receive({ id: 'WD-CONTACTED', urgency: '紧急', appealType: '求助', receivedAt: at('2025-06-03T08:00:00+08:00') })
    await dispatch('WD-CONTACTED', '2025-06-03T08:05:00+08:00')
    await app.settled()
    const raised = await sla.at('2025-06-05T10:00:00+08:00')
    t.same(raised.breaches.map((b) => `${b.caseId}:${b.deadline}`).sort(), ['WD-CLOSED-IN-TIME:resolution', 'WD-CLOSED-LATE:resolution', 'WD-CONTACTED:response'])

    // Now the events arrive: closed at 09:30 (in time), closed the next day (late), accepted at 09:30 on day one (in time).
    await app.lifecycle('WD-CLOSED-IN-TIME', { action: 'close', from: 'dispatched', to: 'closed', at: at('2025-06-05T09:30:00+08:00') })
    await app.lifecycle('WD-CLOSED-LATE', { action: 'close', from: 'dispatched', to: 'closed', at: at('2025-06-06T09:30:00+08:00') })
    await app.lifecycle('WD-CONTACTED', { action: 'accept', from: 'dispatched', to: 'accepted', at: at('2025-06-03T09:30:00+08:00') })
    await app.settled()

    const cases = await db.query<{ case_id: string; overdue: boolean }>(`SELECT case_id, overdue FROM escalation.cases ORDER BY case_id`)
    t.same(cases, [
      { case_id: 'WD-CLOSED-IN-TIME', overdue: false },
      { case_id: 'WD-CLOSED-LATE', overdue: true },
      { case_id: 'WD-CONTACTED', overdue: false },
    ])
    const [r] = await db.query<{ overdue: number; closed_on_time: number }>(`SELECT sum(overdue)::int AS overdue, sum(closed_on_time)::int AS closed_on_time FROM escalation.rollup_daily`)
    t.same(r, { overdue: 1, closed_on_time: 1 }, 'the rollups count only the real breach')

    const notices = await app.inject({ method: 'GET', url: '/api/v1/notices', headers: app.as('leader') })
    t.same(notices.json().items.map((n: { caseId: string }) => n.caseId), ['WD-CLOSED-LATE'], 'withdrawn notices leave the list')
    const all = await app.inject({ method: 'GET', url: '/api/v1/notices?includeWithdrawn=true', headers: app.as('leader') })
    t.same(
      all.json().items.map((n: { caseId: string; withdrawnAt: string | null }) => [n.caseId, n.withdrawnAt !== null]).sort(),
      [['WD-CLOSED-IN-TIME', true], ['WD-CLOSED-LATE', false], ['WD-CONTACTED', true]],
    )

    const withdrawals = await db.query<{ data: { kind: string; caseId: string; withdraws: string; deadline: string; message: string } }>(
      `SELECT envelope->'data' AS data FROM bus.outbox WHERE topic = $1 AND envelope->'data'->>'kind' = 'sla.breach.withdrawn' ORDER BY envelope->>'caseId'`,
      [TOPICS.alertRaised],
    )
    const alertOf = (id: string) => raised.breaches.find((b) => b.caseId === id)!.alertId
    t.match(withdrawals.map((w) => w.data), [
      { caseId: 'WD-CLOSED-IN-TIME', deadline: 'resolution', withdraws: alertOf('WD-CLOSED-IN-TIME'), message: /撤销超期督办.*2025-06-05 09:30 办结/ },
      { caseId: 'WD-CONTACTED', deadline: 'response', withdraws: alertOf('WD-CONTACTED') },
    ])
    const live = await db.query<{ kind: string; department: string }>(`SELECT kind, department FROM escalation.live_events WHERE kind = 'sla.breach.withdrawn'`)
    t.equal(live.length, 2, 'consoles are told')

    const view = await app.inject({ method: 'GET', url: '/api/v1/cases/WD-CLOSED-IN-TIME/sla', headers: app.as('duty_officer') })
    t.match(view.json().deadlines, [{ kind: 'resolution', state: 'met', breachedAt: null, lateMinutes: 0 }])
    const overdue = await app.inject({ method: 'GET', url: '/api/v1/overdue', headers: app.as('leader') })
    // (WD-CONTACTED is still open, and past its 10 working days by now.)
    t.same(overdue.json().items.map((i: { caseId: string; kind: string }) => `${i.caseId}:${i.kind}`), ['WD-CLOSED-LATE:resolution', 'WD-CONTACTED:resolution'])
  })
}
