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

/** A client checked out of the pool, with its connection errors caught. */
interface Checkout {
  client: pg.PoolClient
  /** The connection error the client emitted while checked out, if any. */
  broken: Error | undefined
  /** client.query, with a lost connection turned into DbUnavailableError. */
  run(config: pg.QueryConfig): Promise<pg.QueryResult>
  release(err?: Error): void
}

/** SQLSTATE classes that mean the connection or the server went away, not the statement. */
const CONNECTION_SQLSTATE = /^(08|57P0)/

/**
 * True when err means the connection was lost rather than the statement
 * failing: the client emitted a connection error, or pg reports a broken
 * socket (no SQLSTATE), or the server ended the session (57P01 …, 08xxx).
 */
function connectionLost(c: Checkout, err: unknown): boolean {
  const code = (err as { code?: unknown })?.code
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return CONNECTION_SQLSTATE.test(code)
  if (c.broken) return true
  const message = (err as Error)?.message ?? ''
  return /Connection terminated|not queryable|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up/i.test(message) || ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(String(code))
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

  /**
   * Checks a client out of the pool and listens for its connection errors
   * while it is out. pg-pool listens only on idle clients: a checked-out
   * client whose backend is terminated (server restart, database dropped,
   * pg_terminate_backend) emits 'error', which without a listener ends the
   * process. Here it marks the client broken instead; release() then
   * destroys it rather than returning it to the pool.
   */
  async #connect(): Promise<Checkout> {
    let client: pg.PoolClient
    try {
      client = await this.pool.connect()
    } catch (err) {
      throw unavailable(this.where, err)
    }
    const checkout: Checkout = {
      client,
      broken: undefined,
      run: async (config) => {
        try {
          return await client.query(config)
        } catch (err) {
          throw connectionLost(checkout, err) ? unavailable(this.where, err) : err
        }
      },
      release: (err) => {
        client.removeListener('error', onError)
        client.release(err ?? checkout.broken)
      },
    }
    const onError = (err: Error) => {
      checkout.broken ??= err
    }
    client.on('error', onError)
    return checkout
  }

  async query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]> {
    this.#check()
    assertNotInTransaction(this.pool, 'query')
    const c = await this.#connect()
    try {
      const result = await c.run(statement(text, params))
      return result.rows as R[]
    } finally {
      c.release()
    }
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.scriptTransaction(fn)
  }

  async scriptTransaction<T>(fn: (tx: ScriptSql) => Promise<T>): Promise<T> {
    this.#check()
    assertNotInTransaction(this.pool, 'transaction')
    const c = await this.#connect()
    let open = true
    const check = () => {
      if (!open) throw new DbUsageError('this transaction has already ended: its tx handle cannot be used any more')
    }
    const tx: ScriptSql = {
      async query<R>(text: string, params?: readonly unknown[]): Promise<R[]> {
        check()
        const result = await c.run(statement(text, params))
        return result.rows as R[]
      },
      async exec(script: string): Promise<void> {
        check()
        // no parameters: simple query protocol, several statements allowed
        await c.run({ text: script })
      },
    }
    let broken: Error | undefined
    try {
      await c.run({ text: 'BEGIN' })
      let result: T
      try {
        result = await inTransactionScope(this.pool, () => fn(tx))
      } finally {
        open = false
      }
      await c.run({ text: 'COMMIT' })
      return result
    } catch (err) {
      if (!c.broken) {
        try {
          await c.client.query('ROLLBACK')
        } catch (rollbackErr) {
          broken = rollbackErr as Error
        }
      }
      throw err
    } finally {
      c.release(broken)
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
