import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { DbConfigError } from './errors.ts'

/** The parts of Prisma's DMMF data model the drift check reads. */
export interface DmmfField {
  name: string
  dbName: string | null
  kind: 'scalar' | 'object' | 'enum' | 'unsupported'
  isList: boolean
  isRequired: boolean
  isUnique: boolean
  isId: boolean
  isUpdatedAt: boolean
  hasDefaultValue: boolean
  default?: unknown
  type: string
  nativeType: [string, string[]] | null
  relationFromFields?: string[]
  relationToFields?: string[]
}

export interface DmmfModel {
  name: string
  dbName: string | null
  schema: string | null
  fields: DmmfField[]
  primaryKey: { name: string | null; fields: string[] } | null
  uniqueFields: string[][]
}

export interface DmmfEnum {
  name: string
  dbName: string | null
  schema?: string | null
  values: { name: string; dbName: string | null }[]
}

export interface DmmfIndex {
  model: string
  type: 'id' | 'unique' | 'normal' | 'fulltext'
  dbName?: string
  fields: { name: string }[]
}

export interface PrismaDatamodel {
  models: DmmfModel[]
  enums: DmmfEnum[]
  indexes: DmmfIndex[]
  /** `schemas = [...]` of the datasource (multiSchema). */
  schemas: string[]
}

interface SchemaWasm {
  get_dmmf(params: string): string
  get_config(params: string): string
}

let wasm: SchemaWasm | undefined
function schemaWasm(): SchemaWasm {
  // @prisma/prisma-schema-wasm: Prisma's own schema parser compiled to wasm
  // (what @prisma/internals' getDMMF calls), no native engine needed.
  wasm ??= createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as SchemaWasm
  return wasm
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')

function stripAnsi(text: string): string {
  return text.replace(ANSI_COLOUR, '')
}

function wasmCall<T>(file: string, fn: () => string): T {
  try {
    return JSON.parse(fn()) as T
  } catch (err) {
    let message = err instanceof Error ? err.message : String(err)
    try {
      message = (JSON.parse(message) as { message?: string }).message ?? message
    } catch {
      // not JSON
    }
    throw new DbConfigError(`${file} is not a valid Prisma schema: ${stripAnsi(message)}`, { cause: err })
  }
}

/** Parses a schema.prisma file into its data model, without the native engine. */
export function readPrismaDatamodel(schemaPrismaPath: string): PrismaDatamodel {
  const text = fs.readFileSync(schemaPrismaPath, 'utf8')
  const name = path.basename(schemaPrismaPath)
  const dmmf = wasmCall<{ datamodel: Omit<PrismaDatamodel, 'schemas'> }>(schemaPrismaPath, () =>
    schemaWasm().get_dmmf(JSON.stringify({ prismaSchema: [[name, text]] })),
  )
  const config = wasmCall<{ config: { datasources: { schemas?: string[] }[] }; errors?: { message: string }[] }>(schemaPrismaPath, () =>
    schemaWasm().get_config(JSON.stringify({ prismaSchema: [[name, text]], datasourceOverrides: {}, ignoreEnvVarErrors: true, env: {} })),
  )
  if (config.errors?.length) {
    throw new DbConfigError(`${schemaPrismaPath} is not a valid Prisma schema: ${stripAnsi(config.errors.map((e) => e.message).join('; '))}`)
  }
  return {
    models: dmmf.datamodel.models,
    enums: dmmf.datamodel.enums,
    indexes: dmmf.datamodel.indexes ?? [],
    schemas: config.config.datasources[0]?.schemas ?? [],
  }
}
