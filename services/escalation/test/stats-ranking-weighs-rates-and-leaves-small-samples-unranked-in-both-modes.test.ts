import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { DEFAULT_RANKING_FILE } from '../src/stats/stats-config.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'
import { publishSteps } from './fixtures/stats-history.ts'
import { unitSteps } from './fixtures/stats-departments.ts'

const MARCH = 'period=month&date=2026-03-15'

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hh-ranking-'))
    t.teardown(() => rmSync(dir, { recursive: true, force: true }))
    const file = path.join(dir, 'ranking.yaml')
    copyFileSync(DEFAULT_RANKING_FILE, file)
    const shipped = readFileSync(file, 'utf8')
    const mode = await m.setup()
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '0', ESCALATION_REPORTS_CHECK_MS: '0', ESCALATION_STATS_RANKING: file }, () => mode.cleanup())
    await publishSteps(app, unitSteps())
    const ranking = async (role = 'leader', q = '') => (await app.inject({ method: 'GET', url: `/api/v1/stats/ranking?${MARCH}${q}`, headers: app.as(role) })).json()
    const reload = () => app.inject({ method: 'POST', url: '/api/v1/stats/reload', headers: app.as('admin') })

    t.test('10/45/45 and a minimum sample of 30 by default', async (t) => {
      const a = await ranking()
      t.same(a.weights, { response: 10, resolution: 45, satisfaction: 45 })
      t.equal(a.minimumSample, 30)
      t.same(a.ranked.map((e: { rank: number; key: string; scoreDisplay: string }) => [e.rank, e.key, e.scoreDisplay]), [
        [1, '市城管局', '86.00'],
        [2, '市住建局', '84.25'],
      ])
      t.match(a.ranked[0], { response: { display: '50.0%', sample: 40 }, resolution: { display: '85.7%', sample: 35 }, satisfaction: { display: '94.3%', sample: 35 } })
      t.same(a.insufficient.map((e: { key: string; score: null; scoreDisplay: string; shortOf: string[] }) => [e.key, e.score, e.scoreDisplay, e.shortOf]), [['市供热办', null, '样本不足', ['响应率', '解决率', '满意率']]])
      t.equal(a.insufficient[0].satisfaction.display, '100.0%', 'a perfect but tiny sample is shown, never ranked')
    })

    t.test('a department user sees its own place only', async (t) => {
      const a = await ranking('department')
      t.same(a.ranked.map((e: { rank: number; key: string }) => [e.rank, e.key]), [[1, DEPARTMENT]])
      t.same(a.insufficient, [])
      const districts = await ranking('department', '&by=district')
      t.same(districts.ranked.map((e: { key: string }) => e.key), ['南岗区'], 'by district: the districts of its own cases')
      t.equal(districts.filters.department, DEPARTMENT)
      t.equal((await app.inject({ method: 'GET', url: `/api/v1/stats/ranking?${MARCH}`, headers: app.as('operator') })).statusCode, 403)
    })

    t.test('districts are ranked the same way', async (t) => {
      const a = await ranking('leader', '&by=district')
      t.same(a.ranked.map((e: { key: string; scoreDisplay: string }) => [e.key, e.scoreDisplay]), [['南岗区', '86.00'], ['道里区', '84.25']])
    })

    t.test('another county’s 30/35/35, reloaded, reorders the table', async (t) => {
      writeFileSync(file, shipped.replace('response: 10', 'response: 30').replace('resolution: 45', 'resolution: 35').replace('satisfaction: 45', 'satisfaction: 35'))
      const res = await reload()
      t.equal(res.statusCode, 200)
      t.same(res.json().weights, { response: 30, resolution: 35, satisfaction: 35 })
      const a = await ranking()
      t.same(a.ranked.map((e: { rank: number; key: string; scoreDisplay: string }) => [e.rank, e.key, e.scoreDisplay]), [
        [1, '市住建局', '87.75'],
        [2, '市城管局', '78.00'],
      ])
    })

    t.test('a smaller minimum sample ranks the small unit too', async (t) => {
      writeFileSync(file, shipped.replace('minimumSample: 30', 'minimumSample: 5'))
      t.equal((await reload()).statusCode, 200)
      const a = await ranking()
      t.same(a.ranked.map((e: { key: string; rank: number }) => [e.rank, e.key]), [[1, '市供热办'], [2, '市城管局'], [3, '市住建局']])
      t.same(a.insufficient, [])
    })

    t.test('a bad file is refused with its line, and the ranking in force stays', async (t) => {
      const lines = shipped.split('\n')
      const weightsLine = lines.findIndex((l) => l.startsWith('weights:')) + 1
      writeFileSync(file, shipped.replace('satisfaction: 45', 'satisfaction: 40'))
      const res = await reload()
      t.equal(res.statusCode, 422)
      t.match(res.json(), { code: 'ESCALATION_ERR_RELOAD_REFUSED', pointer: '/weights' })
      t.match(res.json().detail, `${file}:${weightsLine}:1: the weights must add up to 100, they add up to 95`)
      writeFileSync(file, shipped.replace('minimumSample: 30', 'minimumSample: thirty'))
      const typo = await reload()
      t.equal(typo.statusCode, 422)
      t.match(typo.json().detail, `${file}:${lines.findIndex((l) => l.startsWith('minimumSample:')) + 1}:`)
      const a = await ranking()
      t.equal(a.minimumSample, 5, 'the minimum sample in force is the last good file’s')
      t.equal((await app.inject({ method: 'POST', url: '/api/v1/stats/reload', headers: app.as('leader') })).statusCode, 403, 'only an admin reloads')
    })
  })
}
