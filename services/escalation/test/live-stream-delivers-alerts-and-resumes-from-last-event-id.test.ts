// GET /api/v1/stream on a real listening server, read with fetch streaming:
// an alert raised after connecting arrives (with anything else written by
// recordLive); a department user gets only its own; heartbeats are comments;
// a reconnect with Last-Event-ID gets exactly what it missed, in order.
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { TOPICS } from '@hotline-hub/contracts'
import { modes } from '../../../tests/support/infra.ts'
import { recordLive } from '../src/sla/live.ts'
import { manualSlaClock } from '../src/sla/testing.ts'
import { buildEscalation, DEPARTMENT } from './helper.ts'

const at = (iso: string) => new Date(iso).toISOString()
const WATER = '市水务局'

interface Frame {
  id?: string
  event?: string
  data?: { seq: string; kind: string; at: string; payload: Record<string, unknown> } & Record<string, unknown>
  retry?: string
  comments: string[]
}

/** A Server-Sent Events reader over fetch: `next()` gives the next event (comment-only blocks too, with `comments: true`). */
async function openStream(url: string, headers: Record<string, string>) {
  const abort = new AbortController()
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal })
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  const block = async (): Promise<string> => {
    for (;;) {
      const end = buffer.indexOf('\n\n')
      if (end >= 0) {
        const b = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        return b
      }
      const { value, done } = await reader.read()
      if (done) throw new Error('the stream ended')
      buffer += value
    }
  }
  const parse = (b: string): Frame => {
    const f: Frame = { comments: [] }
    for (const line of b.split('\n')) {
      if (line.startsWith(':')) f.comments.push(line.slice(1).trim())
      else {
        const i = line.indexOf(':')
        const [field, value] = [line.slice(0, i), line.slice(i + 1).replace(/^ /, '')]
        if (field === 'data') f.data = JSON.parse(value)
        else if (field === 'id' || field === 'event' || field === 'retry') f[field] = value
      }
    }
    return f
  }
  return {
    res,
    async next(o: { comments?: boolean } = {}): Promise<Frame> {
      for (;;) {
        const f = parse(await block())
        if (o.comments || f.event || f.data) return f
      }
    },
    close: () => abort.abort(),
  }
}

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
    const mode = await m.setup()
    const env = { ...mode.env, ESCALATION_SLA_TICK_MS: '0', ESCALATION_STREAM_POLL_MS: '50', ESCALATION_STREAM_HEARTBEAT_MS: '200' }
    const app = await buildEscalation(t, env, () => mode.cleanup())
    const db = app.runtime.db
    await app.runtime.app.listen({ port: 0, host: '127.0.0.1' })
    const url = `http://127.0.0.1:${(app.runtime.app.server.address() as AddressInfo).port}/api/v1/stream`
    const streams: { close(): void }[] = []
    t.teardown(() => streams.forEach((s) => s.close()))
    const connect = async (role: string, headers: Record<string, string> = {}, query = '') => {
      const s = await openStream(url + query, { ...app.as(role), ...headers })
      streams.push(s)
      return s
    }
    // Another replica (or part) writing to the stream: its own transaction on the same database.
    const live = (kind: string, payload: Record<string, unknown>) => db.transaction((tx) => recordLive(tx, kind, payload))
    const sla = manualSlaClock({ db, bus: app.runtime.bus })

    for (const [id, department] of [['LV-1', DEPARTMENT], ['LV-2', WATER], ['LV-3', WATER]] as const) {
      await app.receive({ id, appealType: '咨询', receivedAt: at(id === 'LV-3' ? '2025-06-04T10:00:00+08:00' : '2025-06-03T10:00:00+08:00') })
      await app.lifecycle(id, { action: 'dispatch', from: 'received', to: 'dispatched', department, at: at('2025-06-04T10:00:00+08:00') })
    }
    await app.settled()

    t.test('refusals', async (t) => {
      const bad = await fetch(url, { headers: { accept: 'text/event-stream', 'last-event-id': 'abc', ...app.as('duty_officer') } })
      t.equal(bad.status, 400)
      t.match(await bad.json(), { code: 'ESCALATION_ERR_LAST_EVENT_ID_INVALID' })
      t.equal((await fetch(url, { headers: app.as('integrator') })).status, 403)
      t.equal((await fetch(url, { headers: app.as('operator') })).status, 403)
      t.equal((await fetch(url)).status, 401)
    })

    let lastSeen = ''
    t.test('alerts raised after connecting arrive, with ids', async (t) => {
      const duty = await connect('duty_officer')
      t.equal(duty.res.status, 200)
      t.match(duty.res.headers.get('content-type'), /^text\/event-stream/)
      const ready = await duty.next()
      t.match(ready, { event: 'ready', retry: '3000', id: undefined })
      const dept = await connect('department')
      t.match(await dept.next(), { event: 'ready' })

      // Due 2025-06-05 10:00 (咨询, 2 working days): the clock breaches both at once.
      const raised = await sla.at('2025-06-05T10:00:00+08:00')
      t.same(raised.breaches.map((b) => b.caseId).sort(), ['LV-1', 'LV-2'])
      await live('emergency.report', { reportId: 'R-1', state: 'submitted', department: WATER })

      const got = [await duty.next(), await duty.next(), await duty.next()]
      t.same(got.map((f) => f.event), ['sla.breach', 'sla.breach', 'emergency.report'])
      t.same(got.map((f) => f.data!.payload.caseId ?? f.data!.payload.reportId).slice(0, 2).sort(), ['LV-1', 'LV-2'])
      t.ok(got.every((f, i) => f.id === f.data!.seq && (i === 0 || BigInt(f.id!) > BigInt(got[i - 1]!.id!))), 'ids are the seq, increasing')
      const outbox = await db.query<{ alert_id: string }>(`SELECT envelope->'data'->>'alertId' AS alert_id FROM bus.outbox WHERE topic = $1`, [TOPICS.alertRaised])
      t.same(got.slice(0, 2).map((f) => f.data!.payload.alertId).sort(), outbox.map((o) => o.alert_id).sort(), 'the stream carries the alert.raised.v1 data')
      t.match(got[0]!.data!.payload, { kind: 'sla.breach', severity: 'critical', deadline: 'resolution', dueAt: at('2025-06-05T10:00:00+08:00'), message: /超期督办/ })

      // The department user sees only its own department's messages.
      await live('emergency.report', { reportId: 'R-2', state: 'approved', department: DEPARTMENT })
      const own = [await dept.next(), await dept.next()]
      t.same(own.map((f) => [f.event, f.data!.payload.caseId ?? f.data!.payload.reportId]), [['sla.breach', 'LV-1'], ['emergency.report', 'R-2']])
      const r2 = await duty.next()
      t.match(r2, { event: 'emergency.report', data: { payload: { reportId: 'R-2' } } })

      let beat: Frame
      do beat = await duty.next({ comments: true })
      while (beat.event || beat.data)
      t.same(beat.comments, ['heartbeat'], 'heartbeats are comment lines')
      lastSeen = r2.id!
      duty.close()
    })

    t.test('a reconnect with Last-Event-ID resumes without loss', async (t) => {
      // While the console is away: two messages and a breach.
      await live('emergency.report', { reportId: 'R-3', state: 'rejected' })
      await live('cluster.detected', { clusterId: 'C-1', size: 5 })
      const later = await sla.at('2025-06-06T10:00:00+08:00')
      t.same(later.breaches.map((b) => b.caseId), ['LV-3'])

      const back = await connect('duty_officer', { 'last-event-id': lastSeen })
      t.match(await back.next(), { event: 'ready', data: { after: lastSeen } })
      const missed = [await back.next(), await back.next(), await back.next()]
      t.same(missed.map((f) => f.event), ['emergency.report', 'cluster.detected', 'sla.breach'])
      t.same(missed.map((f) => f.data!.payload.reportId ?? f.data!.payload.clusterId ?? f.data!.payload.caseId), ['R-3', 'C-1', 'LV-3'])
      t.ok(missed.every((f) => BigInt(f.id!) > BigInt(lastSeen)))
      await live('emergency.report', { reportId: 'R-4', state: 'submitted' })
      t.match(await back.next(), { event: 'emergency.report', data: { payload: { reportId: 'R-4' } } }, 'then the live ones, nothing twice')

      // The same with the query parameter (for clients that cannot set the header).
      const again = await connect('leader', {}, `?lastEventId=${missed[1]!.id}`)
      await again.next()
      t.same([(await again.next()).data!.payload.caseId, (await again.next()).data!.payload.reportId], ['LV-3', 'R-4'])
    })
  })
}
