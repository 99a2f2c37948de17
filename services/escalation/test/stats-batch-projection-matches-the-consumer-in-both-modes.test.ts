import t from 'tap'
import type { Sql } from '@hotline-hub/db'
import { modes } from '../../../tests/support/infra.ts'
import { SlaPolicy } from '../src/sla/policy.ts'
import { loadStatsConfig } from '../src/stats/stats-config.ts'
import { projectBatch } from '../src/stats/batch-projection.ts'
import { buildEscalation } from './helper.ts'
import { historyOf, publishSteps } from './fixtures/stats-history.ts'
import { randomHistory } from './fixtures/stats-random-history.ts'

const COUNTERS = 'received, dispatched, closed, closed_on_time, responded, followed_up, solved, satisfied, overdue'
const NON_ZERO = COUNTERS.split(', ').map((c) => `${c} <> 0`).join(' OR ')

/** The rollups' rows that count something (the consumer leaves rows at zero behind when a case moves to another row). */
async function snapshot(db: Sql) {
  const daily = await db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, channel, department, topic, district, ${COUNTERS} FROM escalation.rollup_daily WHERE ${NON_ZERO} ORDER BY 1, 2, 3, 4, 5`)
  const monthly = await db.query(`SELECT to_char(month, 'YYYY-MM') AS month, channel, department, topic, district, ${COUNTERS} FROM escalation.rollup_monthly WHERE ${NON_ZERO} ORDER BY 1, 2, 3, 4, 5`)
  const lines = await db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, channel, subchannel, department, topic, district, ${COUNTERS} FROM escalation.rollup_subchannel_daily WHERE ${NON_ZERO} ORDER BY 1, 2, 3, 4, 5, 6`)
  const slices = await db.query(`SELECT dimension, to_char(day, 'YYYY-MM-DD') AS day, value, ${COUNTERS} FROM escalation.rollup_daily_slices WHERE ${NON_ZERO} ORDER BY 1, 2, 3`)
  const monthSlices = await db.query(`SELECT dimension, to_char(month, 'YYYY-MM') AS month, value, ${COUNTERS} FROM escalation.rollup_monthly_slices WHERE ${NON_ZERO} ORDER BY 1, 2, 3`)
  const sums = COUNTERS.split(', ').map((c) => `sum(${c})::int AS ${c}`).join(', ')
  const having = `HAVING ${COUNTERS.split(', ').map((c) => `sum(${c}) <> 0`).join(' OR ')}`
  // The one-dimension rollups are rollup_daily summed per dimension (its trigger, or the batch path).
  const slicedDaily = await db.query(
    `SELECT d.dimension, to_char(day, 'YYYY-MM-DD') AS day, d.value, ${sums} FROM escalation.rollup_daily r
       CROSS JOIN LATERAL (VALUES ('channel', r.channel), ('department', r.department), ('topic', r.topic), ('district', r.district)) AS d (dimension, value)
      GROUP BY 1, 2, 3 ${having} ORDER BY 1, 2, 3`,
  )
  const slicedMonthly = await db.query(
    `SELECT d.dimension, to_char(date_trunc('month', day), 'YYYY-MM') AS month, d.value, ${sums} FROM escalation.rollup_daily r
       CROSS JOIN LATERAL (VALUES ('channel', r.channel), ('department', r.department), ('topic', r.topic), ('district', r.district)) AS d (dimension, value)
      GROUP BY 1, 2, 3 ${having} ORDER BY 1, 2, 3`,
  )
  // rollup_monthly is rollup_daily summed per month.
  const summed = await db.query(
    `SELECT to_char(date_trunc('month', day), 'YYYY-MM') AS month, channel, department, topic, district, ${COUNTERS.split(', ').map((c) => `sum(${c})::int AS ${c}`).join(', ')}
       FROM escalation.rollup_daily GROUP BY 1, 2, 3, 4, 5 HAVING ${COUNTERS.split(', ').map((c) => `sum(${c}) <> 0`).join(' OR ')} ORDER BY 1, 2, 3, 4, 5`,
  )
  return { daily, monthly, lines, summed, slices, monthSlices, slicedDaily, slicedMonthly }
}

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    // No SLA clock: it would mark open cases overdue by the wall clock, which a replayed history has no notion of.
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '0', ESCALATION_REPORTS_CHECK_MS: '0' }, () => mode.cleanup())
    const db = app.runtime.db
    const steps = randomHistory(20260302, 240, Date.parse('2026-02-10T08:00:00+08:00'))
    t.ok(steps.length > 1000, `${steps.length} events`)

    await publishSteps(app, steps)
    const consumed = await snapshot(db)
    t.ok(consumed.daily.length > 50, `${consumed.daily.length} daily rows from the consumer`)
    t.ok(consumed.lines.length > 0, 'the radio-hotline lines are counted')
    t.same(consumed.monthly, consumed.summed, 'the consumer: rollup_monthly equals rollup_daily summed per month')
    t.same(consumed.slices, consumed.slicedDaily, 'the consumer: rollup_daily_slices equals rollup_daily summed per day and dimension')
    t.same(consumed.monthSlices, consumed.slicedMonthly, 'the consumer: rollup_monthly_slices equals rollup_daily summed per month and dimension')
    // The history reaches every counter, and every rate is neither 0 nor 1: late and on-time cases both occur.
    const [sum] = await db.query<Record<string, string | number>>(`SELECT ${COUNTERS.split(', ').map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM escalation.rollup_daily`)
    const n = (k: string) => Number(sum![k])
    t.ok(n('dispatched') < n('received') && n('closed') < n('dispatched') && n('closed_on_time') < n('closed') && n('closed_on_time') > 0, `closed ${n('closed')}, on time ${n('closed_on_time')}`)
    t.ok(n('responded') > 0 && n('responded') < n('dispatched'), `responded ${n('responded')} of ${n('dispatched')}`)
    t.ok(n('satisfied') > 0 && n('satisfied') < n('followed_up') && n('solved') > 0 && n('solved') < n('followed_up'), `followed up ${n('followed_up')}`)
    t.ok(n('overdue') > 0, `overdue ${n('overdue')}`)

    await db.query('TRUNCATE escalation.rollup_daily, escalation.rollup_subchannel_daily')
    const emptied = await snapshot(db)
    t.same([emptied.monthly, emptied.slices, emptied.monthSlices], [[], [], []], 'truncating rollup_daily empties the rollups derived from it')
    const outcome = await db.transaction((tx) => projectBatch(tx, historyOf(steps), { policy: SlaPolicy.load(), vocabulary: loadStatsConfig().vocabulary }))
    t.equal(outcome.cases, 240)
    t.equal(outcome.events, steps.length)
    const projected = await snapshot(db)
    t.same(projected.daily, consumed.daily, 'rollup_daily: the batch path gives the consumer’s rows')
    t.same(projected.monthly, consumed.monthly, 'rollup_monthly: the same')
    t.same(projected.lines, consumed.lines, 'rollup_subchannel_daily: the same')
    t.same(projected.slices, consumed.slices, 'rollup_daily_slices: the same')
    t.same(projected.monthSlices, consumed.monthSlices, 'rollup_monthly_slices: the same')
    // The batch path leaves the trigger off only for its own transaction: a later change goes through it again.
    await db.query(`UPDATE escalation.rollup_daily SET received = received + 1 WHERE (day, channel, department, topic, district) = (SELECT day, channel, department, topic, district FROM escalation.rollup_daily LIMIT 1)`)
    const after = await snapshot(db)
    t.same([after.monthly, after.slices, after.monthSlices], [after.summed, after.slicedDaily, after.slicedMonthly], 'the trigger keeps them after a batch')
  })
}
