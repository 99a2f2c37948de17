/**
 * `pnpm start`'s process: one port, the three services, PGlite under
 * DATA_DIR. Ready with all three services; graceful on SIGTERM; a restart
 * keeps the data.
 */
import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { TOPICS, makeEnvelope } from '@hotline-hub/contracts'
import { createHub } from '@hotline-hub/hub'
import { spawnTs } from '../support/spawn.ts'
import { getJson, listeningUrl } from '../support/http.ts'

const dataDir = mkdtempSync(path.join(tmpdir(), 'hh-hub-'))
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }))

t.test('the hub answers /readyz for intake, classifier, escalation and the console', async (t) => {
  const hub = spawnTs('services/hub/src/main.ts', { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' })
  t.teardown(() => hub.child.kill('SIGKILL'))
  const base = await listeningUrl(hub)

  const ready = await getJson(`${base}/readyz`)
  t.equal(ready.status, 200, JSON.stringify(ready.body))
  t.equal(ready.body.status, 'ready')
  t.same(Object.keys(ready.body.services).sort(), ['classifier', 'console', 'escalation', 'intake'])
  t.equal(ready.body.services.console.checks.assets.ok, true, 'the console is built')
  for (const [name, s] of Object.entries<any>(ready.body.services)) {
    t.equal(s.ready, true, `${name} is ready`)
    t.equal(s.checks.database.ok, true, `${name} reaches the database`)
    t.equal(s.checks.log.ok, true, `${name} reaches the log`)
    t.equal(s.checks.log.detail, 'log', `${name} uses the log table in embedded mode`)
  }
  t.equal((await getJson(`${base}/healthz`)).status, 200)
  const page = await fetch(`${base}/console/`)
  t.equal(page.status, 200, 'the console is served at /console/ in embedded mode')
  t.match(await page.text(), /<html lang="zh-CN">[\s\S]*12345 热线受理与督办平台/)
  const script = await fetch(`${base}/console/app.js`)
  t.equal(script.status, 200)
  t.match(script.headers.get('content-type'), /javascript/)
  const metrics = await fetch(`${base}/metrics`).then((r) => r.text())
  t.match(metrics, /hotline_http_request_duration_seconds_bucket/)

  const missing = await getJson(`${base}/api/v1/nothing-here`)
  t.equal(missing.status, 404)
  t.match(missing.headers.get('content-type'), /^application\/problem\+json/)
  t.equal(missing.body.code, 'PLATFORM_ERR_NOT_FOUND')
  t.equal(missing.body.message_zh, '资源不存在')

  hub.child.kill('SIGTERM')
  const end = await hub.exited
  t.equal(end.code, 0, 'SIGTERM shuts down cleanly')
})

t.test('a restart keeps the data under DATA_DIR', async (t) => {
  const first = await createHub({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
  const envelope = makeEnvelope(TOPICS.caseLifecycle, {
    source: 'test',
    caseId: 'HH-PERSIST-1',
    data: { action: 'urge', from: 'dispatched', to: 'dispatched', actor: { id: 'u1', role: 'duty_officer' }, at: new Date().toISOString() },
  })
  await first.db.transaction((tx) => first.bus.publish(tx, [{ topic: TOPICS.caseLifecycle, key: 'HH-PERSIST-1', envelope }]))
  const migrations = await first.db.query<{ n: number | string }>('SELECT count(*) AS n FROM intake._migrations')
  await first.close()

  const second = await createHub({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
  t.teardown(() => second.close())
  const rows = await second.db.query<{ event_id: string }>('SELECT event_id FROM bus.outbox WHERE key = $1', ['HH-PERSIST-1'])
  t.same(rows.map((r) => r.event_id), [envelope.id], 'the event written before the restart is still there')
  const again = await second.db.query<{ n: number | string }>('SELECT count(*) AS n FROM intake._migrations')
  t.equal(Number(again[0]!.n), Number(migrations[0]!.n), 'migrations are not applied twice')
})
