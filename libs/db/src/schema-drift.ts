import { DbConfigError } from './errors.ts'
import { introspectSchemas, normalizePgType, type DbSchemaSnapshot, type DbTable } from './introspect.ts'
import { migrate } from './migrate.ts'
import { openDb } from './open-db.ts'
import { readPrismaDatamodel, type DmmfField, type DmmfModel, type PrismaDatamodel } from './prisma-datamodel.ts'

export interface SchemaDriftOptions {
  /** Schema the migrations belong to. Default: the datasource's only `schemas` entry. */
  schema?: string
}

/** Column types Prisma creates for scalars without @db.* (PostgreSQL). */
const SCALAR_DEFAULT: Record<string, string> = {
  String: 'text',
  Boolean: 'boolean',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
}

/** @db.* native types → format_type() spelling. */
function nativeTypeName(name: string, args: string[]): string {
  const [a, b] = args
  switch (name) {
    case 'Text':
      return 'text'
    case 'Char':
      return `character(${a ?? 1})`
    case 'VarChar':
      return a ? `character varying(${a})` : 'character varying'
    case 'Bit':
      return `bit(${a ?? 1})`
    case 'VarBit':
      return a ? `bit varying(${a})` : 'bit varying'
    case 'Uuid':
      return 'uuid'
    case 'Xml':
      return 'xml'
    case 'Inet':
      return 'inet'
    case 'Citext':
      return 'citext'
    case 'Boolean':
      return 'boolean'
    case 'Integer':
      return 'integer'
    case 'SmallInt':
      return 'smallint'
    case 'Oid':
      return 'oid'
    case 'BigInt':
      return 'bigint'
    case 'DoublePrecision':
      return 'double precision'
    case 'Real':
      return 'real'
    case 'Decimal':
      return a ? `numeric(${a},${b ?? 0})` : 'numeric'
    case 'Money':
      return 'money'
    case 'Date':
      return 'date'
    case 'Timestamp':
      return `timestamp(${a ?? 6}) without time zone`
    case 'Timestamptz':
      return `timestamp(${a ?? 6}) with time zone`
    case 'Time':
      return `time(${a ?? 6}) without time zone`
    case 'Timetz':
      return `time(${a ?? 6}) with time zone`
    case 'Json':
      return 'json'
    case 'JsonB':
      return 'jsonb'
    case 'ByteA':
      return 'bytea'
    default:
      return name.toLowerCase()
  }
}

/** Prisma defaults that the client computes, so the column has no DEFAULT. */
const CLIENT_SIDE_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid'])

function expectsDbDefault(field: DmmfField): boolean {
  if (!field.hasDefaultValue) return false
  const d = field.default
  if (d !== null && typeof d === 'object' && !Array.isArray(d) && 'name' in d) {
    return !CLIENT_SIDE_DEFAULTS.has(String((d as { name: unknown }).name))
  }
  return true
}

const col = (f: DmmfField) => f.dbName ?? f.name
const tableOf = (m: DmmfModel) => m.dbName ?? m.name
const list = (cols: readonly string[]) => `(${cols.join(', ')})`

function compare(model: PrismaDatamodel, db: DbSchemaSnapshot, defaultSchema: string): string[] {
  const diffs: string[] = []
  const modelsByName = new Map(model.models.map((m) => [m.name, m]))
  const enumsByName = new Map(model.enums.map((e) => [e.name, e]))
  const expectedTables = new Set<string>()

  // enums
  for (const e of model.enums) {
    const key = `${e.schema ?? defaultSchema}.${e.dbName ?? e.name}`
    const expected = e.values.map((v) => v.dbName ?? v.name)
    const actual = db.enums.get(key)
    if (!actual) diffs.push(`enum ${key}: in schema.prisma, missing from migrations`)
    else if (actual.join(',') !== expected.join(',')) {
      diffs.push(`enum ${key}: values [${expected.join(', ')}] in schema.prisma, [${actual.join(', ')}] in migrations`)
    }
  }
  const modelSchemas = new Set([defaultSchema, ...model.models.map((m) => m.schema ?? defaultSchema), ...model.schemas])
  for (const key of db.enums.keys()) {
    const known = model.enums.some((e) => `${e.schema ?? defaultSchema}.${e.dbName ?? e.name}` === key)
    if (!known && modelSchemas.has(key.split('.')[0]!)) diffs.push(`enum ${key}: in migrations, missing from schema.prisma`)
  }

  for (const m of model.models) {
    const schema = m.schema ?? defaultSchema
    const qualified = `${schema}.${tableOf(m)}`
    expectedTables.add(qualified)
    const table: DbTable | undefined = db.tables.find((t) => t.schema === schema && t.name === tableOf(m))
    if (!table) {
      diffs.push(`table ${qualified} (model ${m.name}): in schema.prisma, missing from migrations`)
      continue
    }
    const scalars = m.fields.filter((f) => f.kind !== 'object')
    const fieldByName = new Map(m.fields.map((f) => [f.name, f]))
    const colsOf = (names: readonly string[]) => names.map((n) => { const f = fieldByName.get(n); return f ? col(f) : n })

    for (const f of scalars) {
      const c = table.columns.find((x) => x.name === col(f))
      const where = `column ${qualified}.${col(f)}`
      if (!c) {
        diffs.push(`${where} (field ${m.name}.${f.name}): in schema.prisma, missing from migrations`)
        continue
      }
      if (f.kind !== 'unsupported') {
        let expected: string
        if (f.kind === 'enum') {
          const e = enumsByName.get(f.type)
          expected = e?.dbName ?? f.type
        } else if (f.nativeType) {
          expected = nativeTypeName(f.nativeType[0], f.nativeType[1])
        } else {
          expected = SCALAR_DEFAULT[f.type] ?? f.type.toLowerCase()
        }
        expected = normalizePgType(f.isList ? `${expected}[]` : expected)
        if (expected !== c.type) diffs.push(`${where}: type ${expected} in schema.prisma, ${c.type} in migrations`)
      }
      // Prisma lists cannot be optional; Prisma itself creates them without NOT NULL.
      if (!f.isList && f.isRequired === c.nullable) {
        diffs.push(`${where}: ${f.isRequired ? 'required (NOT NULL)' : 'optional (NULL)'} in schema.prisma, ${c.nullable ? 'nullable' : 'NOT NULL'} in migrations`)
      }
      const wantDefault = expectsDbDefault(f)
      if (wantDefault !== c.hasDefault) {
        diffs.push(`${where}: ${wantDefault ? 'has a database default' : 'has no database default'} in schema.prisma, ${c.hasDefault ? 'has a DEFAULT' : 'has no DEFAULT'} in migrations`)
      }
    }
    for (const c of table.columns) {
      if (!scalars.some((f) => col(f) === c.name)) diffs.push(`column ${qualified}.${c.name}: in migrations, missing from schema.prisma`)
    }

    // primary key
    const pkFields = m.primaryKey?.fields ?? scalars.filter((f) => f.isId).map((f) => f.name)
    const expectedPk = colsOf(pkFields)
    const actualPk = table.indexes.find((i) => i.primary)?.columns ?? []
    if (expectedPk.join(',') !== actualPk.join(',')) {
      diffs.push(`table ${qualified}: primary key ${expectedPk.length ? list(expectedPk) : 'none'} in schema.prisma, ${actualPk.length ? list(actualPk) : 'none'} in migrations`)
    }

    // unique indexes (@unique, @@unique); partial/expression ones cannot be written in schema.prisma and are ignored
    const modelIndexes = model.indexes.filter((i) => i.model === m.name)
    const expectedUnique = modelIndexes.filter((i) => i.type === 'unique').map((i) => colsOf(i.fields.map((x) => x.name)).join(','))
    const actualUnique = table.indexes.filter((i) => i.unique && !i.primary && !i.special).map((i) => i.columns.join(','))
    for (const u of expectedUnique) {
      if (!actualUnique.includes(u)) diffs.push(`table ${qualified}: unique index on (${u.replace(/,/g, ', ')}) in schema.prisma, missing from migrations`)
    }
    for (const u of actualUnique) {
      if (!expectedUnique.includes(u)) diffs.push(`table ${qualified}: unique index on (${u.replace(/,/g, ', ')}) in migrations, missing from schema.prisma`)
    }
    // @@index: must exist (extra non-unique indexes in SQL are allowed: tuning)
    for (const i of modelIndexes.filter((x) => x.type === 'normal')) {
      const cols = colsOf(i.fields.map((x) => x.name)).join(',')
      if (!table.indexes.some((x) => !x.unique && !x.special && x.columns.join(',') === cols)) {
        diffs.push(`table ${qualified}: index on (${cols.replace(/,/g, ', ')}) in schema.prisma, missing from migrations`)
      }
    }

    // foreign keys
    const expectedFks = m.fields
      .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
      .map((f) => {
        const target = modelsByName.get(f.type)!
        const targetFields = new Map(target.fields.map((x) => [x.name, x]))
        return {
          columns: colsOf(f.relationFromFields!).join(','),
          ref: `${target.schema ?? defaultSchema}.${tableOf(target)}`,
          refColumns: f.relationToFields!.map((n) => { const x = targetFields.get(n); return x ? col(x) : n }).join(','),
        }
      })
    const actualFks = table.foreignKeys.map((fk) => ({ columns: fk.columns.join(','), ref: `${fk.refSchema}.${fk.refTable}`, refColumns: fk.refColumns.join(',') }))
    const fkText = (fk: { columns: string; ref: string; refColumns: string }) => `foreign key (${fk.columns.replace(/,/g, ', ')}) → ${fk.ref} (${fk.refColumns.replace(/,/g, ', ')})`
    for (const fk of expectedFks) {
      if (!actualFks.some((a) => a.columns === fk.columns && a.ref === fk.ref && a.refColumns === fk.refColumns)) {
        diffs.push(`table ${qualified}: ${fkText(fk)} in schema.prisma, missing from migrations`)
      }
    }
    for (const fk of actualFks) {
      if (!expectedFks.some((e) => e.columns === fk.columns && e.ref === fk.ref && e.refColumns === fk.refColumns)) {
        diffs.push(`table ${qualified}: ${fkText(fk)} in migrations, missing from schema.prisma`)
      }
    }
  }
  for (const t of db.tables) {
    const qualified = `${t.schema}.${t.name}`
    if (!expectedTables.has(qualified)) diffs.push(`table ${qualified}: in migrations, missing from schema.prisma`)
  }
  return diffs
}

/**
 * Applies `migrationsDir` to a fresh in-memory PGlite, introspects it and
 * compares it with the data model of `schemaPrismaPath` (parsed by Prisma's
 * wasm schema parser, no native engine). Returns one readable line per
 * difference; an empty list means they agree.
 *
 * Compared: tables (`<schema>._migrations` excluded), columns, types (enums by
 * name; `timestamptz` ≡ `@db.Timestamptz(6)`), nullability, whether a column
 * has a database default (not its expression; uuid()/cuid() defaults are
 * client-side), primary keys, unique indexes, `@@index` presence, foreign
 * keys, enum values. Not compared: default expressions, index names,
 * referential actions, partial/expression indexes, extra non-unique indexes,
 * check constraints, views.
 */
export async function checkSchemaDrift(schemaPrismaPath: string, migrationsDir: string, options: SchemaDriftOptions = {}): Promise<string[]> {
  const model = readPrismaDatamodel(schemaPrismaPath)
  const schema = options.schema ?? (model.schemas.length === 1 ? model.schemas[0] : undefined)
  if (!schema) {
    throw new DbConfigError(
      `checkSchemaDrift: ${schemaPrismaPath} lists ${model.schemas.length ? model.schemas.join(', ') : 'no'} datasource schemas; pass { schema } to say which one ${migrationsDir} migrates`,
    )
  }
  const db = await openDb({ memory: true })
  try {
    await migrate(db, { schema, dir: migrationsDir })
    const schemas = [...new Set([schema, ...model.schemas, ...model.models.map((m) => m.schema ?? schema)])]
    const snapshot = await introspectSchemas(db, schemas)
    return compare(model, snapshot, schema)
  } finally {
    await db.close()
  }
}
