import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { eachBackend } from '../test-support/backends.ts'
import { MigrationChecksumError, migrate } from '../src/index.ts'

t.test('an applied file whose content changed stops the migrator', async (t) => {
  await eachBackend(t, async (t, db) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-mig-sum-'))
    t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
    fs.writeFileSync(path.join(dir, '0001_init.sql'), 'create table mig_sum.t (n int);')
    await migrate(db, { schema: 'mig_sum', dir })

    fs.writeFileSync(path.join(dir, '0001_init.sql'), 'create table mig_sum.t (n bigint);')
    fs.writeFileSync(path.join(dir, '0002_next.sql'), 'create table mig_sum.u (n int);')
    const err = await migrate(db, { schema: 'mig_sum', dir }).catch((e: unknown) => e)
    t.type(err, MigrationChecksumError)
    t.match(err, { file: '0001_init.sql', schema: 'mig_sum' })
    t.match((err as Error).message, /migration 0001_init\.sql of schema "mig_sum" was changed after it was applied/)
    t.strictSame(await db.query(`select to_regclass('mig_sum.u') as t`), [{ t: null }], 'refuses to start: later files are not applied')

    fs.writeFileSync(path.join(dir, '0001_init.sql'), 'create table mig_sum.t (n int);')
    await migrate(db, { schema: 'mig_sum', dir })
    t.strictSame(await db.query(`select to_regclass('mig_sum.u')::text as t`), [{ t: 'mig_sum.u' }], 'restoring the file lets it go on')
  })
})
