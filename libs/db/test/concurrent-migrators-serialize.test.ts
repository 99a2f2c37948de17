import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t, { type Test } from 'tap'
import { postgresForFile } from '../test-support/backends.ts'
import { migrate, openDb, type Db } from '../src/index.ts'

/**
 * Each file fails if it runs twice (plain CREATE TABLE / INSERT into a
 * primary key) and sleeps to widen the window in which an unserialized
 * second migrator would run it again.
 */
function racyMigrations(t: Test): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-mig-race-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.writeFileSync(path.join(dir, '0001_table.sql'), 'select pg_sleep(0.2);\ncreate table race.once (n int primary key);')
  fs.writeFileSync(path.join(dir, '0002_row.sql'), 'select pg_sleep(0.2);\ninsert into race.once values (1);')
  fs.writeFileSync(path.join(dir, '0003_row.sql'), 'insert into race.once values (2);')
  return dir
}

async function runTogether(t: Test, dbs: Db[], dir: string) {
  const outcomes: string[] = []
  await Promise.all(dbs.map((db, i) => migrate(db, { schema: 'race', dir, onFile: (name, o) => outcomes.push(`${i}:${name}:${o}`) })))
  const applied = outcomes.filter((o) => o.endsWith(':applied')).map((o) => o.split(':')[1])
  t.strictSame(applied.sort(), ['0001_table.sql', '0002_row.sql', '0003_row.sql'], 'each file applied exactly once across all migrators')
  t.equal(outcomes.length, dbs.length * 3, 'every migrator went through every file')
  t.strictSame(await dbs[0]!.query('select n from race.once order by n'), [{ n: 1 }, { n: 2 }])
  t.strictSame(await dbs[0]!.query('select count(*)::int as c from race._migrations'), [{ c: 3 }])
}

const pg = await postgresForFile()

t.test('PostgreSQL: three migrators on separate pools', { skip: pg.skip }, async (t) => {
  const dbs = await Promise.all([1, 2, 3].map(() => openDb({ url: pg.database!.url, poolSize: 2 })))
  t.teardown(() => Promise.all(dbs.map((db) => db.close())))
  await runTogether(t, dbs, racyMigrations(t))
})

t.test('PGlite: two migrators on handles of one shared instance', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-mig-race-pglite-'))
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }))
  const dbs = await Promise.all([openDb({ dataDir }), openDb({ dataDir })])
  t.teardown(() => Promise.all(dbs.map((db) => db.close())))
  await runTogether(t, dbs, racyMigrations(t))
})

t.test('PostgreSQL: the advisory lock is held until the transaction ends', { skip: pg.skip }, async (t) => {
  const a = await openDb({ url: pg.database!.url })
  const b = await openDb({ url: pg.database!.url })
  t.teardown(() => Promise.all([a.close(), b.close()]))
  const order: string[] = []
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  const first = a.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtextextended('hotline-hub.migrate:probe', 0))`)
    order.push('a locked')
    await held
    order.push('a done')
  })
  while (!order.includes('a locked')) await new Promise((r) => setTimeout(r, 10))
  const second = b.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtextextended('hotline-hub.migrate:probe', 0))`)
    order.push('b locked')
  })
  await new Promise((r) => setTimeout(r, 200))
  release()
  await Promise.all([first, second])
  t.strictSame(order, ['a locked', 'a done', 'b locked'], 'b waited for a to commit')
})
