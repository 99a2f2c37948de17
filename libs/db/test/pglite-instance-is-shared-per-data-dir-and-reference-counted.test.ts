import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { DbUsageError, openDb, openPgliteInstanceCount } from '../src/index.ts'

t.test('handles on one folder share one PGlite instance until the last closes', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-db-shared-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  const dataDir = path.join(dir, 'nested', 'pgdata')

  const [a, b] = await Promise.all([openDb({ dataDir }), openDb({ dataDir: path.relative(process.cwd(), dataDir) })])
  t.ok(fs.existsSync(path.join(dataDir, 'PG_VERSION')), 'the missing folder was created and initialised')
  t.equal(openPgliteInstanceCount(), 1, 'relative and absolute paths of one folder share one instance')
  t.equal(a.kind, 'pglite')

  await a.query('create table shared_probe (n int)')
  await b.query('insert into shared_probe values (1)')
  t.strictSame(await a.query('select n from shared_probe'), [{ n: 1 }], 'both handles see one database')
  // a temp table lives in the single PGlite session: proof it is the same instance
  await a.query('create temp table session_probe (x int)')
  t.strictSame(await b.query('select count(*)::int as c from session_probe'), [{ c: 0 }], 'same session, same instance')

  await t.rejects(
    a.transaction(async () => b.query('select 1')),
    DbUsageError,
    'db.query on another handle of the same instance inside a transaction is refused (it would deadlock)',
  )

  await a.close()
  await a.close()
  t.equal(openPgliteInstanceCount(), 1, 'closing one handle (twice) keeps the instance for the other')
  await t.rejects(a.query('select 1'), DbUsageError, 'a closed handle refuses queries')
  t.strictSame(await b.query('select count(*)::int as c from shared_probe'), [{ c: 1 }], 'the other handle still works')

  const c = await openDb({ dataDir })
  await b.close()
  t.equal(openPgliteInstanceCount(), 1, 'still open through a third handle')
  await c.close()
  t.equal(openPgliteInstanceCount(), 0, 'the instance closes with the last handle')
  t.notOk(fs.existsSync(path.join(dataDir, 'hotline-hub.lock')), 'the folder lock is released')
})

t.test('a folder locked by another live process is refused', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-db-locked-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  // pid 1 is always alive; a lock naming it stands for another process
  fs.writeFileSync(path.join(dir, 'hotline-hub.lock'), JSON.stringify({ pid: 1 }))
  await t.rejects(openDb({ dataDir: dir }), { name: 'DbUnavailableError', message: /in use by process 1/ })
  t.equal(openPgliteInstanceCount(), 0)
})
