import t from 'tap'
import { DbUnavailableError, openDb } from '../src/index.ts'
import { createTestDatabase, createTestDatabaseOrSkip } from '../src/testing.ts'

const probe = await createTestDatabaseOrSkip()

t.test('createTestDatabase makes a fresh database and drop() removes it', { skip: probe.skip }, async (t) => {
  await probe.database!.drop()
  const made = await createTestDatabase()
  t.match(made.name, /^hh_t_[0-9a-f]{12}$/)
  const db = await openDb({ url: made.url })
  t.strictSame(await db.query('select current_database() as name'), [{ name: made.name }])
  // drop() also works while a connection is still open (WITH (FORCE))
  await made.drop()
  await made.drop()
  await db.close().catch(() => {})
  const admin = await openDb({ url: made.url.replace(made.name, 'postgres') })
  t.teardown(() => admin.close())
  t.strictSame(await admin.query('select count(*)::int as c from pg_database where datname = $1', [made.name]), [{ c: 0 }])
})

t.test('an unreachable server: skip outside CI, fail in CI', async (t) => {
  const adminUrl = 'postgres://postgres@127.0.0.1:1/postgres'
  const saved = process.env.CI
  t.teardown(() => {
    if (saved === undefined) delete process.env.CI
    else process.env.CI = saved
  })
  delete process.env.CI
  const skipped = await createTestDatabaseOrSkip({ adminUrl })
  t.equal(skipped.database, undefined)
  t.match(skipped.skip, /unreachable at postgres:\/\/postgres@127\.0\.0\.1:1\/postgres.*skipping PostgreSQL tests/)
  process.env.CI = 'true'
  await t.rejects(createTestDatabaseOrSkip({ adminUrl }), DbUnavailableError)
})
