import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, mode.env, () => mode.cleanup())
    const db = app.runtime.db

    // A complaint received on Friday 2026-02-13 10:00 (China time), before the Spring Festival.
    await app.receive({ id: 'HH-T1', channel: 'hotline-12319', receivedAt: at('2026-02-13T10:00:00+08:00'), location: { district: '南岗区' } })
    // Its classification arrives; then it is dispatched, accepted, replied, closed and followed up.
    await app.classified('HH-T1', { appealType: { value: '投诉', confidence: 0.9, because: ['投诉'] }, topic: { value: '城乡建设', confidence: 0.8, because: ['供暖'] } })
    await app.lifecycle('HH-T1', { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT, at: at('2026-02-13T10:05:00+08:00') })
    await app.lifecycle('HH-T1', { action: 'accept', from: 'dispatched', to: 'accepted', at: at('2026-02-13T11:00:00+08:00') })
    await app.lifecycle('HH-T1', { action: 'reply', from: 'accepted', to: 'replied', at: at('2026-02-26T09:00:00+08:00') })
    await app.lifecycle('HH-T1', { action: 'close', from: 'replied', to: 'closed', at: at('2026-02-26T10:00:00+08:00') })
    await app.lifecycle('HH-T1', { action: 'follow_up', from: 'closed', to: 'followed_up', at: at('2026-02-27T10:00:00+08:00'), details: { satisfaction: '基本满意', solved: true } })
    // A second case that is dispatched but never closed.
    await app.receive({ id: 'HH-T2', channel: 'hotline-12319', receivedAt: at('2026-02-13T12:00:00+08:00'), location: { district: '南岗区' } })
    await app.lifecycle('HH-T2', { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT, at: at('2026-02-13T12:05:00+08:00') })
    await app.settled()

    const [c] = await db.query<{ status: string; department: string; topic: string; sla_rule: string; resolution_due_at: Date; satisfaction: string }>(
      'SELECT status, department, topic, sla_rule, resolution_due_at, satisfaction FROM escalation.cases WHERE case_id = $1',
      ['HH-T1'],
    )
    t.match(c, { status: 'followed_up', department: DEPARTMENT, topic: '城乡建设', sla_rule: 'complaint-or-report', satisfaction: '基本满意' })
    // 15 working days from Fri 13 Feb 2026: Sat 14 Feb (调休 workday) is day 1; 15–23 Feb is 春节;
    // Tue 24 – Fri 27 Feb are days 2–5, Sat 28 Feb (调休) day 6, Mon 2 – Fri 6 March days 7–11,
    // Mon 9 – Thu 12 March days 12–15: due Thu 12 March at the receipt's time.
    t.equal(new Date(c!.resolution_due_at).toISOString(), at('2026-03-12T10:00:00+08:00'))

    const rows = await db.query<Record<string, number | string>>(
      `SELECT department, topic, district, received, dispatched, closed, closed_on_time, responded, followed_up, solved, satisfied, overdue
         FROM escalation.rollup_daily WHERE received <> 0 OR dispatched <> 0 ORDER BY topic`,
    )
    t.same(rows, [
      { department: DEPARTMENT, topic: '', district: '南岗区', received: 1, dispatched: 1, closed: 0, closed_on_time: 0, responded: 0, followed_up: 0, solved: 0, satisfied: 0, overdue: 0 },
      { department: DEPARTMENT, topic: '城乡建设', district: '南岗区', received: 1, dispatched: 1, closed: 1, closed_on_time: 1, responded: 1, followed_up: 1, solved: 1, satisfied: 1, overdue: 0 },
    ])
    const [empty] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM escalation.rollup_daily WHERE received = 0 AND (dispatched <> 0 OR closed <> 0)')
    t.equal(Number(empty!.n), 0, 'counts moved with the case leave nothing behind')

    // Events that overtake their case.received (another topic, another partition) wait for it, then count once.
    await app.classified('HH-T3', { urgency: { value: '紧急', confidence: 0.9, because: ['燃气味'] }, topic: { value: '环境保护', confidence: 0.8, because: ['气味'] } })
    await app.lifecycle('HH-T3', { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT, at: at('2026-03-02T09:10:00+08:00') })
    await app.lifecycle('HH-T3', { action: 'accept', from: 'dispatched', to: 'accepted', at: at('2026-03-02T12:00:00+08:00') }) // after the 2 h response deadline
    await app.lifecycle('HH-T3', { action: 'reply', from: 'accepted', to: 'replied', at: at('2026-03-02T13:00:00+08:00') })
    await app.lifecycle('HH-T3', { action: 'close', from: 'replied', to: 'closed', at: at('2026-03-02T14:00:00+08:00') })
    await app.settled()
    const [held] = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM escalation.early_events WHERE case_id = 'HH-T3'`)
    t.equal(Number(held!.n), 5, 'held until the case arrives')
    await app.receive({ id: 'HH-T3', channel: 'mayor-line', receivedAt: at('2026-03-02T09:00:00+08:00'), location: { district: '道里区' } })
    await app.settled()
    const [t3] = await db.query<Record<string, number | string>>(
      `SELECT topic, received, dispatched, closed, closed_on_time, responded, overdue FROM escalation.rollup_daily WHERE channel = 'mayor-line' AND received <> 0`,
    )
    t.same(t3, { topic: '环境保护', received: 1, dispatched: 1, closed: 1, closed_on_time: 1, responded: 0, overdue: 0 }, 'late first contact: not responded in time; every count 0 or 1')
    const [negative] = await db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM escalation.rollup_daily WHERE LEAST(received, dispatched, closed, closed_on_time, responded, followed_up, solved, satisfied, overdue) < 0',
    )
    t.equal(Number(negative!.n), 0, 'no count ever goes below zero')
  })
}
