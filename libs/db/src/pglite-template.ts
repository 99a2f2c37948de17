import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { LOCK_FILE } from './data-dir-lock.ts'

/**
 * New PGlite databases (in memory, or in a new empty folder) start from a
 * snapshot of a freshly initialised cluster instead of running initdb each
 * time (≈0.4 s in memory, ≈1 s in a folder, instead of 2–5 s).
 * The snapshot is made once per PGlite build, kept in the process and in the
 * OS temp folder for other processes (test files). Any problem with it falls
 * back to a normal cold start.
 */

let templateFile: string | undefined
function templatePath(): string {
  if (!templateFile) {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
    const stat = fs.statSync(entry)
    const key = createHash('sha256').update(`${entry}\n${stat.size}\n${stat.mtimeMs}`).digest('hex').slice(0, 16)
    templateFile = path.join(os.tmpdir(), `hotline-hub-pglite-template-${key}.tar`)
  }
  return templateFile
}

let template: Promise<Blob | undefined> | undefined

function readTemplate(): Promise<Blob | undefined> {
  template ??= (async () => {
    try {
      const bytes = await fs.promises.readFile(templatePath())
      return new Blob([bytes])
    } catch {
      return undefined
    }
  })()
  return template
}

async function saveTemplate(pglite: PGlite): Promise<void> {
  const blob = await pglite.dumpDataDir('none')
  template = Promise.resolve(blob)
  const file = templatePath()
  const tmp = `${file}.${process.pid}.${Date.now()}`
  try {
    await fs.promises.writeFile(tmp, Buffer.from(await blob.arrayBuffer()))
    await fs.promises.rename(tmp, file)
  } catch {
    await fs.promises.rm(tmp, { force: true })
  }
}

function isFreshFolder(dataDir: string): boolean {
  try {
    return fs.readdirSync(dataDir).every((name) => name === LOCK_FILE)
  } catch {
    return false
  }
}

function clearFolder(dataDir: string): void {
  for (const name of fs.readdirSync(dataDir)) {
    if (name !== LOCK_FILE) fs.rmSync(path.join(dataDir, name), { recursive: true, force: true })
  }
}

/**
 * Starts PGlite in memory (dataDir undefined) or in a folder. A new, empty
 * folder and every in-memory database start from the snapshot when there is
 * one; an existing cluster is simply opened.
 */
export async function createPglite(dataDir: string | undefined): Promise<PGlite> {
  if (dataDir !== undefined && !isFreshFolder(dataDir)) {
    const pglite = new PGlite(dataDir)
    await pglite.waitReady
    return pglite
  }
  const snapshot = await readTemplate()
  if (snapshot) {
    try {
      return await PGlite.create({ dataDir, loadDataDir: snapshot })
    } catch {
      template = Promise.resolve(undefined)
      await fs.promises.rm(templatePath(), { force: true }).catch(() => {})
      if (dataDir !== undefined) clearFolder(dataDir)
    }
  }
  const pglite = new PGlite(dataDir)
  await pglite.waitReady
  // snapshots are taken from in-memory clusters only (a folder's dump is named after the folder)
  if (dataDir === undefined) await saveTemplate(pglite).catch(() => {})
  return pglite
}
