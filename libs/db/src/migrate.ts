import { MigrationChecksumError, MigrationFailedError, MigrationFileError } from './errors.ts'
import { internalsOf, type ScriptSql } from './internals.ts'
import { readMigrationFiles, type MigrationFile } from './migration-files.ts'
import type { Db } from './types.ts'

export interface MigrateOptions {
  /** PostgreSQL schema the migrations belong to (`intake`, `bus`, ...). Created if missing. */
  schema: string
  /** Folder of `NNNN_name.sql` files. */
  dir: string
  /**
   * Told about each file, in order: `applied` by this call, or `already`
   * applied (by an earlier run or a concurrent migrator). For logs and tests.
   */
  onFile?: (name: string, outcome: 'applied' | 'already') => void
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/

interface AppliedRow {
  name: string
  checksum: string
}

/** Same key in every process: pg_advisory_xact_lock(hashtextextended(...)). */
function lockKey(schema: string): string {
  return `hotline-hub.migrate:${schema}`
}

async function lockAndPrepare(tx: ScriptSql, schema: string): Promise<Map<string, string>> {
  // Serializes migrators of this schema across processes and replicas until
  // this transaction ends. Taken before CREATE SCHEMA IF NOT EXISTS, which
  // itself races when two sessions run it at once.
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey(schema)])
  await tx.exec(
    `CREATE SCHEMA IF NOT EXISTS "${schema}";
     CREATE TABLE IF NOT EXISTS "${schema}"."_migrations" (
       name       text PRIMARY KEY,
       checksum   text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     );`,
  )
  const rows = await tx.query<AppliedRow>(`select name, checksum from "${schema}"."_migrations"`)
  return new Map(rows.map((r) => [r.name, r.checksum]))
}

function verifyChecksums(schema: string, files: MigrationFile[], applied: Map<string, string>): void {
  for (const file of files) {
    const recorded = applied.get(file.name)
    if (recorded !== undefined && recorded !== file.checksum) {
      throw new MigrationChecksumError(schema, file.name, recorded, file.checksum)
    }
  }
}

/**
 * Applies the SQL migrations of one schema, in file order, each file in its
 * own transaction together with its row in `<schema>._migrations` (name,
 * sha256). Runs under a transaction-level advisory lock keyed on the schema,
 * so concurrent migrators (replicas starting together) apply each file once.
 *
 * - Idempotent: applied files are skipped.
 * - Refuses to start (MigrationChecksumError naming the file) when an applied
 *   file's content changed: fix forward with a new file instead.
 * - A failing file throws MigrationFailedError; its transaction rolls back and
 *   the files before it stay applied.
 * - Files must not contain BEGIN/COMMIT, nor statements that cannot run in a
 *   transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE ... ADD VALUE before PG 12).
 * - Applied rows for files missing from `dir` (a newer release already ran)
 *   are tolerated, so an older replica can still start.
 */
export async function migrate(db: Db, options: MigrateOptions): Promise<void> {
  const { schema, dir } = options
  if (!IDENTIFIER.test(schema)) {
    throw new MigrationFileError(`schema name ${JSON.stringify(schema)} must be a lower-case SQL identifier`)
  }
  const files = readMigrationFiles(dir)
  const { transaction } = internalsOf(db)

  const pending = await transaction(async (tx) => {
    const applied = await lockAndPrepare(tx, schema)
    verifyChecksums(schema, files, applied)
    return files.filter((f) => !applied.has(f.name))
  })

  const report = options.onFile ?? (() => {})
  for (const f of files) if (!pending.includes(f)) report(f.name, 'already')
  for (const file of pending) {
    const did = await transaction(async (tx) => {
      const applied = await lockAndPrepare(tx, schema)
      verifyChecksums(schema, files, applied)
      if (applied.has(file.name)) return false
      try {
        await tx.exec(file.sql)
      } catch (err) {
        throw new MigrationFailedError(schema, file.name, err)
      }
      await tx.query(`insert into "${schema}"."_migrations" (name, checksum) values ($1, $2)`, [file.name, file.checksum])
      return true
    })
    report(file.name, did ? 'applied' : 'already')
  }
}
