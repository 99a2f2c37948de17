import fs from 'node:fs'
import path from 'node:path'
import type { PGlite, Transaction } from '@electric-sql/pglite'
import { lockDataDir } from './data-dir-lock.ts'
import { createPglite } from './pglite-template.ts'
import { DbUnavailableError, DbUsageError } from './errors.ts'
import { registerDb, type ScriptSql } from './internals.ts'
import { assertNotInTransaction, inTransactionScope } from './transaction-scope.ts'
import { prepareParams, TYPE_PARSERS } from './type-parsers.ts'
import type { Db, Sql } from './types.ts'

const QUERY_OPTIONS = { parsers: TYPE_PARSERS }

interface Instance {
  key: string
  pglite: Promise<PGlite>
  refs: number
  /** Releases the data-folder lock and closes PGlite; set once the last handle closes. */
  shutdown?: () => Promise<void>
}

/** Open PGlite instances by absolute data folder: services in one process share one. */
const instances = new Map<string, Instance>()
/** Instances still closing, so a reopen waits instead of opening the folder twice. */
const closing = new Map<string, Promise<void>>()

async function startPglite(dataDir: string | undefined): Promise<{ pglite: PGlite; release: () => void }> {
  let release = () => {}
  let pglite: PGlite | undefined
  try {
    if (dataDir !== undefined) {
      fs.mkdirSync(dataDir, { recursive: true })
      release = lockDataDir(dataDir)
    }
    pglite = await createPglite(dataDir)
    // Same session time zone as the PostgreSQL backend (see postgres-db.ts).
    await pglite.exec(`SET TIME ZONE 'UTC'`)
    return { pglite, release }
  } catch (err) {
    await pglite?.close().catch(() => {})
    release()
    if (err instanceof DbUnavailableError) throw err
    const where = dataDir === undefined ? 'in memory' : `in ${dataDir}`
    throw new DbUnavailableError(`cannot open PGlite ${where}: ${(err as Error)?.message ?? String(err)}`, { cause: err })
  }
}

function wrapTransaction(tx: Transaction): { sql: ScriptSql; end: () => void } {
  let open = true
  const check = () => {
    if (!open) throw new DbUsageError('this transaction has already ended: its tx handle cannot be used any more')
  }
  const sql: ScriptSql = {
    async query<R>(text: string, params?: readonly unknown[]): Promise<R[]> {
      check()
      const result = await tx.query<R>(text, prepareParams(params), QUERY_OPTIONS)
      return result.rows
    },
    async exec(script: string): Promise<void> {
      check()
      await tx.exec(script, QUERY_OPTIONS)
    },
  }
  return { sql, end: () => (open = false) }
}

class PgliteDb implements Db {
  readonly kind = 'pglite' as const
  #closed = false

  constructor(
    readonly pglite: PGlite,
    private readonly onClose: () => Promise<void>,
  ) {}

  #check(): void {
    if (this.#closed) throw new DbUsageError('this Db is closed')
  }

  async query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]> {
    this.#check()
    assertNotInTransaction(this.pglite, 'query')
    const result = await this.pglite.query<R>(text, prepareParams(params), QUERY_OPTIONS)
    return result.rows
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.scriptTransaction(fn)
  }

  async scriptTransaction<T>(fn: (tx: ScriptSql) => Promise<T>): Promise<T> {
    this.#check()
    assertNotInTransaction(this.pglite, 'transaction')
    // PGlite's transaction() holds the instance's transaction lock: other
    // transactions and plain queries (this Db's, other handles', Prisma's)
    // wait until it commits or rolls back.
    return this.pglite.transaction(async (tx) => {
      const handle = wrapTransaction(tx)
      try {
        return await inTransactionScope(this.pglite, () => fn(handle.sql))
      } finally {
        handle.end()
      }
    })
  }

  async ping(): Promise<void> {
    await this.query('select 1')
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.onClose()
  }
}

function makeDb(pglite: PGlite, dataDir: string, onClose: () => Promise<void>): Db {
  const db = new PgliteDb(pglite, onClose)
  registerDb(db, {
    backend: { kind: 'pglite', pglite, dataDir },
    transaction: (fn) => db.scriptTransaction(fn),
  })
  return db
}

/**
 * Opens (or joins) the PGlite database stored in dataDir. One instance per
 * absolute folder per process; each returned Db must be closed, and the
 * instance closes with the last one.
 */
export async function openPgliteDb(dataDir: string): Promise<Db> {
  const key = path.resolve(dataDir)
  for (;;) {
    const pending = closing.get(key)
    if (!pending) break
    await pending.catch(() => {})
  }
  let instance = instances.get(key)
  if (!instance) {
    const started = startPglite(key)
    const created: Instance = {
      key,
      refs: 0,
      pglite: started.then((s) => {
        created.shutdown = async () => {
          try {
            await s.pglite.close()
          } finally {
            s.release()
          }
        }
        return s.pglite
      }),
    }
    instances.set(key, created)
    instance = created
  }
  const inst = instance
  inst.refs++
  let pglite: PGlite
  try {
    pglite = await inst.pglite
  } catch (err) {
    inst.refs--
    if (instances.get(key) === inst) instances.delete(key)
    throw err
  }
  return makeDb(pglite, key, async () => {
    inst.refs--
    if (inst.refs > 0) return
    if (instances.get(key) === inst) instances.delete(key)
    const done = (inst.shutdown ?? (async () => {}))()
    closing.set(key, done)
    try {
      await done
    } finally {
      if (closing.get(key) === done) closing.delete(key)
    }
  })
}

/** A private in-memory PGlite (not shared, gone on close): tests and throwaway checks. */
export async function openMemoryPgliteDb(): Promise<Db> {
  const { pglite } = await startPglite(undefined)
  return makeDb(pglite, 'memory://', () => pglite.close())
}

/** Number of PGlite instances currently open through openDb (for tests and diagnostics). */
export function openPgliteInstanceCount(): number {
  return instances.size
}
