import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { buildEscalation, type EscalationApp } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()
const tag = (value: string) => ({ value, confidence: 0.9, because: ['测试'] })

/** A case received at `when` in 南岗区花园街道, then classified. */
async function gasCase(app: EscalationApp, id: string, when: string, o: { urgency?: '紧急' | '一般'; street?: string; flags?: string[]; subtopics?: string[] } = {}) {
  await app.receive({ id, receivedAt: at(when), content: '楼道里有很大的燃气味', location: { district: '南岗区', street: o.street ?? '花园街道' } })
  await app.classified(id, {
    topic: tag('城乡建设'),
    subtopics: (o.subtopics ?? ['燃气泄漏', '燃气']).map(tag),
    urgency: { ...tag(o.urgency ?? '一般'), value: o.urgency ?? '一般' },
    sentiment: { negativity: 0.5, flags: o.flags ?? [], because: [] },
  })
}

async function incidents(app: EscalationApp) {
  const res = await app.inject({ method: 'GET', url: '/api/v1/emergencies', headers: app.as('duty_officer') })
  return res.json().items as { id: string; trigger: string; ruleId: string; caseCount: number; title: string; reports: { stage: string; status: string; grade: string }[] }[]
}

async function alerts(app: EscalationApp) {
  const rows = await app.runtime.db.query<{ envelope: { data: { kind: string; incidentId: string; caseIds: string[] } } }>(
    `SELECT envelope FROM bus.outbox WHERE topic = 'alert.raised.v1' ORDER BY seq`,
  )
  return rows.map((r) => r.envelope.data).filter((d) => d.kind === 'emergency.trigger')
}

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    // The 迟报 timer ticks every 100 ms here: deadlines of 2026 March are long past.
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_EMERGENCY_SWEEP_MS: '100' }, () => mode.cleanup())

    t.test('five gas-smell cases in one street within an hour: exactly one draft report, and a sixth joins it', async (t) => {
      for (let i = 1; i <= 4; i++) await gasCase(app, `GAS-${i}`, `2026-03-02T09:0${i * 2}:00+08:00`)
      // another street does not count towards this cluster
      await gasCase(app, 'GAS-ELSEWHERE', '2026-03-02T09:09:00+08:00', { street: '和兴路街道' })
      await app.settled()
      t.same(await incidents(app), [], 'four cases are not a cluster')

      await gasCase(app, 'GAS-5', '2026-03-02T09:50:00+08:00')
      await app.settled()
      let list = await incidents(app)
      t.equal(list.length, 1, 'one incident, not five')
      t.match(list[0], { trigger: 'cluster', ruleId: 'cluster-same-topic-area', caseCount: 5, reports: [{ stage: 'initial', status: 'draft', grade: 'Ⅳ' }] })
      t.match(list[0]!.title, /燃气泄漏诉求聚集（南岗区花园街道/)
      const raised = await alerts(app)
      t.equal(raised.length, 1, 'one emergency.trigger alert')
      t.same([...raised[0]!.caseIds].sort(), ['GAS-1', 'GAS-2', 'GAS-3', 'GAS-4', 'GAS-5'])

      await gasCase(app, 'GAS-6', '2026-03-02T10:20:00+08:00')
      await app.settled()
      list = await incidents(app)
      t.equal(list.length, 1, 'the sixth case opens nothing new')
      t.equal(list[0]!.caseCount, 6, 'it joins the incident')
      t.equal((await alerts(app)).length, 1)

      const detail = (await app.inject({ method: 'GET', url: `/api/v1/emergencies/${list[0]!.id}`, headers: app.as('leader') })).json()
      const initial = detail.reports[0]
      t.equal(initial.content.receivedAt, '2026-03-02 09:02', '接报时间 is the first case')
      t.match(initial.content.source, /12345热线 6 件/, 'the untouched pre-fill follows the joined case')
      t.match(initial.content.location, '南岗区花园街道')
      t.same(initial.missing, ['/content/consequences', '/content/trend', '/content/measures', '/content/reportingUnit', '/content/reporter', '/content/contact'])
      t.match(initial.deadlines, [{ kind: 'written-ordinary', due: at('2026-03-03T09:02:00+08:00') }], '一般: within 24 h of 接报')
    })

    t.test('a single 紧急 case with an emergency hazard opens an incident on its own; calls about the same fire join it', async (t) => {
      await gasCase(app, 'FIRE-1', '2026-03-05T20:00:00+08:00', { urgency: '紧急', subtopics: ['火灾'], street: '哈西街道' })
      await gasCase(app, 'FIRE-2', '2026-03-05T20:03:00+08:00', { urgency: '紧急', subtopics: ['火灾'], street: '哈西街道' })
      // 紧急 without an emergency hazard: nothing
      await gasCase(app, 'OTHER-1', '2026-03-05T20:05:00+08:00', { urgency: '紧急', subtopics: ['供水'], street: '哈西街道' })
      await app.settled()
      const fire = (await incidents(app)).filter((i) => i.trigger === 'single-case')
      t.equal(fire.length, 1)
      t.match(fire[0], { ruleId: 'single-emergency-case', caseCount: 2, title: '火灾（南岗区哈西街道）', reports: [{ grade: 'Ⅲ' }] })
      const detail = (await app.inject({ method: 'GET', url: `/api/v1/emergencies/${fire[0]!.id}`, headers: app.as('duty_officer') })).json()
      t.match(detail.reports[0].deadlines, [
        { kind: 'phone', due: at('2026-03-05T20:30:00+08:00') },
        { kind: 'written', due: at('2026-03-05T21:00:00+08:00') },
      ], '较大: phone within 30 min, written within 1 h')
    })

    t.test('sensitive sentiment opens a 舆情 incident whatever the grade', async (t) => {
      await app.receive({ id: 'SENT-1', receivedAt: at('2026-03-06T10:00:00+08:00'), content: '再不解决就找媒体曝光', location: { district: '道里区', street: '新阳路街道' } })
      await app.classified('SENT-1', { subtopics: [tag('物业管理')], sentiment: { negativity: 0.8, flags: ['媒体/网络'], because: ['找媒体'] } })
      await app.receive({ id: 'SENT-NO', receivedAt: at('2026-03-06T10:05:00+08:00'), location: { district: '道里区', street: '新阳路街道' } })
      await app.classified('SENT-NO', { subtopics: [tag('物业管理')], sentiment: { negativity: 0.8, flags: ['重复反映'], because: [] } })
      await app.settled()
      const s = (await incidents(app)).filter((i) => i.trigger === 'sentiment')
      t.equal(s.length, 1, '重复反映 alone is not a trigger')
      t.match(s[0], { ruleId: 'sensitive-sentiment', caseCount: 1, title: '敏感舆情：物业管理（道里区新阳路街道）', reports: [{ grade: 'Ⅳ' }] })
      const detail = (await app.inject({ method: 'GET', url: `/api/v1/emergencies/${s[0]!.id}`, headers: app.as('duty_officer') })).json()
      t.same(detail.reports[0].deadlines.map((d: { kind: string }) => d.kind), ['written-ordinary', 'sentiment-response'], '一般 24 h, other 舆情 48 h')
      t.equal(detail.reports[0].deadlines[1].due, at('2026-03-08T10:00:00+08:00'))
    })

    t.test('a duty officer opens one by hand; other roles cannot', async (t) => {
      const body = { title: '某小区二次供水污染', grade: 'Ⅲ', receivedAt: at('2026-03-07T08:00:00+08:00'), district: '香坊区', caseIds: ['OTHER-1'] }
      const leader = await app.inject({ method: 'POST', url: '/api/v1/emergencies', headers: app.as('leader'), payload: body })
      t.equal(leader.statusCode, 403)
      t.equal(leader.json().code, 'ESCALATION_ERR_FORBIDDEN_ROLE')
      const unknown = await app.inject({ method: 'POST', url: '/api/v1/emergencies', headers: app.as('duty_officer'), payload: { ...body, caseIds: ['NOPE'] } })
      t.equal(unknown.statusCode, 404)
      t.equal(unknown.json().pointer, '/caseIds/0')
      const res = await app.inject({ method: 'POST', url: '/api/v1/emergencies', headers: app.as('duty_officer'), payload: body })
      t.equal(res.statusCode, 201)
      t.match(res.json(), { trigger: 'manual', ruleId: 'manual', createdBy: 'user:duty_officer', caseCount: 1, reports: [{ stage: 'initial', status: 'draft', grade: 'Ⅲ', createdBy: 'user:duty_officer' }] })
      t.equal(res.json().reports[0].deadlines[0].due, at('2026-03-07T08:30:00+08:00'))
      t.equal((await alerts(app)).filter((a) => a.incidentId === res.json().id).length, 1, 'a manual incident raises its alert too')
    })

    t.test('the timer started with the service writes each missed deadline to the ledger once', async (t) => {
      const list = await incidents(app)
      const kinds = async () => {
        const items = (await app.inject({ method: 'GET', url: '/api/v1/ledger?kind=late_report', headers: app.as('leader') })).json().items as { incidentId: string; subject: string }[]
        return items.filter((e) => list.some((i) => i.id === e.incidentId)).map((e) => `${e.incidentId}:${e.subject}`)
      }
      const want = 1 /* cluster: written-ordinary */ + 2 /* fire: phone, written */ + 2 /* sentiment */ + 2 /* manual Ⅲ */
      const end = Date.now() + 20_000
      while ((await kinds()).length < want && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
      await new Promise((r) => setTimeout(r, 300)) // a few more ticks
      const got = await kinds()
      t.equal(got.length, want)
      t.equal(new Set(got).size, got.length, 'no entry twice')
    })

    t.test('an earlier call consumed later moves 接报, the deadlines and their open ledger entries', async (t) => {
      const ledger = (incidentId: string) =>
        app.runtime.db.query<{ subject: string; due_at: Date }>(`SELECT subject, due_at FROM escalation.accountability_ledger WHERE incident_id = $1 AND kind = 'late_report' ORDER BY due_at`, [incidentId])
      await gasCase(app, 'BLAST-2', '2026-03-07T20:03:00+08:00', { urgency: '紧急', subtopics: ['爆炸'], street: '和兴路街道' })
      await app.settled()
      const blast = (await incidents(app)).find((i) => i.title.startsWith('爆炸'))!
      t.ok(blast, 'the later call opened the incident')
      const end = Date.now() + 20_000
      while ((await ledger(blast.id)).length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
      t.same((await ledger(blast.id)).map((e) => e.due_at.toISOString()), [at('2026-03-07T20:33:00+08:00'), at('2026-03-07T21:03:00+08:00')], 'the sweep wrote both missed deadlines, counted from the later call')

      await gasCase(app, 'BLAST-1', '2026-03-07T20:00:00+08:00', { urgency: '紧急', subtopics: ['爆炸'], street: '和兴路街道' })
      await app.settled()
      const detail = (await app.inject({ method: 'GET', url: `/api/v1/emergencies/${blast.id}`, headers: app.as('duty_officer') })).json()
      t.equal(detail.caseCount, 2)
      t.match(detail.reports[0].deadlines, [
        { kind: 'phone', due: at('2026-03-07T20:30:00+08:00') },
        { kind: 'written', due: at('2026-03-07T21:00:00+08:00') },
      ], 'counted from the earlier call now')
      t.same((await ledger(blast.id)).map((e) => e.due_at.toISOString()), [at('2026-03-07T20:30:00+08:00'), at('2026-03-07T21:00:00+08:00')], 'and the ledger entries with them, not written twice')
    })
  })
}
