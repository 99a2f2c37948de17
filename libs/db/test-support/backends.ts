/**
 * Runs one body against both backends: an in-memory PGlite and a fresh
 * PostgreSQL database (created per test file, dropped at teardown; skipped
 * with a message when PostgreSQL is down unless CI=true).
 */
import tap, { type Test } from 'tap'
import { openDb, type Db } from '../src/index.ts'
import { createTestDatabaseOrSkip, type TestDatabaseOrSkip } from '../src/testing.ts'

export type BackendName = 'pglite' | 'postgres'

let postgres: Promise<TestDatabaseOrSkip> | undefined

/** This test file's PostgreSQL database (one per process), dropped when the file's tests end. */
export function postgresForFile(): Promise<TestDatabaseOrSkip> {
  if (!postgres) {
    postgres = createTestDatabaseOrSkip()
    tap.teardown(async () => {
      const p = await postgres!
      await p.database?.drop()
    })
  }
  return postgres
}

export async function eachBackend(t: Test, body: (t: Test, db: Db, backend: BackendName) => Promise<void>): Promise<void> {
  const pg = await postgresForFile()
  await t.test('pglite', async (t) => {
    const db = await openDb({ memory: true })
    t.teardown(() => db.close())
    await body(t, db, 'pglite')
  })
  await t.test('postgres', { skip: pg.skip }, async (t) => {
    const db = await openDb({ url: pg.database!.url })
    t.teardown(() => db.close())
    await body(t, db, 'postgres')
  })
}
