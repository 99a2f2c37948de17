import fs from 'node:fs'
import path from 'node:path'
import { DbUnavailableError } from './errors.ts'

/** File inside a PGlite data folder naming the process that has it open. */
export const LOCK_FILE = 'hotline-hub.lock'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the data folder for this process. PGlite itself happily opens one
 * folder from two processes and corrupts it; this refuses the second one.
 * A lock left by a dead process (or by this very pid, e.g. after a crash in
 * a container that reuses pids) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE)
  const mine = JSON.stringify({ pid: process.pid, at: new Date().toISOString() })
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' })
      return () => {
        try {
          const current = fs.readFileSync(file, 'utf8')
          if (current === mine) fs.unlinkSync(file)
        } catch {
          // already gone
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DbUnavailableError(`cannot lock PGlite data folder ${dataDir}: ${(err as Error).message}`, { cause: err })
      }
    }
    let holder: number | undefined
    try {
      holder = Number((JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown }).pid)
    } catch {
      holder = undefined
    }
    if (holder !== undefined && Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
      throw new DbUnavailableError(
        `PGlite data folder ${dataDir} is in use by process ${holder} (${file}). ` +
          `Only one process may open an embedded database; use PostgreSQL (DATABASE_URL) to run services as separate processes. ` +
          `If that process is gone, delete the lock file.`,
      )
    }
    fs.rmSync(file, { force: true })
  }
  throw new DbUnavailableError(`cannot lock PGlite data folder ${dataDir}: lock file keeps reappearing (${file})`)
}
