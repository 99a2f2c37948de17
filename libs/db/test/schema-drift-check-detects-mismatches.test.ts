import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t, { type Test } from 'tap'
import { checkSchemaDrift, DbConfigError } from '../src/index.ts'

const SCHEMA = `
datasource db {
  provider = "postgresql"
  schemas  = ["drift"]
}

enum Urgency {
  normal
  urgent  @map("URGENT")
  @@map("urgency")
  @@schema("drift")
}

model Case {
  id        String   @id @default(uuid()) @db.Uuid
  no        Int      @default(autoincrement())
  code      String   @unique @db.VarChar(32)
  urgency   Urgency  @default(normal)
  tags      String[]
  amount    Decimal  @db.Decimal(10, 2)
  big       BigInt?
  data      Json
  at        DateTime @db.Timestamptz(6)
  updatedAt DateTime @updatedAt @map("updated_at")
  notes     Note[]

  @@unique([urgency, code])
  @@index([at])
  @@map("cases")
  @@schema("drift")
}

model Note {
  id     BigInt @id @default(autoincrement())
  caseId String @map("case_id") @db.Uuid
  case   Case   @relation(fields: [caseId], references: [id])

  @@map("notes")
  @@schema("drift")
}
`

// What \`prisma migrate\` would write for SCHEMA, by hand.
const MATCHING_SQL = `
CREATE TYPE drift.urgency AS ENUM ('normal', 'URGENT');
CREATE TABLE drift.cases (
  id         uuid PRIMARY KEY,
  no         serial NOT NULL,
  code       varchar(32) NOT NULL UNIQUE,
  urgency    drift.urgency NOT NULL DEFAULT 'normal',
  tags       text[],
  amount     numeric(10,2) NOT NULL,
  big        bigint,
  data       jsonb NOT NULL,
  at         timestamptz NOT NULL,
  updated_at timestamp(3) NOT NULL
);
CREATE UNIQUE INDEX cases_urgency_code_key ON drift.cases (urgency, code);
CREATE INDEX cases_at_idx ON drift.cases (at);
CREATE TABLE drift.notes (
  id      bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES drift.cases (id)
);
`

function fixture(t: Test, sql: string, schema = SCHEMA): { schemaPath: string; dir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-drift-'))
  t.teardown(() => fs.rmSync(root, { recursive: true, force: true }))
  const dir = path.join(root, 'migrations')
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, '0001_init.sql'), sql)
  const schemaPath = path.join(root, 'schema.prisma')
  fs.writeFileSync(schemaPath, schema)
  return { schemaPath, dir }
}

t.test('a schema and migrations that agree give no differences', async (t) => {
  const { schemaPath, dir } = fixture(t, MATCHING_SQL)
  t.strictSame(await checkSchemaDrift(schemaPath, dir), [])
})

t.test('deliberate mismatches are each reported', async (t) => {
  const sql =
    MATCHING_SQL.replace("('normal', 'URGENT')", "('normal', 'urgent')") // enum value
      .replace('code       varchar(32) NOT NULL UNIQUE', 'code       varchar(64) NOT NULL') // type + unique gone
      .replace('big        bigint,', 'big        bigint NOT NULL,') // nullability
      .replace('  at         timestamptz NOT NULL,\n', '  at         timestamp NOT NULL,\n  extra      text,\n') // type + extra column
      .replace("urgency    drift.urgency NOT NULL DEFAULT 'normal'", 'urgency    drift.urgency NOT NULL') // default
      .replace('CREATE INDEX cases_at_idx ON drift.cases (at);', '') // @@index gone
      .replace('case_id uuid NOT NULL REFERENCES drift.cases (id)', 'case_id uuid NOT NULL') // foreign key gone
    + '\nCREATE TABLE drift.stray (id int PRIMARY KEY);\n' // table unknown to Prisma
  const { schemaPath, dir } = fixture(t, sql)
  const diffs = await checkSchemaDrift(schemaPath, dir)
  t.comment(diffs.join('\n'))
  const expect = [
    /^enum drift\.urgency: values \[normal, URGENT\] in schema\.prisma, \[normal, urgent\] in migrations$/,
    /^column drift\.cases\.code: type character varying\(32\) in schema\.prisma, character varying\(64\) in migrations$/,
    /^table drift\.cases: unique index on \(code\) in schema\.prisma, missing from migrations$/,
    /^column drift\.cases\.big: optional \(NULL\) in schema\.prisma, NOT NULL in migrations$/,
    /^column drift\.cases\.at: type timestamp\(6\) with time zone in schema\.prisma, timestamp\(6\) without time zone in migrations$/,
    /^column drift\.cases\.extra: in migrations, missing from schema\.prisma$/,
    /^column drift\.cases\.urgency: has a database default in schema\.prisma, has no DEFAULT in migrations$/,
    /^table drift\.cases: index on \(at\) in schema\.prisma, missing from migrations$/,
    /^table drift\.notes: foreign key \(case_id\) → drift\.cases \(id\) in schema\.prisma, missing from migrations$/,
    /^table drift\.stray: in migrations, missing from schema\.prisma$/,
  ]
  for (const re of expect) t.ok(diffs.some((d) => re.test(d)), `reports ${re.source}`)
  t.equal(diffs.length, expect.length, 'and nothing else')
})

t.test('a model without a table, a column without a field, and a changed primary key are reported', async (t) => {
  const schema = SCHEMA.replace('  updatedAt DateTime @updatedAt @map("updated_at")\n', '  updatedAt DateTime @updatedAt @map("updated_at")\n  closedAt  DateTime? @map("closed_at")\n')
  const sql = MATCHING_SQL.replace(/CREATE TABLE drift\.notes[\s\S]*$/, '').replace('id         uuid PRIMARY KEY,', 'id         uuid NOT NULL,').replace('no         serial NOT NULL,', 'no         serial PRIMARY KEY,')
  const { schemaPath, dir } = fixture(t, sql, schema)
  const diffs = await checkSchemaDrift(schemaPath, dir)
  t.comment(diffs.join('\n'))
  t.ok(diffs.includes('table drift.notes (model Note): in schema.prisma, missing from migrations'))
  t.ok(diffs.includes('column drift.cases.closed_at (field Case.closedAt): in schema.prisma, missing from migrations'))
  t.ok(diffs.includes('table drift.cases: primary key (id) in schema.prisma, (no) in migrations'))
})

t.test('an invalid schema.prisma is a DbConfigError naming the file', async (t) => {
  const { schemaPath, dir } = fixture(t, MATCHING_SQL, SCHEMA.replace('@@map("cases")', '@@mapp("cases")'))
  await t.rejects(checkSchemaDrift(schemaPath, dir), { name: 'DbConfigError', message: /schema\.prisma is not a valid Prisma schema/ })
  t.ok(DbConfigError)
})
