import t from 'tap'
import ExcelJS from 'exceljs'
import pino from 'pino'
import { modes } from '../../../tests/support/infra.ts'
import { ReportScheduler } from '../src/stats/reports/report-scheduler.ts'
import { loadStatsConfig } from '../src/stats/stats-config.ts'
import { isoDay, today } from '../src/stats/period.ts'
import { buildEscalation } from './helper.ts'
import { publishSteps } from './fixtures/stats-history.ts'
import { unitSteps } from './fixtures/stats-departments.ts'

interface Listed {
  id: string
  kind: string
  periodStart: string
  periodEnd: string
  generatedAt: string
  links: Record<string, string>
}

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    // The service's own schedule runs (checking every 200 ms here); the scheduler instances below stand for replicas with a clock of their own.
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '0', ESCALATION_REPORTS_CHECK_MS: '200' }, () => mode.cleanup())
    await publishSteps(app, unitSteps())
    const leader = app.as('leader')
    const list = async (q = '') => (await app.inject({ method: 'GET', url: `/api/v1/reports${q}`, headers: leader })).json() as { items: Listed[]; total: number }
    const replica = (nowIso: string) =>
      new ReportScheduler({ db: app.runtime.db, vocabulary: () => loadStatsConfig().vocabulary, logger: pino({ level: 'silent' }), now: () => new Date(nowIso) })

    t.test('the service makes yesterday’s 日报 and last week’s 周报 on its own', async (t) => {
      const yesterday = isoDay(today() - 1)
      for (;;) {
        const { items } = await list('?kind=daily')
        if (items.some((r) => r.periodStart === yesterday)) break
        await new Promise((r) => setTimeout(r, 50))
      }
      const weekly = (await list('?kind=weekly')).items
      t.equal(weekly.length, 1)
      t.equal(new Date(`${weekly[0]!.periodStart}T00:00:00Z`).getUTCDay(), 1, 'a week starts on a Monday')
    })

    t.test('replicas checking at once make each report once', async (t) => {
      const at = '2026-03-10T00:01:00+08:00'
      await Promise.all([replica(at).tick(), replica(at).tick(), replica(at).tick()])
      await replica('2026-03-10T00:02:00+08:00').tick()
      const { items } = await list()
      const march = items.filter((r) => r.periodEnd.startsWith('2026-03'))
      t.same(march.map((r) => [r.kind, r.periodStart, r.periodEnd]).sort(), [
        ['daily', '2026-03-09', '2026-03-09'],
        ['weekly', '2026-03-02', '2026-03-08'],
      ])
    })

    t.test('a report holds the statistics of its period, by line of work', async (t) => {
      const weekly = (await list('?kind=weekly')).items.find((r) => r.periodStart === '2026-03-02')!
      const report = (await app.inject({ method: 'GET', url: weekly.links.json!, headers: leader })).json()
      t.match(report, { kind: 'weekly', title: '统计周报（2026年3月2日—3月8日）', complete: true, periodStart: '2026-03-02', periodEnd: '2026-03-08' })
      const stats = (await app.inject({ method: 'GET', url: '/api/v1/stats?from=2026-03-02&to=2026-03-08&by=channel', headers: leader })).json()
      t.same(report.stats.slices, stats.slices, 'the same figures as /api/v1/stats for the week')
      t.equal(report.stats.total.received, 47, '14 + 21 + 7 of the departments, 5 web messages')
      const text = (await app.inject({ method: 'GET', url: weekly.links.txt!, headers: leader })).body
      t.match(text, /^统计周报（2026年3月2日—3月8日）\n本报告所列数据的统计期限自2026年3月2日起至2026年3月8日止/)
      const s = stats.slices[0]
      t.match(text, `\n12345热线：受理${s.received}件，转办${s.dispatched}件，办结${s.closed}件，办结率${s.rates.closure.display}\n`)
      t.match(text, `\n网民留言：受理5件，转办0件，办结0件，办结率—\n`)
      const csv = await app.inject({ method: 'GET', url: weekly.links.csv!, headers: leader })
      t.match(csv.headers['content-type'], /^text\/csv/)
      t.same([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV with a BOM')
      t.match(csv.rawPayload.toString('utf8'), /^\uFEFF渠道\/条线,受理量,转办量,办结量,办结率,/, 'and Chinese headers')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load((await app.inject({ method: 'GET', url: weekly.links.xlsx!, headers: leader })).rawPayload as unknown as ArrayBuffer)
      t.equal(wb.getWorksheet('统计')!.getRow(2).getCell(1).value, '12345热线')
      t.equal(wb.getWorksheet('说明')!.getRow(1).getCell(2).value, '统计周报（2026年3月2日—3月8日）')
    })

    t.test('on demand: a month, made once, made again only when asked', async (t) => {
      const post = (body: object, role = 'leader') => app.inject({ method: 'POST', url: '/api/v1/reports', headers: app.as(role), payload: body })
      const first = await post({ kind: 'monthly', date: '2026-03-15' })
      t.equal(first.statusCode, 201)
      t.match(first.json(), { kind: 'monthly', periodStart: '2026-03-01', periodEnd: '2026-03-31', title: '统计月报（2026年3月）', complete: true })
      t.equal(first.json().stats.total.received, 105)
      const again = await post({ kind: 'monthly', date: '2026-03-02' })
      t.equal(again.statusCode, 200)
      t.equal(again.json().id, first.json().id)
      t.equal(again.json().generatedAt, first.json().generatedAt, 'the stored one')
      const redo = await post({ kind: 'monthly', date: '2026-03-02', regenerate: true })
      t.equal(redo.json().id, first.json().id, 'regenerated in place')
      t.not(redo.json().generatedAt, first.json().generatedAt)
      const year = await post({ kind: 'yearly', date: '2026-03-02' })
      t.match(year.json(), { periodStart: '2026-01-01', periodEnd: '2026-12-31', title: '统计年报（2026年）' })
      t.equal((await post({ kind: 'monthly' }, 'duty_officer')).statusCode, 403)
      t.match((await post({ kind: 'hourly' })).json(), { status: 400, code: 'ESCALATION_ERR_VALIDATION' })
    })

    t.test('a snapshot of a running period is replaced once the period is over', async (t) => {
      const day = isoDay(today())
      const snap = (await app.inject({ method: 'POST', url: '/api/v1/reports', headers: leader, payload: { kind: 'daily', date: day } })).json()
      t.equal(snap.complete, false)
      t.match(snap.text, '（统计期尚未结束，数据截至生成时间。）')
      const tomorrow = new Date(Date.parse(`${day}T00:01:00+08:00`) + 86_400_000).toISOString()
      await replica(tomorrow).tick()
      const after = (await app.inject({ method: 'GET', url: `/api/v1/reports/${snap.id}`, headers: leader })).json()
      t.equal(after.complete, true, 'the schedule made it again after the day ended')
      t.equal(after.id, snap.id)
    })

    t.test('who may read, and unknown reports', async (t) => {
      t.equal((await app.inject({ method: 'GET', url: '/api/v1/reports', headers: app.as('department') })).statusCode, 403)
      t.equal((await app.inject({ method: 'GET', url: '/api/v1/reports', headers: app.as('duty_officer') })).statusCode, 200)
      const missing = await app.inject({ method: 'GET', url: '/api/v1/reports/00000000-0000-4000-8000-000000000000.csv', headers: leader })
      t.match(missing.json(), { status: 404, code: 'ESCALATION_ERR_STATS_REPORT_NOT_FOUND' })
      const { items } = await list()
      t.equal((await app.inject({ method: 'GET', url: `/api/v1/reports/${items[0]!.id}.pdf`, headers: leader })).statusCode, 404)
    })
  })
}
