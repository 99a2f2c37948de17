import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { DbConfigError } from './errors.ts'
import { internalsOf } from './internals.ts'
import type { Db, Sql } from './types.ts'

export interface CreatePrismaClientOptions {
  /**
   * The service's PostgreSQL schema (`intake`, `classifier`, `escalation`).
   * Given to the pg adapter as its default schema; models should still carry
   * `@@schema(...)`, which is what PGlite's adapter relies on.
   */
  schema: string
  /** Other PrismaClient options (log, transactionOptions, omit, ...). */
  clientOptions?: Record<string, unknown>
}

/** What createPrismaClient needs of a generated PrismaClient class. */
export type PrismaClientClass<C> = new (options: { adapter: never }) => C

/**
 * Builds a generated PrismaClient on the same connection as `db`:
 * - PGlite: pglite-prisma-adapter on the very same PGlite instance, so Prisma
 *   and Db share one database and one transaction lock (their transactions
 *   run one after another, never interleaved).
 * - PostgreSQL: @prisma/adapter-pg on the same pg.Pool (it does not end the
 *   pool: `db.close()` does).
 *
 * Call `prisma.$disconnect()` before `db.close()`.
 *
 * On PGlite every statement waits for the instance's transaction lock, so
 * inside `prisma.$transaction(async (tx) => ...)` use `tx` (and
 * `sqlFromPrisma(tx)` for raw SQL), never `db` or the outer client: that
 * would wait for itself. For the same reason the default `maxWait` for
 * starting a Prisma transaction on PGlite is raised to 10 s.
 */
export function createPrismaClient<C>(ClientCtor: PrismaClientClass<C>, db: Db, options: CreatePrismaClientOptions): C {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new DbConfigError(`createPrismaClient: schema ${JSON.stringify(options.schema)} must be a lower-case SQL identifier`)
  }
  const { backend } = internalsOf(db)
  const clientOptions = options.clientOptions ?? {}
  if (backend.kind === 'pglite') {
    const adapter = new PrismaPGlite(backend.pglite)
    const transactionOptions = { maxWait: 10_000, ...(clientOptions.transactionOptions as object | undefined) }
    return new ClientCtor({ ...clientOptions, transactionOptions, adapter } as unknown as { adapter: never })
  }
  const adapter = new PrismaPg(backend.pool, { schema: options.schema })
  return new ClientCtor({ ...clientOptions, adapter } as unknown as { adapter: never })
}

/** The part of a Prisma client (or interactive transaction client) sqlFromPrisma uses. */
export interface PrismaRawQueryable {
  $queryRawUnsafe<T = unknown>(query: string, ...values: any[]): PromiseLike<T>
}

function isDecimal(value: object): boolean {
  const v = value as { toFixed?: unknown; d?: unknown; e?: unknown; s?: unknown }
  return typeof v.toFixed === 'function' && Array.isArray(v.d) && typeof v.e === 'number' && typeof v.s === 'number'
}

function normalize(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date || Buffer.isBuffer(value)) return value
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  if (isDecimal(value)) return String(value)
  if (Array.isArray(value)) return value.map(normalize)
  return value
}

/**
 * Wraps a Prisma client or interactive transaction client as `Sql`, so
 * infrastructure code (the outbox insert, processed-event bookkeeping) can
 * join a Prisma transaction:
 *
 *     await prisma.$transaction(async (tx) => {
 *       await tx.case.create({ ... })
 *       await writeOutbox(sqlFromPrisma(tx), event)
 *     })
 *
 * Rows follow Db's conventions where Prisma's raw results differ: bigint and
 * numeric come back as strings (numeric through Prisma's Decimal, so without
 * trailing zeros: `12.3`, where Db gives `12.30`), bytea as Buffer. `date` columns come back as
 * Date (midnight UTC), not `YYYY-MM-DD`: select `col::text` if that matters.
 * Parameters are typed by Prisma from the JS values; cast in SQL
 * (`$1::uuid`, `$2::jsonb`) and pass JSON as `JSON.stringify(value)`.
 */
export function sqlFromPrisma(tx: PrismaRawQueryable): Sql {
  return {
    async query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]> {
      const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...(params ?? []))
      return rows.map((row) => {
        const out: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(row)) out[k] = normalize(v)
        return out as R
      })
    },
  }
}
