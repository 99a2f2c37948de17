/**
 * The libs/db test fixture's generated Prisma client (test-support/fixture),
 * generated on first use through bin/prisma-generate.mjs — the same path the
 * services use — under a folder lock, since tap runs test files in parallel.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { PrismaClientClass } from '../src/index.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
export const fixtureSchema = path.join(here, 'fixture', 'schema.prisma')
export const fixtureMigrations = path.join(here, 'fixture', 'migrations')
const generated = path.join(here, 'generated')
const generateScript = path.join(here, '..', 'bin', 'prisma-generate.mjs')

export interface TicketRow {
  id: bigint
  title: string
  payload: unknown
  amount: { toString(): string }
  createdAt: Date
}

interface TicketDelegate {
  create(args: { data: { title: string; payload: unknown; amount: string } }): Promise<TicketRow>
  findMany(args?: { orderBy?: { id: 'asc' | 'desc' } }): Promise<TicketRow[]>
  count(): Promise<number>
}

export interface FixtureTx {
  ticket: TicketDelegate
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>
}

export interface FixtureClient extends FixtureTx {
  $transaction<T>(fn: (tx: FixtureTx) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T>
  $disconnect(): Promise<void>
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

function generateUnderLock(): void {
  fs.mkdirSync(generated, { recursive: true })
  const lock = path.join(generated, '.lock')
  const deadline = Date.now() + 120_000
  for (;;) {
    try {
      fs.mkdirSync(lock)
      break
    } catch {
      // a stale lock (crashed run) older than two minutes is removed
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 120_000) fs.rmSync(lock, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`)
      sleep(100)
    }
  }
  try {
    execFileSync(process.execPath, [generateScript, fixtureSchema, '--if-changed', '--quiet'], { stdio: 'inherit' })
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
  }
}

let loaded: Promise<PrismaClientClass<FixtureClient>> | undefined

/** The generated PrismaClient class of the fixture schema. */
export function fixturePrismaClient(): Promise<PrismaClientClass<FixtureClient>> {
  loaded ??= (async () => {
    generateUnderLock()
    const mod = (await import(pathToFileURL(path.join(generated, 'prisma', 'client.ts')).href)) as { PrismaClient: PrismaClientClass<FixtureClient> }
    return mod.PrismaClient
  })()
  return loaded
}
