// The service's own SLA clock (ESCALATION_SLA_TICK_MS) runs on the system
// time from start(): a case long past its deadline is breached, 督办 noticed
// and marked overdue without anyone asking, and the service closes cleanly.
import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '50' }, () => mode.cleanup())
    const db = app.runtime.db
    await app.receive({ id: 'CK-1', appealType: '咨询', receivedAt: at('2025-06-03T10:00:00+08:00') })
    await app.lifecycle('CK-1', { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT, at: at('2025-06-03T10:10:00+08:00') })
    // Received and closed in time: not breached, however long the clock runs (if the clock got to it before the
    // close event did, the breach is withdrawn when the event arrives: sla-breach-raised-before-a-late-event-is-withdrawn).
    await app.receive({ id: 'CK-2', appealType: '咨询', receivedAt: at('2025-06-03T10:00:00+08:00') })
    await app.lifecycle('CK-2', { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT, at: at('2025-06-03T10:10:00+08:00') })
    await app.lifecycle('CK-2', { action: 'close', from: 'dispatched', to: 'closed', at: at('2025-06-04T10:10:00+08:00') })
    await app.settled()

    let notices: { case_id: string; kind: string }[] = []
    for (const until = Date.now() + 30_000; notices.length === 0 && Date.now() < until; ) {
      notices = await db.query<{ case_id: string; kind: string }>('SELECT case_id, kind FROM escalation.sla_notices WHERE withdrawn_at IS NULL')
      if (notices.length === 0) await new Promise((r) => setTimeout(r, 25))
    }
    t.same(notices, [{ case_id: 'CK-1', kind: 'resolution' }], 'the open case past its deadline is breached by the running clock')
    const flags = await db.query<{ case_id: string; overdue: boolean }>('SELECT case_id, overdue FROM escalation.cases ORDER BY case_id')
    t.same(flags, [
      { case_id: 'CK-1', overdue: true },
      { case_id: 'CK-2', overdue: false },
    ])
    const timers = await db.query<{ case_id: string; stage: string; raised: boolean }>(
      `SELECT case_id, stage, alert_id IS NOT NULL AS raised FROM escalation.sla_timers WHERE case_id = 'CK-1' ORDER BY case_id, stage`,
    )
    t.same(timers, [
      { case_id: 'CK-1', stage: 'breach', raised: true },
      { case_id: 'CK-1', stage: 'warning', raised: false },
    ], 'a warning whose breach is already due is skipped, not raised late')
  })
}
