/**
 * The database seen by the platform: raw SQL over PGlite (embedded) or a
 * pg.Pool (PostgreSQL), with transactions. Services use Prisma for their
 * domain models (see prisma.ts) and this interface for infrastructure such
 * as the outbox, the log and processed-event bookkeeping.
 */
export type DbKind = 'pglite' | 'postgres'

/** Something that runs SQL: the database itself, or an open transaction. */
export interface Sql {
  /** Runs one statement with $1..$n parameters and returns its rows. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>
}

export interface Db extends Sql {
  readonly kind: DbKind
  /**
   * Runs fn in one transaction (READ COMMITTED). Commits when fn resolves,
   * rolls back when it throws. Transactions on PGlite are serialized.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>
  /** Throws when the database cannot answer `select 1`. */
  ping(): Promise<void>
  close(): Promise<void>
}
