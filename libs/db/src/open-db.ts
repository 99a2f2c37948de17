import { DbConfigError } from './errors.ts'
import { openMemoryPgliteDb, openPgliteDb } from './pglite-db.ts'
import { openPostgresDb, type PostgresOptions } from './postgres-db.ts'
import type { Db } from './types.ts'

/** PGlite stored in a folder (created if missing), shared per folder within the process. */
export interface PgliteOptions {
  dataDir: string
}

/** A private, throwaway in-memory PGlite (tests, schema checks). */
export interface MemoryOptions {
  memory: true
}

export type OpenDbOptions = PostgresOptions | PgliteOptions | MemoryOptions

/**
 * Opens the platform database.
 * - `{ url }`: PostgreSQL through a pg.Pool (`poolSize`, default 10). A
 *   malformed URL throws DbConfigError naming DATABASE_URL; a server that
 *   cannot be reached throws DbUnavailableError with the cause.
 * - `{ dataDir }`: embedded PGlite in that folder. Handles on the same
 *   absolute folder share one PGlite instance; it closes with the last handle.
 * - `{ memory: true }`: a fresh in-memory PGlite of its own.
 */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  if (options === null || typeof options !== 'object') throw new DbConfigError('openDb needs { url } or { dataDir }')
  if ('url' in options) return openPostgresDb(options)
  if ('dataDir' in options) {
    if (typeof options.dataDir !== 'string' || options.dataDir.trim() === '') {
      throw new DbConfigError('openDb: dataDir must be a non-empty folder path for the embedded (PGlite) database')
    }
    return openPgliteDb(options.dataDir)
  }
  if ('memory' in options && options.memory === true) return openMemoryPgliteDb()
  throw new DbConfigError('openDb needs { url } (PostgreSQL, DATABASE_URL) or { dataDir } (embedded PGlite)')
}
