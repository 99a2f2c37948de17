/**
 * Every lifecycle command against every state and every role: legal moves
 * succeed and append one history row and one case.lifecycle.v1 event;
 * illegal ones are refused (409 / 403) and write nothing.
 */
import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { CASE_STATUSES, ROLES } from '@hotline-hub/contracts'
import { COMMANDS, TRANSITIONS } from '../src/domain/lifecycle.ts'
import { DEPARTMENT, buildIntake, caseBody } from './helper.ts'

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
  const mode = await m.setup()
  const app = await buildIntake(t, mode.env, () => mode.cleanup())
  const inject = app.runtime.app.inject.bind(app.runtime.app)
  const primary = (await inject({ method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody() })).json().id

  const FULL_BODY = { department: DEPARTMENT, reason: '群众反映情况属实', reply: '已安排维修人员上门处理', satisfaction: '满意', solved: true, primaryId: primary }

  async function caseIn(status: string): Promise<string> {
    const id = (await inject({ method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody() })).json().id
    await app.runtime.db.query('UPDATE intake.cases SET status = $2, department = $3 WHERE id = $1', [id, status, DEPARTMENT])
    return id
  }

  async function counts(id: string) {
    const [h] = await app.runtime.db.query<{ n: string }>('SELECT count(*)::text AS n FROM intake.case_events WHERE case_id = $1', [id])
    const [e] = await app.runtime.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM bus.outbox WHERE key = $1 AND topic = 'case.lifecycle.v1'`, [id])
    return { history: Number(h!.n), events: Number(e!.n) }
  }

  const path = (command: string) => command.replaceAll('_', '-')

  for (const command of COMMANDS) {
    const t9n = TRANSITIONS[command]
    t.test(`${command} (${t9n.zh}) from every state`, async (t) => {
      for (const status of CASE_STATUSES) {
        const id = await caseIn(status)
        const before = await counts(id)
        const res = await inject({ method: 'POST', url: `/api/v1/cases/${id}/${path(command)}`, headers: app.headers('admin'), payload: FULL_BODY })
        const after = await counts(id)
        if ((t9n.from as readonly string[]).includes(status)) {
          t.equal(res.statusCode, 200, `${command} from ${status} is legal: ${res.body}`)
          t.equal(res.json().status, t9n.to ?? status)
          t.same(after, { history: before.history + 1, events: before.events + 1 }, 'one history row and one event')
        } else {
          t.equal(res.statusCode, 409, `${command} from ${status} is illegal`)
          t.equal(res.json().code, 'INTAKE_ERR_ILLEGAL_TRANSITION')
          t.same(after, before, 'nothing written')
        }
      }
    })

    t.test(`${command} (${t9n.zh}) by every role`, async (t) => {
      for (const role of ROLES) {
        const id = await caseIn(t9n.from[0]!)
        const before = await counts(id)
        const headers = role === 'integrator' ? app.headers('allkey') : app.headers(role)
        const res = await inject({ method: 'POST', url: `/api/v1/cases/${id}/${path(command)}`, headers, payload: FULL_BODY })
        if ((t9n.roles as readonly string[]).includes(role)) {
          t.equal(res.statusCode, 200, `${role} may ${command}: ${res.body}`)
        } else {
          t.equal(res.statusCode, 403, `${role} may not ${command}`)
          t.equal(res.json().code, 'INTAKE_ERR_FORBIDDEN_ROLE')
          t.same(await counts(id), before, 'nothing written')
        }
      }
    })
  }

  t.test('a department acts only on cases dispatched to it', async (t) => {
    const id = await caseIn('dispatched')
    await app.runtime.db.query('UPDATE intake.cases SET department = $2 WHERE id = $1', [id, '市水务局'])
    const res = await inject({ method: 'POST', url: `/api/v1/cases/${id}/accept`, headers: app.headers('department'), payload: {} })
    t.equal(res.statusCode, 403)
    t.equal((await inject({ url: `/api/v1/cases/${id}`, headers: app.headers('department') })).statusCode, 404, 'and does not see it')
  })

  t.test('the whole loop, with history never rewritten', async (t) => {
    const id = (await inject({ method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody() })).json().id
    const steps: [string, string, object][] = [
      ['dispatch', 'operator', { department: DEPARTMENT }],
      ['return', 'department', { reason: '不属于本单位职责' }],
      ['dispatch', 'operator', { department: DEPARTMENT }],
      ['accept', 'department', {}],
      ['urge', 'duty_officer', { reason: '即将超期' }],
      ['reply', 'department', { reply: '已修复燃气管道接口' }],
      ['close', 'department', {}],
      ['follow-up', 'operator', { satisfaction: '不满意', solved: false }],
      ['reopen', 'operator', { reason: '回访不满意' }],
    ]
    for (const [cmd, role, body] of steps) {
      const res = await inject({ method: 'POST', url: `/api/v1/cases/${id}/${cmd}`, headers: app.headers(role as never), payload: body })
      t.equal(res.statusCode, 200, `${cmd} by ${role}: ${res.body}`)
    }
    const c = (await inject({ url: `/api/v1/cases/${id}`, headers: app.headers('leader') })).json()
    t.equal(c.status, 'reopened')
    t.same(c.history.map((h: any) => h.action), ['receive', 'dispatch', 'return', 'dispatch', 'accept', 'urge', 'reply', 'close', 'follow_up', 'reopen'])
    t.same(c.history[8].details, { satisfaction: '不满意', solved: false })
    t.equal(c.history[2].reason, '不属于本单位职责')
  })

  t.test('merge (并单) needs a valid primary case', async (t) => {
    const id = await caseIn('received')
    const self = await inject({ method: 'POST', url: `/api/v1/cases/${id}/merge`, headers: app.headers('operator'), payload: { primaryId: id } })
    t.equal(self.json().code, 'INTAKE_ERR_MERGE_TARGET_INVALID')
    const missing = await inject({ method: 'POST', url: `/api/v1/cases/${id}/merge`, headers: app.headers('operator'), payload: { primaryId: 'HH-NOPE' } })
    t.equal(missing.statusCode, 409)
    const ok = await inject({ method: 'POST', url: `/api/v1/cases/${id}/merge`, headers: app.headers('operator'), payload: { primaryId: primary } })
    t.equal(ok.json().mergedInto, primary)
  })
  })
}
