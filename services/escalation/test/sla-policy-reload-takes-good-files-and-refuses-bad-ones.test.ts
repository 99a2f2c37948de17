// POST /api/v1/sla/reload: a bad policy file is refused with file:line: reason
// and the rules in force stay; a good one takes effect for new cases and
// recomputes the open ones (closed cases keep the deadline they were judged by).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { DEFAULT_SLA_POLICY } from '../src/sla/policy.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()
const shipped = readFileSync(DEFAULT_SLA_POLICY, 'utf8')
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const dir = mkdtempSync(path.join(tmpdir(), 'hh-sla-policy-'))
    t.teardown(() => rmSync(dir, { recursive: true, force: true }))
    const file = path.join(dir, 'sla-policy.yaml')
    copyFileSync(DEFAULT_SLA_POLICY, file)
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '0', ESCALATION_SLA_POLICY: file }, () => mode.cleanup())
    const db = app.runtime.db
    const reload = async (role = 'admin') => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/sla/reload', headers: app.as(role) })
      return { status: res.statusCode, body: res.json() }
    }
    const facts = async (id: string) => {
      const [c] = await db.query<{ resolution_due_at: Date; sla_rule: string }>('SELECT resolution_due_at, sla_rule FROM escalation.cases WHERE case_id = $1', [id])
      return new Date(c!.resolution_due_at).toISOString()
    }
    const timers = async (id: string) =>
      (await db.query<{ stage: string; fire_at: Date }>(`SELECT stage, fire_at FROM escalation.sla_timers WHERE case_id = $1 ORDER BY stage DESC`, [id])).map(
        (r) => `${r.stage} ${new Date(r.fire_at).toISOString()}`,
      )

    // 投诉 received Monday 2026-03-02 09:00: 15 working days → Monday 03-23 09:00.
    const received = at('2026-03-02T09:00:00+08:00')
    for (const id of ['RL-OPEN', 'RL-CLOSED']) {
      await app.receive({ id, appealType: '投诉', receivedAt: received })
      await app.lifecycle(id, { action: 'dispatch', from: 'received', to: 'dispatched', department: DEPARTMENT, at: received })
    }
    await app.lifecycle('RL-CLOSED', { action: 'close', from: 'dispatched', to: 'closed', at: at('2026-03-10T09:00:00+08:00') })
    await app.settled()
    t.equal(await facts('RL-OPEN'), at('2026-03-23T09:00:00+08:00'))

    t.test('a bad file is refused with its line, and the old rules stay', async (t) => {
      t.equal((await reload('duty_officer')).status, 403)
      const badFraction = shipped.replace('warningFraction: 0.8', 'warningFraction: 1.5')
      writeFileSync(file, badFraction)
      const refused = await reload()
      t.equal(refused.status, 422)
      t.match(refused.body, { code: 'ESCALATION_ERR_RELOAD_REFUSED', detail: `${file}:${lineOf(badFraction, 'warningFraction: 1.5')}: must be < 1 (at /warningFraction)` })

      const badYaml = shipped.replace('  - id: outage\n', '  - id: outage\n   broken: [\n')
      writeFileSync(file, badYaml)
      const syntax = await reload()
      t.equal(syntax.status, 422)
      t.match(syntax.body.detail, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${lineOf(badYaml, 'broken')}: `))

      writeFileSync(file, shipped.replace('  - id: ordinary', '  - id: consultation'))
      t.match((await reload()).body, { code: 'ESCALATION_ERR_RELOAD_REFUSED', detail: /duplicate id "consultation"/ })

      t.equal(await facts('RL-OPEN'), at('2026-03-23T09:00:00+08:00'), 'deadlines are unchanged')
      const view = await app.inject({ method: 'GET', url: '/api/v1/cases/RL-OPEN/sla', headers: app.as('admin') })
      t.match(view.json(), { warningFraction: 0.8, deadlines: [{ kind: 'resolution', dueAt: at('2026-03-23T09:00:00+08:00') }] })
    })

    t.test('a good file takes effect and recomputes open cases', async (t) => {
      writeFileSync(file, shipped.replace('warningFraction: 0.8', 'warningFraction: 0.5').replace('resolution: { workingDays: 15 }', 'resolution: { workingDays: 20 }'))
      const ok = await reload()
      t.equal(ok.status, 200)
      t.match(ok.body, { ok: true, recomputed: { changed: 1 } })
      t.not(ok.body.version, ok.body.previousVersion)
      // 20 working days: 03-23 plus 03-24…03-27 and Monday 03-30.
      t.equal(await facts('RL-OPEN'), at('2026-03-30T09:00:00+08:00'), 'an open case gets the new deadline')
      // 50% of 480 h on working days: 15 h on 03-02, 9 days (03-03…03-13) = 216 h, then 9 h of Monday 03-16.
      t.same(await timers('RL-OPEN'), [`warning ${at('2026-03-16T09:00:00+08:00')}`, `breach ${at('2026-03-30T09:00:00+08:00')}`])
      t.equal(await facts('RL-CLOSED'), at('2026-03-23T09:00:00+08:00'), 'a closed case keeps the deadline it was judged by')

      await app.receive({ id: 'RL-NEW', appealType: '投诉', receivedAt: received })
      await app.settled()
      t.equal(await facts('RL-NEW'), at('2026-03-30T09:00:00+08:00'), 'a new case follows the new rules')
      t.match((await reload()).body, { ok: true, recomputed: { open: 0, changed: 0 } }, 'reloading the same file changes nothing')
    })
  })
}
