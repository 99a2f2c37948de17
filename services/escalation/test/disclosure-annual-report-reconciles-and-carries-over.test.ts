import ExcelJS from 'exceljs'
import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { buildEscalation } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()
type Row = { code: string; label: string; values: Record<string, number> }
const row = (report: { rows: Row[] }, code: string) => report.rows.find((r) => r.code === code)!.values
const only = (natural: number, extra: Record<string, number> = {}) => {
  const v = { natural, commercial: 0, research: 0, 'public-interest': 0, 'legal-service': 0, other: 0, ...extra }
  return { ...v, total: Object.values(v).reduce((a, b) => a + b, 0) }
}

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, mode.env, () => mode.cleanup())
    const call = (role: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.inject({ method, url, headers: app.as(role), ...(payload ? { payload } : {}) })
    const receive = (id: string, when: string, applicantType?: string) =>
      app.receive({ id, channel: 'disclosure-request', receivedAt: at(when), content: '申请公开', ...(applicantType ? { extra: { applicantType } } : {}) })

    t.test('seed 004: 41 requests in 2019, all 予以公开, none carried: 41 + 0 = 41 + 0', async (t) => {
      for (let i = 1; i <= 41; i++) await receive(`HB2019-${i}`, `2019-${String(1 + (i % 11)).padStart(2, '0')}-0${1 + (i % 9)}T10:00:00+08:00`, '自然人')
      await app.settled()
      for (let i = 1; i <= 41; i++) {
        const res = await call('operator', 'POST', `/api/v1/disclosures/HB2019-${i}/outcome`, { outcome: 'disclose', at: at(`2019-12-${String(10 + (i % 20)).padStart(2, '0')}T16:00:00+08:00`) })
        t.equal(res.statusCode, 200)
      }
      const report = (await call('leader', 'GET', '/api/v1/disclosures/annual-report?year=2019')).json()
      t.equal(report.form, '国办公开办函〔2021〕30号')
      t.same(report.columns.map((c: { label: string }) => c.label), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'])
      t.same(row(report, 'new'), only(41))
      t.same(row(report, 'carried-in'), only(0))
      t.same(row(report, 'outcome:disclose'), only(41))
      t.same(row(report, 'outcome:withhold:state-secret'), only(0))
      t.same(row(report, 'outcomes-total'), only(41))
      t.same(row(report, 'carried-forward'), only(0))
      t.equal(report.rows.length, 2 + 2 + 8 + 3 + 5 + 3 + 1 + 1, 'the form’s rows: 8, 3, 5 and 3 reasons')
      t.match(report.reconciliation.find((r: { column: string }) => r.column === 'total'), { left: 41, right: 41, ok: true })

      const csv = await call('leader', 'GET', '/api/v1/disclosures/annual-report.csv?year=2019')
      t.ok(csv.body.startsWith('\uFEFF项目,自然人,法人或其他组织·商业企业,法人或其他组织·科研机构'))
      t.match(csv.body, '\r\n一、本年新收政府信息公开申请数量,41,0,0,0,0,0,41\r\n')
      t.match(csv.body, '三、本年度办理结果 （三）不予公开 3.危及“三安全一稳定”,0,0,0,0,0,0,0')
      const txt = await call('duty_officer', 'GET', '/api/v1/disclosures/annual-report.txt?year=2019')
      t.match(txt.headers['content-type'], /^text\/plain/)
      t.match(txt.body, '本列数据的勾稽关系')
      t.match(txt.body, '总计 41 = 41')
      const xlsx = await call('admin', 'GET', '/api/v1/disclosures/annual-report.xlsx?year=2019')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
      const ws = wb.worksheets[0]!
      t.equal(ws.getRow(2).getCell(1).value, '一、本年新收政府信息公开申请数量')
      t.equal(ws.getRow(2).getCell(8).value, 41)
      t.equal((await call('operator', 'GET', '/api/v1/disclosures/annual-report?year=2019')).statusCode, 403)
    })

    t.test('结转下年度 is next year’s 上年结转', async (t) => {
      await receive('C25-1', '2025-03-01T10:00:00+08:00', '商业企业')
      await receive('C25-2', '2025-12-20T10:00:00+08:00', '商业企业')
      await receive('C25-3', '2025-12-29T10:00:00+08:00', 'natural')
      await receive('C26-1', '2026-01-05T10:00:00+08:00', 'public-interest')
      await app.settled()
      await call('operator', 'POST', '/api/v1/disclosures/C25-1/outcome', { outcome: 'not-processed', reason: 'repeated', at: at('2025-03-20T10:00:00+08:00') })
      await call('operator', 'POST', '/api/v1/disclosures/C25-2/outcome', { outcome: 'unavailable', reason: 'not-held', at: at('2026-01-08T10:00:00+08:00') })
      await call('operator', 'POST', '/api/v1/disclosures/C26-1/outcome', { outcome: 'partial', at: at('2026-01-20T10:00:00+08:00') })
      // C25-3 is still open.
      const y2025 = (await call('leader', 'GET', '/api/v1/disclosures/annual-report?year=2025')).json()
      t.same(row(y2025, 'new'), only(1, { commercial: 2 }))
      t.same(row(y2025, 'outcome:not-processed:repeated'), only(0, { commercial: 1 }))
      t.same(row(y2025, 'outcomes-total'), only(0, { commercial: 1 }))
      t.same(row(y2025, 'carried-forward'), only(1, { commercial: 1 }))
      const y2026 = (await call('leader', 'GET', '/api/v1/disclosures/annual-report?year=2026')).json()
      t.same(row(y2026, 'carried-in'), row(y2025, 'carried-forward'), 'carried over')
      t.same(row(y2026, 'new'), only(0, { 'public-interest': 1 }))
      t.same(row(y2026, 'outcome:unavailable:not-held'), only(0, { commercial: 1 }))
      t.same(row(y2026, 'outcome:partial'), only(0, { 'public-interest': 1 }))
      t.same(row(y2026, 'carried-forward'), only(1))
      t.ok(y2026.reconciliation.every((r: { ok: boolean }) => r.ok))
    })

    t.test('a request without an applicant type, or a table that does not reconcile, is refused', async (t) => {
      await receive('C24-X', '2024-06-03T10:00:00+08:00')
      await app.settled()
      const missing = await call('leader', 'GET', '/api/v1/disclosures/annual-report?year=2024')
      t.equal(missing.statusCode, 422)
      t.equal(missing.json().code, 'ESCALATION_ERR_DISCLOSURE_APPLICANT_TYPE_MISSING')
      t.match(missing.json().detail, 'C24-X')
      await call('operator', 'PATCH', '/api/v1/disclosures/C24-X', { applicantType: 'other' })
      await call('operator', 'POST', '/api/v1/disclosures/C24-X/outcome', { outcome: 'other', reason: 'no-correction', at: at('2024-07-01T10:00:00+08:00') })
      t.same(row((await call('leader', 'GET', '/api/v1/disclosures/annual-report?year=2024')).json(), 'outcome:other:no-correction'), only(0, { other: 1 }))
      // An outcome dated before its request (bad data): the 2023 table does not balance in the 其他 column.
      await app.runtime.db.query(`UPDATE escalation.disclosure_requests SET outcome_at = '2023-12-30T10:00:00+08:00' WHERE case_id = 'C24-X'`)
      const unbalanced = await call('leader', 'GET', '/api/v1/disclosures/annual-report?year=2023')
      t.equal(unbalanced.statusCode, 422)
      t.equal(unbalanced.json().code, 'ESCALATION_ERR_DISCLOSURE_TABLE_UNBALANCED')
      t.same(unbalanced.json().errors.map((e: { pointer: string }) => e.pointer), ['/columns/other', '/columns/total'])
      t.match(unbalanced.json().detail, '其他: 本年新收 + 上年结转 = 0, 办理结果总计 + 结转下年度 = 1')
    })
  })
}
