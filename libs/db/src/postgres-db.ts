import pg from 'pg'
import { parseDatabaseUrl } from './database-url.ts'
import { DbUnavailableError, DbUsageError } from './errors.ts'
import { registerDb, type ScriptSql } from './internals.ts'
import { assertNotInTransaction, inTransactionScope } from './transaction-scope.ts'
import { prepareParams, TYPE_PARSERS } from './type-parsers.ts'
import type { Db, Sql } from './types.ts'

export interface PostgresOptions {
  /** postgres://user:password@host:port/database (usually DATABASE_URL). */
  url: string
  /** Connections in the pool. Default 10. */
  poolSize?: number
  /** How long to wait for a connection before failing. Default 5000 ms. */
  connectionTimeoutMillis?: number
  /** Shown in pg_stat_activity. Default `hotline-hub`. */
  applicationName?: string
  /** Run `select 1` before returning, so an unreachable server fails openDb. Default true. */
  verify?: boolean
  /**
   * Called when an idle pooled connection breaks (server restart, network).
   * The pool drops it and the next query opens a new one. Default: ignore.
   */
  onPoolError?: (err: Error) => void
}

const types = {
  getTypeParser(oid: number, format?: string) {
    if (format !== 'binary') {
      const custom = TYPE_PARSERS[oid]
      if (custom) return custom
    }
    return (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format)
  },
}

/**
 * Always the extended protocol, like PGlite's query(): one statement per
 * call on both backends (pg would otherwise run `a; b` without parameters).
 */
function statement(text: string, params: readonly unknown[] | undefined): pg.QueryConfig {
  return { text, values: prepareParams(params), queryMode: 'extended' } as pg.QueryConfig
}

function unavailable(where: string, err: unknown): DbUnavailableError {
  const why = err instanceof Error ? err.message || (err as NodeJS.ErrnoException).code || err.name : String(err)
  return new DbUnavailableError(`cannot reach PostgreSQL at ${where} (DATABASE_URL): ${why}`, { cause: err })
}

class PostgresDb implements Db {
  readonly kind = 'postgres' as const
  #closed = false

  constructor(
    readonly pool: pg.Pool,
    private readonly where: string,
  ) {}

  #check(): void {
    if (this.#closed) throw new DbUsageError('this Db is closed')
  }

  async #connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect()
    } catch (err) {
      throw unavailable(this.where, err)
    }
  }

  async query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]> {
    this.#check()
    assertNotInTransaction(this.pool, 'query')
    const client = await this.#connect()
    try {
      const result = await client.query(statement(text, params))
      return result.rows as R[]
    } finally {
      client.release()
    }
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.scriptTransaction(fn)
  }

  async scriptTransaction<T>(fn: (tx: ScriptSql) => Promise<T>): Promise<T> {
    this.#check()
    assertNotInTransaction(this.pool, 'transaction')
    const client = await this.#connect()
    let open = true
    const check = () => {
      if (!open) throw new DbUsageError('this transaction has already ended: its tx handle cannot be used any more')
    }
    const tx: ScriptSql = {
      async query<R>(text: string, params?: readonly unknown[]): Promise<R[]> {
        check()
        const result = await client.query(statement(text, params))
        return result.rows as R[]
      },
      async exec(script: string): Promise<void> {
        check()
        // no parameters: simple query protocol, several statements allowed
        await client.query(script)
      },
    }
    let broken: Error | undefined
    try {
      await client.query('BEGIN')
      let result: T
      try {
        result = await inTransactionScope(this.pool, () => fn(tx))
      } finally {
        open = false
      }
      await client.query('COMMIT')
      return result
    } catch (err) {
      try {
        await client.query('ROLLBACK')
      } catch (rollbackErr) {
        broken = rollbackErr as Error
      }
      throw err
    } finally {
      client.release(broken)
    }
  }

  async ping(): Promise<void> {
    await this.query('select 1')
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.pool.end()
  }
}

/** Opens a pg.Pool on a PostgreSQL URL (DATABASE_URL). */
export async function openPostgresDb(options: PostgresOptions): Promise<Db> {
  const parsed = parseDatabaseUrl(options.url)
  const hasOptionsParam = new URL(parsed.url).searchParams.has('options')
  const pool = new pg.Pool({
    connectionString: parsed.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
    application_name: options.applicationName ?? 'hotline-hub',
    // Every session in UTC, like the PGlite backend, so now()::date,
    // date_trunc and timestamp casts agree between the two.
    ...(hasOptionsParam ? {} : { options: '-c TimeZone=UTC' }),
    types,
  })
  pool.on('error', (err) => options.onPoolError?.(err))
  const where = `${parsed.host}:${parsed.port}/${parsed.database}`
  const db = new PostgresDb(pool, where)
  registerDb(db, {
    backend: { kind: 'postgres', pool, url: parsed.url },
    transaction: (fn) => db.scriptTransaction(fn),
  })
  if (options.verify ?? true) {
    try {
      await db.ping()
    } catch (err) {
      await pool.end().catch(() => {})
      throw err instanceof DbUnavailableError ? err : unavailable(where, err)
    }
  }
  return db
}
