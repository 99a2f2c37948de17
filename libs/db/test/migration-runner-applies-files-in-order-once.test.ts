import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t, { type Test } from 'tap'
import { eachBackend } from '../test-support/backends.ts'
import { MigrationFailedError, MigrationFileError, migrate, type Db } from '../src/index.ts'

function migrationsDir(t: Test, files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-mig-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql)
  return dir
}

async function applied(db: Db, schema: string) {
  return db.query<{ name: string; checksum: string }>(`select name, checksum from "${schema}"._migrations order by name`)
}

t.test('migrate', async (t) => {
  await eachBackend(t, async (t, db) => {
    // file order matters: 0002 alters what 0001 created, 0010 sorts after 0002
    const dir = migrationsDir(t, {
      '0010_third.sql': `insert into mig_a.log values ('0010');`,
      '0001_first.sql': `create table mig_a.log (step text not null);\ninsert into mig_a.log values ('0001');`,
      '0002_second.sql': `alter table mig_a.log add column at timestamptz default now();\n-- two statements in one file\ninsert into mig_a.log (step) values ('0002');`,
      'README.md': 'not a migration',
    })
    const seen: string[] = []
    await migrate(db, { schema: 'mig_a', dir, onFile: (name, outcome) => seen.push(`${name}:${outcome}`) })
    t.strictSame(seen, ['0001_first.sql:applied', '0002_second.sql:applied', '0010_third.sql:applied'], 'applied in number order')
    t.strictSame((await db.query('select step from mig_a.log order by step')).map((r) => r.step), ['0001', '0002', '0010'])
    const rows = await applied(db, 'mig_a')
    t.strictSame(rows.map((r) => r.name), ['0001_first.sql', '0002_second.sql', '0010_third.sql'], 'recorded in <schema>._migrations')
    t.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum)), 'with sha256 checksums')

    seen.length = 0
    await migrate(db, { schema: 'mig_a', dir, onFile: (name, outcome) => seen.push(`${name}:${outcome}`) })
    t.strictSame(seen, ['0001_first.sql:already', '0002_second.sql:already', '0010_third.sql:already'], 'second run applies nothing')
    t.equal((await db.query('select * from mig_a.log')).length, 3, 'idempotent')

    // a new file is picked up later
    fs.writeFileSync(path.join(dir, '0011_fourth.sql'), `insert into mig_a.log (step) values ('0011');`)
    await migrate(db, { schema: 'mig_a', dir })
    t.equal((await db.query('select * from mig_a.log')).length, 4)
  })
})

t.test('a failing file rolls back alone and names the file', async (t) => {
  await eachBackend(t, async (t, db) => {
    const dir = migrationsDir(t, {
      '0001_ok.sql': 'create table mig_b.ok (n int);',
      '0002_broken.sql': 'create table mig_b.half (n int);\nselect * from mig_b.does_not_exist;',
    })
    const err = await migrate(db, { schema: 'mig_b', dir }).catch((e: unknown) => e)
    t.type(err, MigrationFailedError)
    t.match((err as Error).message, /0002_broken\.sql.*mig_b.*does_not_exist/s)
    t.strictSame((await applied(db, 'mig_b')).map((r) => r.name), ['0001_ok.sql'], 'the file before stays applied')
    t.strictSame(await db.query(`select to_regclass('mig_b.half') as t`), [{ t: null }], 'the failing file left nothing behind')
  })
})

t.test('malformed migration folders are refused before touching the database', async (t) => {
  await eachBackend(t, async (t, db) => {
    await t.rejects(migrate(db, { schema: 'mig_c', dir: migrationsDir(t, { 'init.sql': 'select 1;' }) }), MigrationFileError)
    await t.rejects(
      migrate(db, { schema: 'mig_c', dir: migrationsDir(t, { '0001_a.sql': 'select 1;', '0001_b.sql': 'select 1;' }) }),
      { name: 'MigrationFileError', message: /share number 0001/ },
    )
    await t.rejects(migrate(db, { schema: 'Bad-Schema', dir: migrationsDir(t, {}) }), MigrationFileError)
    await t.rejects(migrate(db, { schema: 'mig_c', dir: '/nonexistent/migrations' }), MigrationFileError)
    t.strictSame(await db.query(`select count(*)::int as c from pg_namespace where nspname = 'mig_c'`), [{ c: 0 }])
  })
})
