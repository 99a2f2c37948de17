import Fastify from 'fastify'
import t, { type Test } from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { verifyDelivery } from '../src/emergency/index.ts'
import { buildEscalation, type EscalationApp } from './helper.ts'

const SECRET = 'whsec_test_emergency_destination_0123456789'

/** A stand-in 应急办: refuses the first delivery (503), then acknowledges. */
async function destination(t: Test) {
  const received: { headers: Record<string, string>; body: string }[] = []
  let calls = 0
  const app = Fastify()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body))
  app.post('/yingjiban', async (request, reply) => {
    calls++
    received.push({ headers: request.headers as Record<string, string>, body: request.body as string })
    return reply.code(calls === 1 ? 503 : 200).send({ ok: calls !== 1 })
  })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  t.teardown(() => app.close())
  return { url: `${url}/yingjiban`, received }
}

const FULL = {
  consequences: '暂无人员伤亡',
  trend: '已关阀，险情受控',
  handling: '燃气公司抢修人员已到场',
  measures: '继续排查周边管线',
  reportingUnit: '市城管局',
  reporter: '王**',
  contact: '0451-8****000',
}

async function waitFor<T>(f: () => Promise<T | null>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await f()
    if (v) return v
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const dest = await destination(t)
    const app: EscalationApp = await buildEscalation(
      t,
      {
        ...mode.env,
        ESCALATION_EMERGENCY_WEBHOOK_URL: dest.url,
        ESCALATION_EMERGENCY_WEBHOOK_SECRET: SECRET,
        ESCALATION_EMERGENCY_RETRY_BASE_MS: '50',
        ESCALATION_EMERGENCY_RETRY_MAX_MS: '200',
        ESCALATION_EMERGENCY_POLL_MS: '50',
      },
      () => mode.cleanup(),
    )
    const call = (role: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.inject({ method, url, headers: app.as(role), ...(payload ? { payload } : {}) })

    const receivedAt = new Date(Date.now() - 10 * 60_000).toISOString()
    const created = await call('duty_officer', 'POST', '/api/v1/emergencies', { title: '道里区燃气管道破裂', grade: 'Ⅲ', receivedAt, district: '道里区' })
    t.equal(created.statusCode, 201)
    const id = created.json().id as string
    const initialId = created.json().reports[0].id as string
    const r = `/api/v1/emergencies/${id}/reports/${initialId}`

    // Submission checks the required fields and points at the missing ones.
    const incomplete = await call('duty_officer', 'POST', `${r}/submit`)
    t.equal(incomplete.statusCode, 422)
    t.equal(incomplete.json().code, 'ESCALATION_ERR_REPORT_INCOMPLETE')
    t.ok(incomplete.json().errors.some((e: { pointer: string }) => e.pointer === '/content/consequences'))
    t.equal(incomplete.json().pointer, '/content/occurredAt', 'the first missing field')

    const patched = await call('duty_officer', 'PATCH', r, { content: { ...FULL, occurredAt: '今日 08:50', location: '道里区', source: '12345热线', causeAndNature: '施工挖断燃气管道', process: '08:50 接到报警', scope: '周边 3 栋楼' } })
    t.equal(patched.statusCode, 200)
    t.same(patched.json().missing, [])
    t.equal(patched.json().updatedBy, 'user:duty_officer')

    const submitted = await call('duty_officer', 'POST', `${r}/submit`)
    t.equal(submitted.json().status, 'pending_approval')
    t.equal((await call('duty_officer', 'PATCH', r, { content: { trend: '改' } })).statusCode, 409, 'no edits while it waits for approval')

    // Only a leader approves or rejects; a rejection needs its reason.
    const byOfficer = await call('duty_officer', 'POST', `${r}/approve`, {})
    t.equal(byOfficer.statusCode, 403)
    t.equal(byOfficer.json().code, 'ESCALATION_ERR_FORBIDDEN_ROLE')
    t.equal((await call('admin', 'POST', `${r}/approve`, {})).statusCode, 403)
    t.equal((await call('leader', 'POST', `${r}/reject`, {})).statusCode, 400, 'a rejection without a comment is refused')
    const rejected = await call('leader', 'POST', `${r}/reject`, { comment: '伤亡情况要核实后写明' })
    t.match(rejected.json(), { status: 'rejected', decidedBy: 'user:leader', decisionComment: '伤亡情况要核实后写明' })
    t.equal(dest.received.length, 0, 'a rejected report is not sent')

    await call('duty_officer', 'PATCH', r, { content: { consequences: '经核实无人员伤亡' } })
    await call('duty_officer', 'POST', `${r}/submit`)
    const approved = await call('leader', 'POST', `${r}/approve`, { comment: '同意报送' })
    t.match(approved.json(), { status: 'approved', decidedBy: 'user:leader' })
    t.same(approved.json().reviews.map((v: { action: string }) => v.action), ['submit', 'reject', 'submit', 'approve'])
    t.match(approved.json().deadlines.find((d: { kind: string }) => d.kind === 'written'), { state: 'met', lateMinutes: 0 }, 'approved within 1 h of 接报')
    t.match(approved.json().deadlines.find((d: { kind: string }) => d.kind === 'phone'), { state: 'running', metAt: null }, 'the phone report is still to be recorded')

    // The signed delivery: refused once (503), retried, acknowledged; every attempt recorded.
    const deliveries = await waitFor(async () => {
      const d = (await call('leader', 'GET', `${r}/deliveries`)).json().items
      return d[0]?.status === 'delivered' ? d : null
    }, 'the delivery')
    t.match(deliveries[0].attempts, [{ attempt: 1, statusCode: 503, error: 'HTTP 503' }, { attempt: 2, statusCode: 200, error: null }])
    t.equal(dest.received.length, 2)
    for (const got of dest.received) {
      t.ok(verifyDelivery(SECRET, got.headers['x-hotline-timestamp']!, got.body, got.headers['x-hotline-signature']!), 'signed over <timestamp>.<body>')
      t.equal(got.headers['x-hotline-delivery'], deliveries[0].id, 'the same delivery id on the retry')
    }
    t.match(JSON.parse(dest.received[1]!.body), { reportId: initialId, label: '初报', grade: 'Ⅲ', gradeName: '较大', content: { consequences: '经核实无人员伤亡' } })
    t.match(JSON.parse(dest.received[1]!.body).content.reporter, '王**')

    const [published] = await app.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bus.outbox WHERE topic = 'emergency.report.v1' AND envelope->'data'->>'reportId' = $1`, [initialId])
    t.equal(published!.n, 1, 'emergency.report.v1 went through the outbox once')
    const live = await app.runtime.db.query<{ kind: string }>(`SELECT kind FROM escalation.live_events WHERE payload->>'reportId' = $1 ORDER BY seq`, [initialId])
    t.same(
      live.map((l) => l.kind).filter((k) => k.startsWith('emergency.report')),
      ['emergency.report.updated', 'emergency.report.submitted', 'emergency.report.rejected', 'emergency.report.updated', 'emergency.report.submitted', 'emergency.report.approved', 'emergency.report.delivery_failed', 'emergency.report.delivered'],
      'each state change reached the live stream',
    )

    // 初报 → 续报一 → 续报二 → 终报, each after the previous one was approved.
    const labels: string[] = []
    for (const stage of ['follow-up', 'follow-up', 'final'] as const) {
      const next = await call('duty_officer', 'POST', `/api/v1/emergencies/${id}/reports`, { stage })
      t.equal(next.statusCode, 201)
      labels.push(next.json().label)
      t.equal(next.json().content.consequences, '经核实无人员伤亡', 'starts from the previous report')
      t.same(next.json().deadlines, [], 'reporting deadlines belong to the 初报')
      t.equal((await call('duty_officer', 'POST', `/api/v1/emergencies/${id}/reports`, { stage: 'final' })).statusCode, 409, 'not before this one is approved')
      const rr = `/api/v1/emergencies/${id}/reports/${next.json().id}`
      await call('duty_officer', 'POST', `${rr}/submit`)
      t.equal((await call('leader', 'POST', `${rr}/approve`, {})).json().status, 'approved')
    }
    t.same(labels, ['续报一', '续报二', '终报'])
    const closed = (await call('leader', 'GET', `/api/v1/emergencies/${id}`)).json()
    t.equal(closed.status, 'closed', 'an approved 终报 closes the incident')
    t.equal((await call('duty_officer', 'POST', `/api/v1/emergencies/${id}/reports`, { stage: 'follow-up' })).statusCode, 409)
    await waitFor(async () => (dest.received.length >= 5 ? true : null), 'all four reports delivered')
  })
}
