import type { PGlite } from '@electric-sql/pglite'
import type pg from 'pg'
import type { Db, Sql } from './types.ts'

/** A transaction handle that can also run a multi-statement script (migrations). */
export interface ScriptSql extends Sql {
  exec(script: string): Promise<void>
}

export type Backend = { kind: 'pglite'; pglite: PGlite; dataDir: string } | { kind: 'postgres'; pool: pg.Pool; url: string }

interface DbInternals {
  backend: Backend
  transaction<T>(fn: (tx: ScriptSql) => Promise<T>): Promise<T>
}

const registry = new WeakMap<Db, DbInternals>()

export function registerDb(db: Db, internals: DbInternals): void {
  registry.set(db, internals)
}

/** The driver objects behind a Db opened by openDb (for the Prisma factory and the migration runner). */
export function internalsOf(db: Db): DbInternals {
  const found = registry.get(db)
  if (!found) throw new TypeError('expected a Db returned by openDb() from @hotline-hub/db')
  return found
}
