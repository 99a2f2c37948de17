import type { Sql } from './types.ts'

export interface DbColumn {
  name: string
  /** format_type() of the column, normalized (see normalizePgType); enums by type name. */
  type: string
  nullable: boolean
  hasDefault: boolean
}

export interface DbIndex {
  name: string
  columns: string[]
  unique: boolean
  primary: boolean
  /** Partial (WHERE ...) or expression index: not expressible in schema.prisma. */
  special: boolean
}

export interface DbForeignKey {
  name: string
  columns: string[]
  refSchema: string
  refTable: string
  refColumns: string[]
}

export interface DbTable {
  schema: string
  name: string
  columns: DbColumn[]
  indexes: DbIndex[]
  foreignKeys: DbForeignKey[]
}

export interface DbSchemaSnapshot {
  tables: DbTable[]
  /** Enum type name → labels in order, per schema (`schema.type`). */
  enums: Map<string, string[]>
}

/**
 * Spells a type the way it is compared: PostgreSQL's default precision 6 made
 * explicit for timestamp/time (`timestamptz` ≡ `timestamp(6) with time zone`).
 */
export function normalizePgType(type: string): string {
  if (type.endsWith('[]')) return `${normalizePgType(type.slice(0, -2))}[]`
  const m = /^(timestamp|time) (with|without) time zone$/.exec(type)
  if (m) return `${m[1]}(6) ${m[2]} time zone`
  return type
}

interface ColumnRow {
  table: string
  column: string
  type: string
  enum_name: string | null
  is_array: boolean
  not_null: boolean
  has_default: boolean
}

interface IndexRow {
  table: string
  index: string
  unique: boolean
  primary: boolean
  special: boolean
  columns: string[]
}

interface ForeignKeyRow {
  table: string
  name: string
  columns: string[]
  ref_schema: string
  ref_table: string
  ref_columns: string[]
}

/** Reads tables, columns, indexes, foreign keys and enums of some schemas from pg_catalog. */
export async function introspectSchemas(sql: Sql, schemas: readonly string[], ignoreTables: readonly string[] = ['_migrations']): Promise<DbSchemaSnapshot> {
  const tables: DbTable[] = []
  const enums = new Map<string, string[]>()
  for (const schema of schemas) {
    const tableRows = await sql.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.relkind in ('r', 'p') order by c.relname`,
      [schema],
    )
    const columns = await sql.query<ColumnRow>(
      `select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as type,
              case when t.typtype = 'e' then t.typname when et.typtype = 'e' then et.typname end as enum_name,
              et.oid is not null as is_array,
              a.attnotnull as not_null,
              (a.atthasdef or a.attidentity <> '' or a.attgenerated <> '') as has_default
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_type t on t.oid = a.atttypid
         left join pg_type et on t.typcategory = 'A' and et.oid = t.typelem
        where n.nspname = $1 and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
        order by c.relname, a.attnum`,
      [schema],
    )
    const indexes = await sql.query<IndexRow>(
      `select c.relname as "table", i.relname as index, ix.indisunique as unique, ix.indisprimary as primary,
              (ix.indpred is not null or ix.indexprs is not null) as special,
              coalesce((select json_agg(a.attname order by k.ord)
                          from unnest(ix.indkey::int2[]) with ordinality k(attnum, ord)
                          join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
                         where k.ord <= ix.indnkeyatts), '[]'::json) as columns
         from pg_index ix
         join pg_class c on c.oid = ix.indrelid
         join pg_class i on i.oid = ix.indexrelid
         join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1
        order by c.relname, i.relname`,
      [schema],
    )
    const foreignKeys = await sql.query<ForeignKeyRow>(
      `select c.relname as "table", con.conname as name,
              (select json_agg(a.attname order by k.ord) from unnest(con.conkey) with ordinality k(attnum, ord)
                 join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as columns,
              fn.nspname as ref_schema, fc.relname as ref_table,
              (select json_agg(a.attname order by k.ord) from unnest(con.confkey) with ordinality k(attnum, ord)
                 join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum) as ref_columns
         from pg_constraint con
         join pg_class c on c.oid = con.conrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_class fc on fc.oid = con.confrelid
         join pg_namespace fn on fn.oid = fc.relnamespace
        where con.contype = 'f' and n.nspname = $1
        order by c.relname, con.conname`,
      [schema],
    )
    const enumRows = await sql.query<{ name: string; labels: string[] }>(
      `select t.typname as name, json_agg(e.enumlabel order by e.enumsortorder) as labels
         from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
        where n.nspname = $1 group by t.typname`,
      [schema],
    )
    for (const e of enumRows) enums.set(`${schema}.${e.name}`, e.labels)
    for (const { name } of tableRows) {
      if (ignoreTables.includes(name)) continue
      tables.push({
        schema,
        name,
        columns: columns
          .filter((c) => c.table === name)
          .map((c) => ({
            name: c.column,
            type: c.enum_name ? `${c.enum_name}${c.is_array ? '[]' : ''}` : normalizePgType(c.type),
            nullable: !c.not_null,
            hasDefault: c.has_default,
          })),
        indexes: indexes
          .filter((i) => i.table === name)
          .map((i) => ({ name: i.index, columns: i.columns, unique: i.unique, primary: i.primary, special: i.special })),
        foreignKeys: foreignKeys
          .filter((f) => f.table === name)
          .map((f) => ({ name: f.name, columns: f.columns, refSchema: f.ref_schema, refTable: f.ref_table, refColumns: f.ref_columns })),
      })
    }
  }
  return { tables, enums }
}
