import t from 'tap'
import { fixtureMigrations, fixturePrismaClient } from '../test-support/prisma-fixture.ts'
import { createPrismaClient, migrate, openDb, sqlFromPrisma, type Sql } from '../src/index.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Read-modify-write with a pause in the middle. If two such transactions
 * interleaved on PGlite's single session, one increment would be lost and
 * the start/end marks would overlap.
 */
async function increment(sql: Sql, who: string, log: string[]) {
  log.push(`start ${who}`)
  const [row] = await sql.query<{ n: number }>('select n from dbtest.counter where id = 1')
  await sleep(5)
  await sql.query('update dbtest.counter set n = $1 where id = 1', [row!.n + 1])
  await sleep(2)
  log.push(`end ${who}`)
}

t.test('Db and Prisma transactions on one PGlite instance run one after another', async (t) => {
  const PrismaClient = await fixturePrismaClient()
  const db = await openDb({ memory: true })
  await migrate(db, { schema: 'dbtest', dir: fixtureMigrations })
  await db.query('create table dbtest.counter (id int primary key, n int not null)')
  await db.query('insert into dbtest.counter values (1, 0)')
  const prisma = createPrismaClient(PrismaClient, db, { schema: 'dbtest' })
  t.teardown(async () => {
    await prisma.$disconnect()
    await db.close()
  })

  const log: string[] = []
  const work: Promise<unknown>[] = []
  for (let i = 0; i < 8; i++) {
    work.push(db.transaction((tx) => increment(tx, `db${i}`, log)))
    work.push(
      prisma.$transaction(async (tx) => {
        await tx.ticket.create({ data: { title: `p${i}`, payload: { i }, amount: '1.50' } })
        await increment(sqlFromPrisma(tx), `prisma${i}`, log)
      }),
    )
    // plain (non-transaction) statements from both sides in between
    work.push(db.query('select n from dbtest.counter'))
    work.push(prisma.ticket.count())
  }
  await Promise.all(work)

  t.strictSame(await db.query('select n from dbtest.counter'), [{ n: 16 }], 'no increment lost')
  t.equal(await prisma.ticket.count(), 8, 'every Prisma transaction committed its row')
  for (let i = 0; i < log.length; i += 2) {
    const who = log[i]!.replace('start ', '')
    t.equal(log[i + 1], `end ${who}`, `${who} ran alone`)
  }

  // a Prisma transaction that throws rolls back its own work only
  await t.rejects(
    prisma.$transaction(async (tx) => {
      await tx.ticket.create({ data: { title: 'doomed', payload: {}, amount: '0' } })
      await sqlFromPrisma(tx).query('update dbtest.counter set n = n + 100 where id = 1')
      throw new Error('abort')
    }),
    { message: 'abort' },
  )
  await db.transaction(async (tx) => increment(tx, 'after', log))
  t.strictSame(await db.query('select n from dbtest.counter'), [{ n: 17 }], 'the failed Prisma transaction left nothing; Db work after it committed')
  t.equal(await prisma.ticket.count(), 8)
})
