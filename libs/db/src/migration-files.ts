import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { MigrationFileError } from './errors.ts'

export interface MigrationFile {
  /** File name, e.g. `0001_init.sql`; the key recorded in `<schema>._migrations`. */
  name: string
  version: number
  sql: string
  /** sha256 of the file's bytes, hex. */
  checksum: string
}

export const MIGRATION_FILE_NAME = /^(\d{4})_([a-z0-9][a-z0-9_]*)\.sql$/

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * Reads `NNNN_name.sql` files of a folder in version order. Other `.sql`
 * names and duplicate numbers are errors (they are almost always mistakes);
 * files not ending in `.sql` are ignored.
 */
export function readMigrationFiles(dir: string): MigrationFile[] {
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch (err) {
    throw new MigrationFileError(`cannot read migrations folder ${dir}: ${(err as Error).message}`, { cause: err })
  }
  const files: MigrationFile[] = []
  const byVersion = new Map<number, string>()
  for (const name of names.filter((n) => n.endsWith('.sql')).sort()) {
    const m = MIGRATION_FILE_NAME.exec(name)
    if (!m) {
      throw new MigrationFileError(`migration file name ${name} in ${dir} must look like 0001_snake_case_name.sql`)
    }
    const version = Number(m[1])
    const other = byVersion.get(version)
    if (other) throw new MigrationFileError(`migrations ${other} and ${name} in ${dir} share number ${m[1]}`)
    byVersion.set(version, name)
    const bytes = fs.readFileSync(path.join(dir, name))
    files.push({ name, version, sql: bytes.toString('utf8'), checksum: sha256(bytes) })
  }
  return files
}
