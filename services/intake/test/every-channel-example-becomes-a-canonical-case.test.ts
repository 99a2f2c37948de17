/** Every channel's shipped example payloads go in over HTTP and come out as canonical, de-identified cases. */
import t from 'tap'
import { CHANNELS } from '@hotline-hub/contracts'
import { ADAPTERS } from '../src/adapters/index.ts'
import { buildIntake } from './helper.ts'

const app = await buildIntake(t)
const inject = app.runtime.app.inject.bind(app.runtime.app)

for (const channel of CHANNELS) {
  t.test(channel, async (t) => {
    const adapter = ADAPTERS[channel]
    t.ok(adapter.examples.length >= 2, 'ships examples')
    for (const ex of adapter.examples) {
      const res = await inject({ method: 'POST', url: `/api/v1/channels/${channel}/cases`, headers: app.headers('allkey'), payload: ex.payload as object })
      t.equal(res.statusCode, 201, `${ex.name}: ${res.body.slice(0, 300)}`)
      const c = res.json()
      const { input } = adapter.normalize(ex.payload)
      t.equal(c.channel, channel)
      t.equal(c.status, 'received')
      if (c.content !== input.content) {
        // personal data in the text is masked; the raw text is kept encrypted for the audited read
        const raw = (await inject({ url: `/api/v1/cases/${c.id}/caller`, headers: app.headers('admin') })).json()
        t.equal(raw.content, input.content, 'the masked content keeps its raw text encrypted')
      } else t.pass('the content had nothing to mask')
      t.equal(Date.parse(c.receivedAt), Date.parse(input.receivedAt))
      if (input.externalId) t.equal(c.externalId, input.externalId)
      for (const raw of [input.caller.phone, input.caller.idNumber, input.caller.name].filter(Boolean) as string[])
        t.notOk(res.body.includes(raw), `raw ${raw.slice(0, 3)}… is not in the answer`)
      const again = await inject({ method: 'POST', url: `/api/v1/channels/${channel}/cases`, headers: app.headers('allkey'), payload: ex.payload as object })
      if (input.externalId) {
        t.equal(again.statusCode, 200, 'the same ticket again returns the original case')
        t.equal(again.json().id, c.id)
      }
    }
  })
}

t.test('bulk NDJSON import: a result per line, and a retry neither loses nor doubles a line', async (t) => {
  const app = await buildIntake(t) // a fresh database: the examples above are already in the first one
  const inject = app.runtime.app.inject.bind(app.runtime.app)
  const lines = CHANNELS.flatMap((channel) => ADAPTERS[channel].examples.map((ex) => JSON.stringify({ channel, payload: ex.payload })))
  const bad = JSON.stringify({ channel: 'hotline-12345', payload: { gdbh: 'X' } })
  const body = [...lines.slice(0, 3), bad, '{not json', ...lines.slice(3)].join('\n') + '\n'
  const send = () => inject({ method: 'POST', url: '/api/v1/import', headers: { ...app.headers('admin'), 'content-type': 'application/x-ndjson', 'idempotency-key': 'backfill-2026-11' }, payload: body })
  const before = await app.count('cases')
  const first = await send()
  t.equal(first.statusCode, 200)
  const results = first.body.trim().split('\n').map((l) => JSON.parse(l))
  t.equal(results.length, lines.length + 2, 'one result per line')
  t.same(results.map((r) => r.line), results.map((_, i) => i + 1), 'in order')
  t.equal(results[3].status, 400)
  t.equal(results[3].code, 'INTAKE_ERR_VALIDATION')
  t.match(results[3].pointer, /^\/payload\//)
  t.equal(results[4].code, 'INTAKE_ERR_MALFORMED_JSON')
  const created = await app.count('cases')
  const retry = (await send()).body.trim().split('\n').map((l) => JSON.parse(l))
  t.equal(await app.count('cases'), created, 'the retry created nothing')
  t.same(retry.filter((r) => r.id).map((r) => r.id), results.filter((r) => r.id).map((r) => r.id), 'the retry answers with the same cases')
  t.equal(created - before, results.filter((r) => r.status === 201).length, 'every accepted line is one new case')
  t.equal(created - before, lines.length, 'all good lines were imported')
})
