import t from 'tap'
import { eachBackend } from '../test-support/backends.ts'
import { DbUsageError, type Sql } from '../src/index.ts'

t.test('transactions', async (t) => {
  await eachBackend(t, async (t, db, backend) => {
    await db.query('create table tx_probe (n int primary key)')

    const value = await db.transaction(async (tx) => {
      await tx.query('insert into tx_probe values (1)')
      return 'done'
    })
    t.equal(value, 'done', 'transaction returns what fn returns')

    const boom = new Error('boom')
    await t.rejects(
      db.transaction(async (tx) => {
        await tx.query('insert into tx_probe values (2)')
        throw boom
      }),
      boom,
      'the error of fn is rethrown as is',
    )
    t.strictSame(await db.query('select n from tx_probe order by n'), [{ n: 1 }], `${backend}: committed row kept, rolled-back row gone`)

    await t.rejects(
      db.transaction(async (tx) => {
        await tx.query('insert into tx_probe values (3)')
        await tx.query('insert into tx_probe values (1)') // duplicate key
      }),
      { code: '23505' },
      'a failing statement aborts the transaction with its SQLSTATE',
    )
    t.strictSame(await db.query('select n from tx_probe order by n'), [{ n: 1 }], 'nothing of the failed transaction remains')

    await t.rejects(
      db.transaction(async () => db.transaction(async () => 1)),
      DbUsageError,
      'nested transaction is refused (not a deadlock)',
    )
    await t.rejects(
      db.transaction(async () => db.query('select 1')),
      DbUsageError,
      'db.query inside db.transaction is refused: use tx',
    )

    let leaked: Sql | undefined
    await db.transaction(async (tx) => {
      leaked = tx
    })
    await t.rejects(leaked!.query('select 1'), DbUsageError, 'a tx handle cannot be used after its transaction ended')

    // work started inside a transaction but running after it is not refused
    let later: Promise<unknown> | undefined
    await db.transaction(async () => {
      later = new Promise((resolve) => setTimeout(resolve, 20)).then(() => db.query('select 2 as x'))
    })
    t.strictSame(await later, [{ x: 2 }], 'the transaction mark ends with the transaction')

    // concurrent transactions each see their own work and all commit
    await Promise.all(
      [10, 11, 12, 13].map((n) =>
        db.transaction(async (tx) => {
          await tx.query('insert into tx_probe values ($1)', [n])
          const [row] = await tx.query<{ c: number }>('select count(*)::int as c from tx_probe where n = $1', [n])
          t.equal(row!.c, 1)
        }),
      ),
    )
    t.strictSame(await db.query<{ c: number }>('select count(*)::int as c from tx_probe'), [{ c: 5 }], 'concurrent transactions committed')
    await t.rejects(db.query('select 1; select 2'), /multiple commands/, 'query runs one statement on both backends')
    await t.rejects(db.transaction((tx) => tx.query('select 1; select 2')), /multiple commands/)
    await db.ping()
  })
})
