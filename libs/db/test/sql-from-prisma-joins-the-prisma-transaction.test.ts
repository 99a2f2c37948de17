import t from 'tap'
import { eachBackend } from '../test-support/backends.ts'
import { fixtureMigrations, fixturePrismaClient } from '../test-support/prisma-fixture.ts'
import { createPrismaClient, migrate, sqlFromPrisma } from '../src/index.ts'

t.test('an outbox-style insert through sqlFromPrisma(tx) commits and rolls back with the Prisma transaction', async (t) => {
  const PrismaClient = await fixturePrismaClient()
  await eachBackend(t, async (t, db, backend) => {
    await migrate(db, { schema: 'dbtest', dir: fixtureMigrations })
    await db.query('create table dbtest.outbox (seq bigserial primary key, event_id uuid not null, envelope jsonb not null, at timestamptz not null default now())')
    const prisma = createPrismaClient(PrismaClient, db, { schema: 'dbtest' })
    t.teardown(() => prisma.$disconnect())

    const eventId = '0b7a3d2e-1c4f-4a5b-9c8d-7e6f5a4b3c2d'
    const returned = await prisma.$transaction(async (tx) => {
      const ticket = await tx.ticket.create({ data: { title: '噪音扰民', payload: { channel: '12345' }, amount: '12.30' } })
      return sqlFromPrisma(tx).query(
        'insert into dbtest.outbox (event_id, envelope) values ($1::uuid, $2::jsonb) returning seq, event_id, envelope, at',
        [eventId, JSON.stringify({ type: 'case.received', ticketId: ticket.id.toString() })],
      )
    })
    t.equal(returned.length, 1)
    const row = returned[0]!
    t.equal(typeof row.seq, 'string', `${backend}: bigserial comes back as a string, as from Db`)
    t.equal(row.event_id, eventId)
    t.match(row.envelope, { type: 'case.received' }, 'jsonb comes back as an object')
    t.type(row.at, Date, 'timestamptz comes back as a Date')

    await t.rejects(
      prisma.$transaction(async (tx) => {
        await tx.ticket.create({ data: { title: 'rolled back', payload: {}, amount: '0' } })
        await sqlFromPrisma(tx).query('insert into dbtest.outbox (event_id, envelope) values ($1::uuid, $2::jsonb)', [
          '1b7a3d2e-1c4f-4a5b-9c8d-7e6f5a4b3c2d',
          JSON.stringify({ type: 'x' }),
        ])
        throw new Error('handler failed')
      }),
      { message: 'handler failed' },
    )
    t.strictSame(await db.query('select count(*)::int as c from dbtest.outbox'), [{ c: 1 }], 'outbox row rolled back with the Prisma write')
    t.equal(await prisma.ticket.count(), 1)

    // Prisma and Db read the same data with the same conventions
    const [fromDb] = await db.query('select id, amount, payload from dbtest.tickets')
    const [fromPrisma] = await sqlFromPrisma(prisma).query('select id, amount, payload from dbtest.tickets')
    t.strictSame({ ...fromPrisma, amount: undefined }, { ...fromDb, amount: undefined }, `${backend}: sqlFromPrisma rows match Db rows (int8 as string)`)
    t.equal(fromDb!.amount, '12.30', 'numeric from Db keeps its scale')
    t.equal(fromPrisma!.amount, '12.3', 'numeric through Prisma is a string without trailing zeros (Decimal)')
    const [ticket] = await prisma.ticket.findMany()
    t.equal(typeof ticket!.id, 'bigint', 'Prisma models keep their own types (BigInt)')
    t.equal(ticket!.amount.toString(), '12.3')
  })
})
