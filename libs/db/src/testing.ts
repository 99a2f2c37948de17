/**
 * Test helpers for packages whose integration tests need a real PostgreSQL
 * (`import { createTestDatabaseOrSkip } from '@hotline-hub/db/testing'`).
 *
 *     const pg = await createTestDatabaseOrSkip()
 *     t.teardown(() => pg.database?.drop())
 *     t.test('on PostgreSQL', { skip: pg.skip }, async (t) => {
 *       const db = await openDb({ url: pg.database!.url })
 *       ...
 *     })
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { redactUrl } from './database-url.ts'
import { DbUnavailableError } from './errors.ts'

/** Where test databases are created: TEST_POSTGRES_URL, else the machine's local server. */
export function testAdminUrl(): string {
  return process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
}

export interface TestDatabase {
  /** URL of the new, empty database. */
  url: string
  /** Its name, `hh_t_<random>`. */
  name: string
  /** Drops it (closing any connections still open on it). Safe to call twice. */
  drop(): Promise<void>
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
  } catch (err) {
    await client.end().catch(() => {})
    throw new DbUnavailableError(`PostgreSQL for tests is unreachable at ${redactUrl(adminUrl)}: ${(err as Error).message || String(err)}`, { cause: err })
  }
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Creates a uniquely named empty database (`CREATE DATABASE hh_t_<random>`)
 * on the test server. Throws DbUnavailableError when the server is unreachable.
 */
export async function createTestDatabase(options: { adminUrl?: string } = {}): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? testAdminUrl()
  const name = `hh_t_${randomBytes(6).toString('hex')}`
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`))
  let dropped = false
  return {
    name,
    url: withDatabase(adminUrl, name),
    async drop() {
      if (dropped) return
      dropped = true
      await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    },
  }
}

export type TestDatabaseOrSkip = { database: TestDatabase; skip: false } | { database: undefined; skip: string }

/**
 * The project's rule for suites that need PostgreSQL: when the server is
 * unreachable, throw if CI=true (the suite fails), otherwise return a skip
 * message (pass it as tap's `{ skip }`).
 */
export async function createTestDatabaseOrSkip(options: { adminUrl?: string } = {}): Promise<TestDatabaseOrSkip> {
  try {
    return { database: await createTestDatabase(options), skip: false }
  } catch (err) {
    if (!(err instanceof DbUnavailableError) || process.env.CI === 'true') throw err
    return {
      database: undefined,
      skip: `${err.message} — skipping PostgreSQL tests (they fail instead when CI=true). Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    }
  }
}
