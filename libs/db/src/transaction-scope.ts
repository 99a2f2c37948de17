import { AsyncLocalStorage } from 'node:async_hooks'
import { DbUsageError } from './errors.ts'

interface Frame {
  resource: object
  active: boolean
  parent: Frame | undefined
}

const scope = new AsyncLocalStorage<Frame>()

/**
 * Runs fn marked as "inside a transaction on resource" (a PGlite instance or
 * a pg pool). The mark ends when fn settles, even for work fn left running.
 */
export async function inTransactionScope<T>(resource: object, fn: () => Promise<T>): Promise<T> {
  const frame: Frame = { resource, active: true, parent: scope.getStore() }
  try {
    return await scope.run(frame, fn)
  } finally {
    frame.active = false
  }
}

function inside(resource: object): boolean {
  for (let f = scope.getStore(); f; f = f.parent) if (f.active && f.resource === resource) return true
  return false
}

/**
 * Refuses calls that would deadlock on PGlite (one connection, transactions
 * hold its lock) and, on PostgreSQL, silently run outside the transaction.
 * Same rule on both backends, so a mistake shows up in either.
 */
export function assertNotInTransaction(resource: object, what: 'transaction' | 'query'): void {
  if (!inside(resource)) return
  throw new DbUsageError(
    what === 'transaction'
      ? 'nested db.transaction() is not supported: run the inner work on the tx you were given (no savepoints)'
      : 'db.query() was called inside db.transaction() on the same database: use the tx handle passed to the callback ' +
          '(on PGlite this would deadlock, on PostgreSQL it would run outside the transaction)',
  )
}
