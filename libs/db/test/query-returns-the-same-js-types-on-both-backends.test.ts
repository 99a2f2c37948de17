// Rows read the same from PGlite and PostgreSQL (see src/type-parsers.ts),
// also in a non-UTC process time zone.
process.env.TZ = 'Asia/Shanghai'

import t from 'tap'
import { eachBackend } from '../test-support/backends.ts'
import type { Db } from '../src/index.ts'

const QUERY = `select
  9007199254740993::int8 as big,
  array[1, 2]::int8[] as bigs,
  12.50::numeric(10,2) as num,
  42::int4 as int,
  1.5::float8 as float,
  true as bool,
  '{"a":[1,2],"b":"中文"}'::jsonb as jsonb,
  '[1,2]'::json as json,
  '2024-05-06 07:08:09.123+00'::timestamptz as tz,
  '2024-05-06 07:08:09.5'::timestamp as ts,
  '2024-05-06'::date as day,
  '1 day 02:00:00'::interval as span,
  '\\x0102ff'::bytea as bytes,
  '7a1c2b3d-0000-4000-8000-000000000001'::uuid as id,
  array['a', 'b c', null]::text[] as texts,
  array['2024-01-01 00:00:00+00']::timestamptz[] as tzs,
  null::int8 as nothing`

async function roundTrip(db: Db) {
  await db.query('create table if not exists type_probe (j jsonb, tz timestamptz, ts timestamp, big int8, day date)')
  await db.query('insert into type_probe values ($1::jsonb, $2, $3, $4, $5)', [
    JSON.stringify([1, { x: 'y' }]),
    new Date('2024-05-06T07:08:09.123Z'),
    new Date('2024-05-06T07:08:09.123Z'),
    123n,
    '2024-02-29',
  ])
  await db.query('insert into type_probe (j) values ($1)', [{ plain: 'object' }])
  return db.query('select j, tz, ts, big, day, ts::text as ts_text from type_probe order by tz nulls last')
}

const results: Record<string, unknown> = {}

t.test('types', async (t) => {
  await eachBackend(t, async (t, db, backend) => {
    const [row] = await db.query(QUERY)
    t.strictSame(row, {
      big: '9007199254740993',
      bigs: ['1', '2'],
      num: '12.50',
      int: 42,
      float: 1.5,
      bool: true,
      jsonb: { a: [1, 2], b: '中文' },
      json: [1, 2],
      tz: new Date('2024-05-06T07:08:09.123Z'),
      ts: new Date('2024-05-06T07:08:09.500Z'),
      day: '2024-05-06',
      span: '1 day 02:00:00',
      bytes: Buffer.from([1, 2, 255]),
      id: '7a1c2b3d-0000-4000-8000-000000000001',
      texts: ['a', 'b c', null],
      tzs: [new Date('2024-01-01T00:00:00Z')],
      nothing: null,
    }, `${backend}: documented JS types`)
    t.ok(Buffer.isBuffer(row!.bytes), 'bytea is a Buffer')

    const rows = await roundTrip(db)
    t.strictSame(rows[0], {
      j: [1, { x: 'y' }],
      tz: new Date('2024-05-06T07:08:09.123Z'),
      ts: new Date('2024-05-06T07:08:09.123Z'),
      big: '123',
      day: '2024-02-29',
      ts_text: '2024-05-06 07:08:09.123',
    }, `${backend}: parameters round-trip (Date stored as UTC even in a +08:00 process)`)
    t.strictSame(rows[1]!.j, { plain: 'object' }, `${backend}: a plain object parameter is sent as JSON`)
    const [zone] = await db.query<{ TimeZone: string }>('show timezone')
    t.equal(zone!.TimeZone, 'UTC', `${backend}: sessions run in UTC`)
    results[backend] = { row, rows }
  })
  if (results.pglite && results.postgres) t.strictSame(results.pglite, results.postgres, 'both backends return identical values')
})
