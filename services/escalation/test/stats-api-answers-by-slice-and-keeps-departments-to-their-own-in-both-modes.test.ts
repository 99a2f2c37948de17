import t from 'tap'
import ExcelJS from 'exceljs'
import { modes } from '../../../tests/support/infra.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'
import { publishSteps } from './fixtures/stats-history.ts'
import { unitSteps } from './fixtures/stats-departments.ts'

const MARCH = 'from=2026-03-01&to=2026-03-31'

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '0', ESCALATION_REPORTS_CHECK_MS: '0' }, () => mode.cleanup())
    await publishSteps(app, unitSteps())
    const get = (url: string, role = 'leader') => app.inject({ method: 'GET', url, headers: app.as(role) })

    t.test('the total and its rates, each with its sample', async (t) => {
      const res = await get(`/api/v1/stats?${MARCH}`)
      t.equal(res.statusCode, 200)
      const a = res.json()
      t.match(a, { from: '2026-03-01', to: '2026-03-31', by: null, slices: [] })
      t.match(a.total, { received: 105, dispatched: 100, closed: 85, closedOnTime: 85, responded: 80, followedUp: 85, solved: 70, satisfied: 79, overdue: 0 })
      t.same(a.total.rates.closure, { percent: 85, display: '85.0%', numerator: 85, sample: 100 })
      t.same(a.total.rates.satisfaction, { percent: 92.9, display: '92.9%', numerator: 79, sample: 85 })
      t.same(a.total.rates.resolution, { percent: 82.4, display: '82.4%', numerator: 70, sample: 85 })
    })

    t.test('slices by department, topic and district name what is not known', async (t) => {
      const dep = (await get(`/api/v1/stats?${MARCH}&by=department`)).json()
      t.same(dep.slices.map((s: { key: string; name: string; received: number }) => [s.key, s.name, s.received]), [
        ['市住建局', '市住建局', 50],
        ['市城管局', '市城管局', 40],
        ['市供热办', '市供热办', 10],
        ['', '未转办', 5],
      ])
      const topic = (await get(`/api/v1/stats?${MARCH}&by=topic`)).json()
      t.same(topic.slices.map((s: { name: string }) => s.name), ['环境保护', '城乡建设', '未分类'])
      const district = (await get(`/api/v1/stats?${MARCH}&by=district&topic=${encodeURIComponent('城乡建设')}`)).json()
      t.same(district.slices.map((s: { name: string; received: number }) => [s.name, s.received]), [['南岗区', 40]], 'a topic filter narrows the district slices')
      const channel = (await get(`/api/v1/stats?${MARCH}&by=channel`)).json()
      t.same(channel.slices.map((s: { name: string; received: number }) => [s.name, s.received]), [['12345热线', 100], ['网民留言', 5]])
    })

    t.test('periods: a week runs Monday to Sunday; trends are zero-filled', async (t) => {
      const week = (await get('/api/v1/stats?period=week&date=2026-03-11&by=day')).json()
      t.match(week, { from: '2026-03-09', to: '2026-03-15' })
      t.same(week.slices.map((s: { key: string }) => s.key), ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15'])
      t.equal(week.slices[0].name, '2026年3月9日')
      const weeks = (await get(`/api/v1/stats?${MARCH}&by=week`)).json()
      t.same(weeks.slices.map((s: { key: string }) => s.key), ['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'])
      t.equal(weeks.slices.reduce((n: number, s: { received: number }) => n + s.received, 0), 105)
      const months = (await get('/api/v1/stats?period=year&date=2026-03-01&by=month')).json()
      t.equal(months.slices.length, 12)
      t.same(months.slices.filter((s: { received: number }) => s.received > 0).map((s: { key: string; name: string }) => [s.key, s.name]), [['2026-03', '2026年3月']])
      const empty = (await get('/api/v1/stats?from=2026-04-01&to=2026-04-02')).json()
      t.same(empty.total.rates.closure, { percent: null, display: '—', numerator: 0, sample: 0 }, 'no sample: no rate')
    })

    t.test('a department user sees its own department, whatever it asks for', async (t) => {
      const a = (await get(`/api/v1/stats?${MARCH}&by=department&department=${encodeURIComponent('市住建局')}`, 'department')).json()
      t.equal(a.filters.department, DEPARTMENT)
      t.same(a.slices.map((s: { key: string }) => s.key), [DEPARTMENT])
      t.equal(a.total.received, 40)
      const csv = await get(`/api/v1/stats/export.csv?${MARCH}&by=department`, 'department')
      t.notMatch(csv.body, '市住建局', 'nor in an export')
    })

    t.test('who may read, and what is refused', async (t) => {
      t.equal((await get(`/api/v1/stats?${MARCH}`, 'operator')).statusCode, 403)
      t.equal((await get(`/api/v1/stats?${MARCH}`, 'integrator')).statusCode, 403)
      t.equal((await app.inject({ method: 'GET', url: `/api/v1/stats?${MARCH}` })).statusCode, 401)
      t.equal((await get(`/api/v1/stats?${MARCH}`, 'duty_officer')).statusCode, 200)
      const noTo = await get('/api/v1/stats?from=2026-03-01')
      t.match(noTo.json(), { status: 400, code: 'ESCALATION_ERR_STATS_BAD_PERIOD', pointer: '/querystring/to' })
      t.match((await get('/api/v1/stats?from=2026-03-05&to=2026-03-01')).json(), { code: 'ESCALATION_ERR_STATS_BAD_PERIOD', pointer: '/querystring/to' })
      t.match((await get('/api/v1/stats?from=2026-02-30&to=2026-03-01')).json(), { code: 'ESCALATION_ERR_STATS_BAD_PERIOD', pointer: '/querystring/from' })
      t.match((await get('/api/v1/stats?from=2025-01-01&to=2026-03-01&by=day')).json(), { status: 400, code: 'ESCALATION_ERR_STATS_RANGE_TOO_LONG' })
      t.match((await get('/api/v1/stats?by=street')).json(), { status: 400, code: 'ESCALATION_ERR_VALIDATION' })
      t.match((await get('/api/v1/stats?channel=telegram')).json(), { status: 400, code: 'ESCALATION_ERR_VALIDATION' })
    })

    t.test('CSV export: UTF-8 with a BOM, Chinese headers, a 合计 row', async (t) => {
      const res = await get(`/api/v1/stats/export.csv?${MARCH}&by=department`)
      t.equal(res.statusCode, 200)
      t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/)
      t.match(res.headers['content-disposition'], /^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''%E7%BB%9F%E8%AE%A1_2026-03-01_2026-03-31_department\.csv$/)
      const raw = res.rawPayload
      t.same([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM')
      const lines = raw.toString('utf8').slice(1).split('\r\n')
      t.equal(lines[0], '承办单位,受理量,转办量,办结量,办结率,按期办结量,按期办结率,响应量,响应率,回访量,解决量,解决率,满意量,满意率,超期量')
      t.equal(lines[2], '市城管局,40,40,35,87.5%,35,100.0%,20,50.0%,35,30,85.7%,33,94.3%,0')
      t.equal(lines[4], '未转办,5,0,0,—,0,—,0,—,0,0,—,0,—,0')
      t.match(lines[5], /^合计,105,100,85,85\.0%,/)
    })

    t.test('XLSX export: the same table, rates as numbers formatted 0.0%', async (t) => {
      const res = await get(`/api/v1/stats/export.xlsx?${MARCH}&by=department`)
      t.equal(res.statusCode, 200)
      t.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
      const ws = wb.getWorksheet('统计')!
      t.equal(ws.getRow(1).getCell(5).value, '办结率')
      t.same([ws.getRow(3).getCell(1).value, ws.getRow(3).getCell(2).value], ['市城管局', 40])
      t.equal(ws.getRow(3).getCell(5).value, 0.875)
      t.equal(ws.getRow(3).getCell(5).numFmt, '0.0%')
      t.equal(ws.getRow(5).getCell(5).value, '—', 'no sample: a dash')
      t.match(String(wb.getWorksheet('说明')!.getRow(1).getCell(2).value), '2026-03-01 至 2026-03-31')
    })
  })
}
