import ExcelJS from 'exceljs'
import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import { sweepMissedDeadlines } from '../src/emergency/index.ts'
import { buildEscalation } from './helper.ts'

const at = (iso: string) => new Date(iso)
const T0 = '2026-03-02T09:00:00+08:00' // 接报
const FULL = {
  occurredAt: '08:55', location: '南岗区', source: '12345热线', causeAndNature: '燃气泄漏', process: '群众报警', consequences: '无伤亡', scope: '一栋楼',
  trend: '受控', handling: '已关阀', measures: '排查管线', reportingUnit: '南岗区应急办', reporter: '李**', contact: '0451-8****111',
}

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    // The service's own 迟报 timer stays out of the way: this test sweeps with its own clock.
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_EMERGENCY_SWEEP_MS: '3600000' }, () => mode.cleanup())
    const db = app.runtime.db
    const call = (role: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.inject({ method, url, headers: app.as(role), ...(payload ? { payload } : {}) })
    const ledger = async () => (await call('leader', 'GET', '/api/v1/ledger')).json().items as Record<string, unknown>[]

    // A 较大 incident received at 09:00: phone due 09:30, written due 10:00.
    const created = (await call('duty_officer', 'POST', '/api/v1/emergencies', { title: '南岗区燃气泄漏', grade: 'Ⅲ', receivedAt: at(T0).toISOString(), district: '南岗区' })).json()
    const r = `/api/v1/emergencies/${created.id}/reports/${created.reports[0].id}`

    // The phone report was made at 09:45: 15 minutes late.
    const phoned = (await call('duty_officer', 'POST', `${r}/phone-report`, { at: at('2026-03-02T09:45:00+08:00').toISOString(), note: '已电话报市应急办' })).json()
    t.match(phoned.deadlines.find((d: { kind: string }) => d.kind === 'phone'), { state: 'met-late', lateMinutes: 15, metAt: at('2026-03-02T09:45:00+08:00').toISOString() })
    t.equal((await call('duty_officer', 'POST', `${r}/phone-report`, { at: at('2026-03-02T08:00:00+08:00').toISOString() })).statusCode, 422, 'not before 接报')

    // The sweep at 11:00 (an injected clock) finds the written report still not approved: 迟报, recorded once however many sweeps run.
    const clock = at('2026-03-02T11:00:00+08:00')
    const sweeps = await Promise.all([sweepMissedDeadlines(db, app.runtime.bus, clock), sweepMissedDeadlines(db, app.runtime.bus, clock)])
    await sweepMissedDeadlines(db, app.runtime.bus, clock)
    t.equal(sweeps[0].deadlines + sweeps[1].deadlines, 1, 'two sweeps at once record the missed deadline once')
    let entries = await ledger()
    const late = entries.filter((e) => e.kind === 'late_report')
    t.equal(late.length, 2)
    t.match(late.find((e) => e.subject === 'phone'), { kindName: '迟报', reportLabel: '初报', lateMinutes: 15, open: false, responsible: 'user:duty_officer' })
    t.match(late.find((e) => e.subject === 'written'), { subjectLabel: '书面报告', open: true, state: 'draft', actor: 'system', dueAt: at('2026-03-02T10:00:00+08:00').toISOString() })

    // Commitments; a rejection; then the approval, long after the deadline.
    const commitDue = new Date(Date.now() - 60 * 60_000).toISOString()
    await call('duty_officer', 'PATCH', r, { content: FULL, commitments: [{ text: '24小时内完成周边管线排查', dueAt: commitDue }, { text: '一周内公布调查结果', dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }] })
    await call('duty_officer', 'POST', `${r}/submit`)
    await call('leader', 'POST', `${r}/reject`, { comment: '处置情况写得不具体' })
    await call('duty_officer', 'POST', `${r}/submit`)
    const approved = (await call('leader', 'POST', `${r}/approve`, {})).json()
    const expected = Math.ceil((Date.parse(approved.approvedAt) - at('2026-03-02T10:00:00+08:00').getTime()) / 60_000)
    t.match(approved.deadlines.find((d: { kind: string }) => d.kind === 'written'), { state: 'met-late', lateMinutes: expected })

    await sweepMissedDeadlines(db, app.runtime.bus, new Date())
    entries = await ledger()
    t.match(entries.find((e) => e.subject === 'written'), { open: false, lateMinutes: expected, metAt: approved.approvedAt }, 'late by the minutes from the deadline to the approval')
    t.match(entries.find((e) => e.kind === 'rejected'), { kindName: '报告被退回', actor: 'user:leader', responsible: 'user:duty_officer', detail: '处置情况写得不具体', unit: '南岗区应急办', lateMinutes: null })
    const missed = entries.filter((e) => e.kind === 'unfulfilled_commitment')
    t.equal(missed.length, 1, 'only the commitment past its due date')
    t.match(missed[0], { kindName: '承诺未兑现', subjectLabel: '24小时内完成周边管线排查', open: true })
    t.ok((missed[0]!.lateMinutes as number) >= 60)

    // Done late: the entry closes with how late it was.
    const commitment = approved.commitments.find((c: { text: string }) => c.text.startsWith('24小时'))
    const doneAt = new Date().toISOString()
    t.equal((await call('duty_officer', 'POST', `/api/v1/emergencies/${created.id}/commitments/${commitment.id}/done`, { at: doneAt })).statusCode, 200)
    const closedEntry = (await ledger()).find((e) => e.kind === 'unfulfilled_commitment')
    t.match(closedEntry, { open: false, lateMinutes: Math.ceil((Date.parse(doneAt) - Date.parse(commitDue)) / 60_000) })

    // Who may read it, and the exports.
    t.equal((await call('duty_officer', 'GET', '/api/v1/ledger')).statusCode, 403)
    t.equal((await call('admin', 'GET', '/api/v1/ledger?kind=rejected')).json().items.length, 1)
    const csv = await call('leader', 'GET', '/api/v1/ledger/export.csv')
    t.match(csv.headers['content-type'], /^text\/csv/)
    t.ok(csv.body.startsWith('\uFEFF记录时间,类别,事件编号,报告,事项,责任人'), 'UTF-8 BOM and Chinese headers')
    t.equal(csv.body.trim().split('\r\n').length, 1 + 4)
    t.match(csv.body, /\r\n[^\r]*,迟报,[^,]+,初报,电话报告,user:duty_officer,,user:duty_officer,draft,2026-03-02 09:30,2026-03-02 09:45,15,否,/)
    const xlsx = await call('leader', 'GET', '/api/v1/ledger/export.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('舆情回应台账')!
    t.equal(ws.rowCount, 5)
    t.equal(ws.getRow(1).getCell(2).value, '类别')
    t.ok([2, 3, 4, 5].some((i) => ws.getRow(i).getCell(12).value === 15), 'lateness is a number in the sheet')
  })
}
