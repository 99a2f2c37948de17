// GET /api/v1/cases/{id}/sla shows a case's deadlines and their states;
// 补正 pauses through the API stop the resolution clock and, once ended,
// move the due date by the working days the pause touched.
import t from 'tap'
import { WorkingCalendar } from '@hotline-hub/calendar'
import { modes } from '../../../tests/support/infra.ts'
import { manualSlaClock } from '../src/sla/testing.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()
const calendar = WorkingCalendar.fromDirectory()

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const app = await buildEscalation(t, { ...mode.env, ESCALATION_SLA_TICK_MS: '0' }, () => mode.cleanup())
    const db = app.runtime.db
    const now = Date.now()
    const dispatch = (id: string, department: string, iso: string) => app.lifecycle(id, { action: 'dispatch', from: 'received', to: 'dispatched', department, at: iso })

    await app.receive({ id: 'PA-1', appealType: '投诉', receivedAt: new Date(now - 3 * 86_400_000).toISOString() })
    await dispatch('PA-1', DEPARTMENT, new Date(now - 3 * 86_400_000 + 60_000).toISOString())
    await app.receive({ id: 'PA-OTHER', appealType: '投诉', receivedAt: new Date(now - 86_400_000).toISOString() })
    await dispatch('PA-OTHER', '市水务局', new Date(now - 86_400_000).toISOString())
    await app.receive({ id: 'PA-CLOSED', appealType: '咨询', receivedAt: at('2025-06-03T10:00:00+08:00') })
    await dispatch('PA-CLOSED', DEPARTMENT, at('2025-06-03T10:10:00+08:00'))
    await app.lifecycle('PA-CLOSED', { action: 'close', from: 'dispatched', to: 'closed', at: at('2025-06-04T16:00:00+08:00') })
    await app.receive({ id: 'PA-LATE', appealType: '咨询', receivedAt: at('2025-06-03T10:00:00+08:00') })
    await dispatch('PA-LATE', DEPARTMENT, at('2025-06-03T10:10:00+08:00'))
    // 紧急: 2 clock hours to first contact, 100 minutes spent (the warning is at 96).
    await app.receive({ id: 'PA-URGENT', urgency: '紧急', appealType: '求助', receivedAt: new Date(now - 100 * 60_000).toISOString() })
    await dispatch('PA-URGENT', DEPARTMENT, new Date(now - 99 * 60_000).toISOString())
    await app.settled()

    const sla = async (id: string, role = 'duty_officer') => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/cases/${id}/sla`, headers: app.as(role) })
      return { status: res.statusCode, body: res.json() }
    }
    const post = async (url: string, role: string, payload?: unknown) => {
      const res = await app.inject({ method: 'POST', url, headers: app.as(role), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })
      return { status: res.statusCode, body: res.json() }
    }
    const deadline = (body: { deadlines: { kind: string }[] }, kind: string) => body.deadlines.find((d) => d.kind === kind) as Record<string, unknown>

    t.test('deadline states', async (t) => {
      const [facts] = await db.query<{ resolution_due_at: Date }>('SELECT resolution_due_at FROM escalation.cases WHERE case_id = $1', ['PA-1'])
      const running = await sla('PA-1', 'operator')
      t.equal(running.status, 200)
      t.match(running.body, { caseId: 'PA-1', department: DEPARTMENT, rule: 'complaint-or-report', paused: false, overdue: false, warningFraction: 0.8, pauses: [] })
      t.match(deadline(running.body, 'resolution'), { state: 'running', dueAt: new Date(facts!.resolution_due_at).toISOString(), rule: 'complaint-or-report', metAt: null, lateMinutes: 0 })
      t.equal(deadline(running.body, 'response'), undefined, 'a complaint has no first-contact deadline')

      const urgent = await sla('PA-URGENT')
      t.match(deadline(urgent.body, 'response'), {
        state: 'warned',
        rule: 'emergency',
        dueAt: new Date(now + 20 * 60_000).toISOString(),
        warningAt: new Date(now - 4 * 60_000).toISOString(),
      })
      t.ok((deadline(urgent.body, 'response').elapsedFraction as number) >= 100 / 120)

      t.match(deadline((await sla('PA-CLOSED')).body, 'resolution'), { state: 'met', metAt: at('2025-06-04T16:00:00+08:00'), dueAt: at('2025-06-05T10:00:00+08:00'), lateMinutes: 0 })
      const late = await sla('PA-LATE')
      t.match(deadline(late.body, 'resolution'), { state: 'breached', dueAt: at('2025-06-05T10:00:00+08:00'), breachedAt: null })
      await manualSlaClock({ db, bus: app.runtime.bus }).at('2025-06-05T10:00:00+08:00')
      t.match(deadline((await sla('PA-LATE')).body, 'resolution'), { state: 'breached', warnedAt: null, breachedAt: at('2025-06-05T10:00:00+08:00') })
      t.match((await sla('PA-LATE')).body, { overdue: true })
    })

    t.test('who may look', async (t) => {
      t.equal((await sla('PA-1', 'department')).status, 200)
      t.match(await sla('PA-OTHER', 'department'), { status: 403, body: { code: 'ESCALATION_ERR_CASE_OF_ANOTHER_DEPARTMENT' } })
      t.match(await sla('PA-NOPE'), { status: 404, body: { code: 'ESCALATION_ERR_CASE_NOT_TRACKED' } })
      t.equal((await sla('PA-1', 'integrator')).status, 403)
      t.equal((await sla('PA-1', 'leader')).status, 200)
    })

    t.test('a 补正 pause stops the clock and moves the due date', async (t) => {
      const first = await sla('PA-1')
      const due = new Date(deadline(first.body, 'resolution').dueAt as string)

      t.equal((await post('/api/v1/cases/PA-1/pauses', 'department', {})).status, 400, 'a reason is required')
      t.equal((await post('/api/v1/cases/PA-1/pauses', 'department', { reason: '补充材料', from: at('2025-01-01T00:00:00Z') })).status, 400, 'no back-dating')
      t.equal((await post('/api/v1/cases/PA-1/pauses', 'operator', { reason: '补充材料' })).status, 403)
      t.equal((await post('/api/v1/cases/PA-1/pauses', 'leader', { reason: '补充材料' })).status, 403)

      const paused = await post('/api/v1/cases/PA-1/pauses', 'department', { reason: '请诉求人补充现场照片' })
      t.equal(paused.status, 201)
      t.match(paused.body, { paused: true, pauses: [{ to: null, reason: '请诉求人补充现场照片', startedBy: 'user:department', endedBy: null }] })
      t.match(deadline(paused.body, 'resolution'), { state: 'paused', dueAt: null, dueBeforePause: due.toISOString() })
      const pending = await db.query(`SELECT 1 FROM escalation.sla_timers WHERE case_id = 'PA-1' AND kind = 'resolution' AND fired_at IS NULL`)
      t.equal(pending.length, 0, 'no warning or breach is due while the clock is stopped')
      t.match(await post('/api/v1/cases/PA-1/pauses', 'duty_officer', { reason: '再次补正' }), { status: 409, body: { code: 'ESCALATION_ERR_PAUSE_ALREADY_OPEN' } })

      const resumed = await post('/api/v1/cases/PA-1/pauses/current/end', 'department')
      t.equal(resumed.status, 200)
      t.match(resumed.body, { paused: false, pauses: [{ reason: '请诉求人补充现场照片', startedBy: 'user:department', endedBy: 'user:department' }] })
      const moved = new Date(deadline(resumed.body, 'resolution').dueAt as string)
      t.match(deadline(resumed.body, 'resolution'), { state: 'running' })
      // The working day the pause fell on does not count (a day off changes nothing).
      const pauseDay = new Date(resumed.body.pauses[0].from)
      t.equal(calendar.workingDaysBetween(due, moved).days, calendar.isWorkingDay(pauseDay) ? 1 : 0)
      t.equal(new Date(moved).getTime() % 86_400_000, due.getTime() % 86_400_000, 'at the same time of day')
      const [row] = await db.query<{ resolution_due_at: Date }>('SELECT resolution_due_at FROM escalation.cases WHERE case_id = $1', ['PA-1'])
      t.equal(new Date(row!.resolution_due_at).toISOString(), moved.toISOString(), 'the case facts carry the new due date')
      const timers = await db.query<{ fire_at: Date }>(`SELECT fire_at FROM escalation.sla_timers WHERE case_id = 'PA-1' AND stage = 'breach'`)
      t.same(timers.map((x) => new Date(x.fire_at).toISOString()), [moved.toISOString()], 'the breach timer follows')

      t.match(await post('/api/v1/cases/PA-1/pauses/current/end', 'department'), { status: 409, body: { code: 'ESCALATION_ERR_NO_OPEN_PAUSE' } })
      t.match(await post('/api/v1/cases/PA-OTHER/pauses', 'department', { reason: '补正' }), { status: 403, body: { code: 'ESCALATION_ERR_CASE_OF_ANOTHER_DEPARTMENT' } })
      t.equal((await post('/api/v1/cases/PA-OTHER/pauses', 'duty_officer', { reason: '补正' })).status, 201)
      t.match(await post('/api/v1/cases/PA-CLOSED/pauses', 'admin', { reason: '补正' }), { status: 409, body: { code: 'ESCALATION_ERR_CASE_NOT_OPEN' } })

      const live = await db.query<{ kind: string; department: string }>(`SELECT kind, department FROM escalation.live_events WHERE payload->>'caseId' = 'PA-1' AND kind LIKE 'sla.%' ORDER BY seq`)
      t.same(live, [
        { kind: 'sla.paused', department: DEPARTMENT },
        { kind: 'sla.resumed', department: DEPARTMENT },
      ])
    })
  })
}
