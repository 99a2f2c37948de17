import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()
/** The end of a working day, China time. */
const endOf = (day: string) => at(`${day}T23:59:59.999+08:00`)
const RECEIVED = '2026-03-02T10:00:00+08:00' // Monday (long past: an open request shows as overdue)

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, mode.env, () => mode.cleanup())
    const call = (role: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.inject({ method, url, headers: app.as(role), ...(payload ? { payload } : {}) })
    for (const id of ['DR-PLAIN', 'DR-CORR', 'DR-THIRD', 'DR-LATE', 'DR-OTHER-DEPT']) {
      await app.receive({ id, channel: 'disclosure-request', receivedAt: at(RECEIVED), content: '申请公开某地块规划许可', extra: { applicantType: id === 'DR-PLAIN' ? '法律服务机构' : 'natural' } })
    }
    await app.receive({ id: 'NOT-DR', receivedAt: at(RECEIVED) })
    await app.lifecycle('DR-PLAIN', { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT })
    await app.lifecycle('DR-OTHER-DEPT', { action: 'dispatch', from: 'received', to: 'dispatched', department: '市规划局' })
    await app.settled()

    t.test('20 working days, extended once by up to 20 with the approval and the notice', async (t) => {
      const plain = (await call('operator', 'GET', '/api/v1/disclosures/DR-PLAIN')).json()
      // Tue 3 March is day 1; Mon 30 March is day 20.
      t.match(plain, { state: 'overdue', dueAt: endOf('2026-03-30'), applicantType: 'legal-service', applicantTypeName: '法律服务机构', correction: { noticeDueAt: endOf('2026-03-11') } })
      t.equal((await call('operator', 'GET', '/api/v1/disclosures/NOT-DR')).statusCode, 404, 'only disclosure-request cases are requests')

      const ext = { days: 20, reason: '需调取档案', approvedBy: '办公室主任张**', approvedAt: at('2026-03-20T09:00:00+08:00'), noticeSentAt: at('2026-03-20T15:00:00+08:00') }
      t.equal((await call('operator', 'POST', '/api/v1/disclosures/DR-PLAIN/extension', { ...ext, days: 21 })).statusCode, 400, 'at most 20 working days')
      t.equal((await call('operator', 'POST', '/api/v1/disclosures/DR-PLAIN/extension', { days: 20, reason: 'x', noticeSentAt: ext.noticeSentAt })).statusCode, 400, 'the 机构负责人 approval is required')
      const extended = (await call('operator', 'POST', '/api/v1/disclosures/DR-PLAIN/extension', ext)).json()
      // Days 21–40: 31 March, 1–3 April, (清明 4–6 April), 7–10, 13–17, 20–24, 27, 28 April.
      t.match(extended, { dueAt: endOf('2026-04-28'), originalDueAt: endOf('2026-03-30'), extension: { days: 20, approvedBy: '办公室主任张**', noticeSentAt: ext.noticeSentAt } })
      const again = await call('operator', 'POST', '/api/v1/disclosures/DR-PLAIN/extension', ext)
      t.equal(again.statusCode, 409)
      t.equal(again.json().code, 'ESCALATION_ERR_DISCLOSURE_EXTENSION_USED')
      const tooLate = await call('operator', 'POST', '/api/v1/disclosures/DR-LATE/extension', { ...ext, approvedAt: at('2026-03-31T09:00:00+08:00'), noticeSentAt: at('2026-03-31T10:00:00+08:00') })
      t.equal(tooLate.json().code, 'ESCALATION_ERR_DISCLOSURE_EXTENSION_TOO_LATE', 'not once the period is over')

      // Answered Thursday 30 April: two working days late (29, 30 April).
      const answered = (await call('operator', 'POST', '/api/v1/disclosures/DR-PLAIN/outcome', { outcome: 'disclose', at: at('2026-04-30T10:00:00+08:00') })).json()
      t.match(answered, { state: 'answered-late', lateWorkingDays: 2, outcome: { code: 'disclose', label: '（一）予以公开', by: 'user:operator' } })
      t.equal((await call('operator', 'POST', '/api/v1/disclosures/DR-PLAIN/correction-notice', { items: 'x' })).json().code, 'ESCALATION_ERR_DISCLOSURE_CLOSED')
      t.match((await call('operator', 'GET', '/api/v1/disclosures/DR-LATE')).json(), { state: 'overdue', dueAt: endOf('2026-03-30') })
    })

    t.test('补正: one notice; the clock stops, then restarts in full when the correction arrives', async (t) => {
      const noticed = (await call('duty_officer', 'POST', '/api/v1/disclosures/DR-CORR/correction-notice', { items: '请写明地块的具体位置', at: at('2026-03-04T15:00:00+08:00') })).json()
      t.match(noticed, { state: 'paused', dueAt: null, pausedSince: at('2026-03-04T15:00:00+08:00'), correction: { noticeLate: false, noticeDueAt: endOf('2026-03-11') } })
      t.equal((await call('duty_officer', 'POST', '/api/v1/disclosures/DR-CORR/correction-notice', { items: '再补' })).json().code, 'ESCALATION_ERR_DISCLOSURE_CORRECTION_USED', '一次性告知')
      t.equal((await call('duty_officer', 'POST', '/api/v1/disclosures/DR-CORR/correction-received', { at: at('2026-03-03T10:00:00+08:00') })).statusCode, 422, 'not before the notice')
      const corrected = (await call('duty_officer', 'POST', '/api/v1/disclosures/DR-CORR/correction-received', { at: at('2026-03-09T11:00:00+08:00') })).json()
      // Day 1 is Tue 10 March; day 20 is Tue 7 April (清明 4–6 April).
      t.match(corrected, { state: 'overdue', dueAt: endOf('2026-04-07'), correction: { receivedAt: at('2026-03-09T11:00:00+08:00') } })
      t.equal((await call('duty_officer', 'POST', '/api/v1/disclosures/DR-CORR/correction-received', {})).json().code, 'ESCALATION_ERR_DISCLOSURE_NO_CORRECTION_PENDING')
    })

    t.test('third-party consultation does not count', async (t) => {
      const opened = (await call('operator', 'POST', '/api/v1/disclosures/DR-THIRD/consultations', { thirdParty: '某房地产公司', at: at('2026-03-05T09:00:00+08:00') })).json()
      t.match(opened, { state: 'paused', consultations: [{ thirdParty: '某房地产公司', to: null, opinionDueAt: endOf('2026-03-26') }] })
      t.equal((await call('operator', 'POST', '/api/v1/disclosures/DR-THIRD/consultations', { thirdParty: '另一家' })).statusCode, 409, 'one at a time')
      const ended = (await call('operator', 'POST', '/api/v1/disclosures/DR-THIRD/consultations/end', { at: at('2026-03-12T17:00:00+08:00') })).json()
      // Days 1–2: 3, 4 March; 5–12 March paused; day 3 is 13 March … day 20 is Wed 8 April.
      t.match(ended, { state: 'overdue', dueAt: endOf('2026-04-08') })
    })

    t.test('the outcome takes one of its reasons from the national form', async (t) => {
      const post = (b: object) => call('operator', 'POST', '/api/v1/disclosures/DR-THIRD/outcome', b)
      t.equal((await post({ outcome: 'withhold' })).json().code, 'ESCALATION_ERR_DISCLOSURE_BAD_REASON', '不予公开 needs its reason')
      t.equal((await post({ outcome: 'withhold', reason: 'repeated' })).json().pointer, '/reason', 'a reason of another outcome')
      t.equal((await post({ outcome: 'partial', reason: 'state-secret' })).statusCode, 422, '部分公开 takes none')
      t.equal((await post({ outcome: 'maybe' })).statusCode, 400)
      const done = (await post({ outcome: 'withhold', reason: 'third-party-rights', at: at('2026-03-20T10:00:00+08:00') })).json()
      t.match(done, { state: 'answered', lateWorkingDays: 0, outcome: { code: 'withhold', reason: 'third-party-rights', label: '（三）不予公开 4.保护第三方合法权益' } })
    })

    t.test('applicant type, roles and a department’s view', async (t) => {
      t.match((await call('operator', 'PATCH', '/api/v1/disclosures/DR-LATE', { applicantType: 'research' })).json(), { applicantType: 'research', applicantTypeName: '科研机构' })
      t.equal((await call('operator', 'PATCH', '/api/v1/disclosures/DR-LATE', { applicantType: '公司' })).statusCode, 400)
      t.equal((await call('integrator', 'GET', '/api/v1/disclosures')).statusCode, 403)
      const mine = (await call('department', 'GET', '/api/v1/disclosures')).json().items.map((i: { caseId: string }) => i.caseId)
      t.same(mine, ['DR-PLAIN'], `a department sees only its own (${DEPARTMENT})`)
      t.equal((await call('department', 'GET', '/api/v1/disclosures/DR-OTHER-DEPT')).statusCode, 404)
      t.equal((await call('department', 'POST', '/api/v1/disclosures/DR-OTHER-DEPT/consultations', { thirdParty: 'x' })).statusCode, 404)
      t.equal((await call('leader', 'GET', '/api/v1/disclosures?year=2026&open=true')).json().items.length, 3)
      const live = await app.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM escalation.live_events WHERE kind = 'disclosure.updated'`)
      t.ok(live[0]!.n >= 8, 'the actions reached the live stream')
    })
  })
}
