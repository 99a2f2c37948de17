import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import t from 'tap'
import { DataFileError } from '@hotline-hub/platform'
import { modes } from '../../../tests/support/infra.ts'
import { EmergencyRules } from '../src/emergency/index.ts'
import { DEFAULT_EMERGENCY_RULES } from '../src/emergency/rules.ts'
import { buildEscalation } from './helper.ts'

const shipped = readFileSync(DEFAULT_EMERGENCY_RULES, 'utf8')
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1

t.test('the shipped rules load; a duplicate id or deadline kind is refused with its line', async (t) => {
  const rules = EmergencyRules.fromText(shipped, 'emergency-rules.yaml')
  t.same(rules.triggers.map((r) => r.kind), ['single-case', 'cluster', 'sentiment', 'manual'])
  t.same(rules.deadlinesFor('Ⅱ', 'sentiment').map((d) => d.kind), ['phone', 'written', 'authoritative-info', 'press-conference'])
  const dup = shipped.replace('id: sensitive-sentiment', 'id: cluster-same-topic-area')
  const err = t.throws(() => EmergencyRules.fromText(dup, 'x.yaml')) as DataFileError
  t.equal(err.line, lineOf(shipped, 'id: sensitive-sentiment'))
  t.match(err.message, /duplicate rule id "cluster-same-topic-area"/)
  const noManual = shipped.replace('kind: manual', 'kind: sentiment\n    flags: [集体]')
  t.match(t.throws(() => EmergencyRules.fromText(noManual, 'x.yaml')), { reason: /kind "manual" is required/ })
})

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const dir = mkdtempSync(path.join(tmpdir(), 'hh-em-rules-'))
    t.teardown(() => rmSync(dir, { recursive: true, force: true }))
    const file = path.join(dir, 'emergency-rules.yaml')
    copyFileSync(DEFAULT_EMERGENCY_RULES, file)
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_EMERGENCY_RULES: file }, () => mode.cleanup())
    const version = async () => (await app.inject({ method: 'GET', url: '/api/v1/emergencies/rules', headers: app.as('duty_officer') })).json()
    const before = await version()

    // A window of -5 minutes: refused with the file and line, the old rules stay in force.
    const bad = shipped.replace('windowMinutes: 60', 'windowMinutes: -5')
    writeFileSync(file, bad)
    t.equal((await app.inject({ method: 'POST', url: '/api/v1/emergencies/rules/reload', headers: app.as('duty_officer') })).statusCode, 403, 'admins only')
    const refused = await app.inject({ method: 'POST', url: '/api/v1/emergencies/rules/reload', headers: app.as('admin') })
    t.equal(refused.statusCode, 422)
    t.equal(refused.json().code, 'ESCALATION_ERR_RELOAD_REFUSED')
    t.match(refused.json().detail, `${file}:${lineOf(bad, 'windowMinutes: -5')}:`)
    t.match(refused.json().detail, /minimum|>= 1/)
    t.equal(refused.json().pointer, '/rules/1/windowMinutes')
    t.equal((await version()).version, before.version, 'the rules in force stay')

    // A good edit: clusters of three; it takes effect at once.
    writeFileSync(file, shipped.replace('minCases: 5', 'minCases: 3'))
    const ok = await app.inject({ method: 'POST', url: '/api/v1/emergencies/rules/reload', headers: app.as('admin') })
    t.equal(ok.statusCode, 200)
    t.not(ok.json().version, before.version)
    t.equal((await version()).rules[1].minCases, 3)
    for (let i = 1; i <= 3; i++) {
      await app.receive({ id: `WATER-${i}`, receivedAt: new Date(Date.parse('2026-04-01T08:00:00+08:00') + i * 60_000).toISOString(), location: { district: '香坊区', street: '通天街道' } })
      await app.classified(`WATER-${i}`, { subtopics: [{ value: '供水', confidence: 0.9, because: ['停水'] }] })
    }
    await app.settled()
    const items = (await app.inject({ method: 'GET', url: '/api/v1/emergencies', headers: app.as('leader') })).json().items
    t.match(items, [{ trigger: 'cluster', caseCount: 3, title: /^供水诉求聚集（香坊区通天街道/ }])
  })
}
