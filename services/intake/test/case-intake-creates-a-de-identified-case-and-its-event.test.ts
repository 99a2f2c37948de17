import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { buildIntake, caseBody } from './helper.ts'

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
  const mode = await m.setup()
  const app = await buildIntake(t, mode.env, () => mode.cleanup())
  const inject = app.runtime.app.inject.bind(app.runtime.app)

  t.test('an operator logs a case: 201, a case number, de-identified, one event', async (t) => {
    const res = await inject({ method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody() })
    t.equal(res.statusCode, 201, res.body)
    const c = res.json()
    t.match(c.id, /^HH\d{8}\d{8}$/)
    t.equal(res.headers.location, `/api/v1/cases/${c.id}`)
    t.equal(c.status, 'received')
    t.same(c.caller.name, '张**')
    t.equal(c.caller.phone, '138****5678')
    t.equal(c.caller.idNumber, '110***********002X')
    t.match(c.caller.phoneHash, /^[0-9a-f]{64}$/)
    t.notMatch(res.body, /13812345678|11010519491231002X|张三丰|安静小区/, 'no raw personal data in the answer')

    const got = await inject({ url: `/api/v1/cases/${c.id}`, headers: app.headers('leader') })
    t.equal(got.statusCode, 200)
    t.same(got.json().history.map((h: any) => h.action), ['receive'])

    const events = await app.runtime.db.query<{ topic: string; envelope: any }>('SELECT topic, envelope FROM bus.outbox WHERE key = $1', [c.id])
    t.same(events.map((e) => e.topic), ['case.received.v1'])
    t.equal(events[0]!.envelope.data.case.caller.phone, '138****5678')
    t.notMatch(JSON.stringify(events), /13812345678|11010519491231002X|张三丰/)
  })

  t.test('the raw caller is readable by an operator, audited, and refused to a leader', async (t) => {
    const c = (await inject({ method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody() })).json()
    const raw = await inject({ url: `/api/v1/cases/${c.id}/caller?reason=回电`, headers: app.headers('operator') })
    t.equal(raw.statusCode, 200)
    t.same(raw.json(), { name: '张三丰', phone: '13812345678', idNumber: '11010519491231002X', address: '道里区新阳路街道安静小区3栋2单元501' })
    const audit = await app.runtime.db.query<{ actor_role: string; fields: string[]; reason: string }>('SELECT actor_role, fields, reason FROM intake.audit_log WHERE case_id = $1', [c.id])
    t.same(audit, [{ actor_role: 'operator', fields: ['name', 'phone', 'idNumber', 'address'], reason: '回电' }])
    const refused = await inject({ url: `/api/v1/cases/${c.id}/caller`, headers: app.headers('leader') })
    t.equal(refused.statusCode, 403)
    t.equal(refused.json().code, 'INTAKE_ERR_FORBIDDEN_ROLE')
  })

  t.test('lists filter, search and paginate with a cursor', async (t) => {
    for (let i = 0; i < 5; i++)
      await inject({ method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody({ content: `供暖不热 第${i}户`, location: { district: '南岗区' } }) })
    const first = await inject({ url: '/api/v1/cases?district=南岗区&limit=2', headers: app.headers('operator') })
    t.equal(first.statusCode, 200)
    const p1 = first.json()
    t.equal(p1.items.length, 2)
    t.ok(p1.nextCursor)
    const p2 = (await inject({ url: `/api/v1/cases?district=南岗区&limit=2&cursor=${p1.nextCursor}`, headers: app.headers('operator') })).json()
    const p3 = (await inject({ url: `/api/v1/cases?district=南岗区&limit=2&cursor=${p2.nextCursor}`, headers: app.headers('operator') })).json()
    t.equal(p3.nextCursor, null)
    const ids = [...p1.items, ...p2.items, ...p3.items].map((c: any) => c.id)
    t.equal(new Set(ids).size, 5, 'five distinct cases across the pages')
    const search = (await inject({ url: `/api/v1/cases?q=${encodeURIComponent('第3户')}`, headers: app.headers('operator') })).json()
    t.same(search.items.map((c: any) => c.content), ['供暖不热 第3户'])
  })

  t.test('duplicate hints: the same caller and similar cases nearby', async (t) => {
    const res = await inject({ method: 'POST', url: '/api/v1/cases/hints', headers: app.headers('operator'), payload: { phone: '138-1234-5678', district: '道里区', street: '新阳路街道', content: '楼道里燃气味很重，怀疑泄漏了' } })
    t.equal(res.statusCode, 200)
    const h = res.json()
    t.ok(h.sameCaller.length >= 1, 'the caller’s open cases are found by the phone hash')
    t.ok(h.similar.length >= 1 && h.similar[0].similarity > 0.25, 'a similar case in the same street')
    t.notMatch(res.body, /13812345678/)
  })
  })
}
