import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { openDb } from '../src/index.ts'

t.test('data written to a PGlite folder is there after closing and reopening', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-db-persist-'))
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  const first = await openDb({ dataDir })
  await first.query('create table kept (id int primary key, body jsonb)')
  await first.transaction(async (tx) => {
    await tx.query('insert into kept values ($1, $2)', [1, JSON.stringify({ 诉求: '路灯不亮' })])
  })
  await first.close()

  // a stale lock of a dead process does not block the reopen
  fs.writeFileSync(path.join(dataDir, 'hotline-hub.lock'), JSON.stringify({ pid: 2 ** 22 + 12345 }))

  const started = Date.now()
  const second = await openDb({ dataDir })
  t.comment(`reopening an existing PGlite folder took ${Date.now() - started} ms`)
  t.teardown(() => second.close())
  t.strictSame(await second.query('select id, body from kept'), [{ id: 1, body: { 诉求: '路灯不亮' } }])
})
