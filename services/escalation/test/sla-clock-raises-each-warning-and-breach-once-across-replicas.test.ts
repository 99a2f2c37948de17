// Two SLA clocks on the same database (in distributed mode on their own
// connection pools, as two replicas would be) tick at the same time: every
// warning and every breach is raised exactly once, and a case closed (or
// contacted) before its deadline never breaches.
import t from 'tap'
import { TOPICS } from '@hotline-hub/contracts'
import { openDb } from '@hotline-hub/db'
import { modes } from '../../../tests/support/infra.ts'
import { manualSlaClock } from '../src/sla/testing.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()
const N = 40

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '0' }, () => mode.cleanup())
    const db = app.runtime.db
    // The second replica's connections: a pool of its own on PostgreSQL; PGlite has one database per folder.
    const db2 = mode.env.DATABASE_URL ? await openDb({ url: mode.env.DATABASE_URL }) : db
    if (db2 !== db) t.teardown(() => db2.close())
    const a = manualSlaClock({ db, bus: app.runtime.bus })
    const b = manualSlaClock({ db: db2, bus: app.runtime.bus })

    // Complaints (15 working days) received Monday 2026-03-02 09:00: due Monday 2026-03-23 09:00, warning 2026-03-18 09:00.
    const received = at('2026-03-02T09:00:00+08:00')
    for (let i = 0; i < N; i++) {
      const id = `HH-R-${String(i).padStart(2, '0')}`
      await app.receive({ id, appealType: '投诉', receivedAt: received })
      await app.lifecycle(id, { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT, at: received })
    }
    // An emergency help request (2 h to first contact, 10 working days to close) accepted and closed in time,
    // and a complaint closed before its warning.
    await app.receive({ id: 'HH-R-EMERGENCY', urgency: '紧急', appealType: '求助', receivedAt: received })
    await app.lifecycle('HH-R-EMERGENCY', { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT, at: at('2026-03-02T09:10:00+08:00') })
    await app.lifecycle('HH-R-EMERGENCY', { action: 'accept', from: 'dispatched', to: 'accepted', at: at('2026-03-02T10:30:00+08:00') })
    await app.lifecycle('HH-R-EMERGENCY', { action: 'close', from: 'accepted', to: 'closed', at: at('2026-03-02T15:00:00+08:00') })
    await app.receive({ id: 'HH-R-CLOSED', appealType: '投诉', receivedAt: received })
    await app.lifecycle('HH-R-CLOSED', { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT, at: received })
    await app.lifecycle('HH-R-CLOSED', { action: 'close', from: 'dispatched', to: 'closed', at: at('2026-03-10T09:00:00+08:00') })
    await app.settled()

    const race = async (iso: string) => {
      a.set(iso)
      b.set(iso)
      const results = await Promise.all([a.clock.tick(), b.clock.tick(), a.clock.tick(), b.clock.tick()])
      return { warnings: results.flatMap((r) => r.warnings), breaches: results.flatMap((r) => r.breaches) }
    }

    const early = await race('2026-03-02T12:00:00+08:00')
    t.same([early.warnings, early.breaches], [[], []], 'the emergency was contacted in time: no response warning or breach')

    const warned = await race('2026-03-18T09:00:00+08:00')
    t.same(warned.breaches, [])
    t.equal(warned.warnings.length, N, 'one warning per case between the two clocks')
    t.equal(new Set(warned.warnings.map((w) => w.caseId)).size, N)
    t.notOk(warned.warnings.some((w) => w.caseId === 'HH-R-CLOSED'), 'the closed case is not warned')

    const breached = await race('2026-03-23T09:00:00+08:00')
    t.equal(breached.breaches.length, N, 'one breach per case between the two clocks')
    t.equal(new Set(breached.breaches.map((w) => w.caseId)).size, N)
    t.same(await race('2026-03-30T09:00:00+08:00'), { warnings: [], breaches: [] }, 'nothing is raised again later')

    const alerts = await db.query<{ kind: string; n: number; cases: number }>(
      `SELECT envelope->'data'->>'kind' AS kind, count(*)::int AS n, count(DISTINCT envelope->>'caseId')::int AS cases FROM bus.outbox WHERE topic = $1 GROUP BY 1 ORDER BY 1`,
      [TOPICS.alertRaised],
    )
    t.same(alerts, [
      { kind: 'sla.breach', n: N, cases: N },
      { kind: 'sla.warning', n: N, cases: N },
    ])
    const [notices] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM escalation.sla_notices`)
    t.equal(notices!.n, N, 'one 督办 notice per breach')
    const [live] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM escalation.live_events WHERE kind LIKE 'sla.%'`)
    t.equal(live!.n, 2 * N, 'one live message per alert')
    const flags = await db.query<{ case_id: string; overdue: boolean }>(`SELECT case_id, overdue FROM escalation.cases WHERE case_id IN ('HH-R-CLOSED', 'HH-R-EMERGENCY', 'HH-R-00') ORDER BY case_id`)
    t.same(flags, [
      { case_id: 'HH-R-00', overdue: true },
      { case_id: 'HH-R-CLOSED', overdue: false },
      { case_id: 'HH-R-EMERGENCY', overdue: false },
    ])
    const [r] = await db.query<{ overdue: number }>(`SELECT sum(overdue)::int AS overdue FROM escalation.rollup_daily`)
    t.equal(r!.overdue, N, 'the rollups count each breached case once')

    if (app.runtime.bus.kind === 'kafka') {
      // The outbox relay takes the alerts to Kafka (alert.raised.v1) like any other event.
      const until = Date.now() + 30_000
      let pending = -1
      while (pending !== 0 && Date.now() < until) {
        const [p] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bus.outbox WHERE topic = $1 AND published_at IS NULL`, [TOPICS.alertRaised])
        pending = p!.n
        if (pending) await new Promise((done) => setTimeout(done, 50))
      }
      t.equal(pending, 0, 'every alert is relayed to Kafka')
    }
  })
}
