import { readFileSync } from 'node:fs'
import type { TSchema, Static } from '@sinclair/typebox'
import type { ErrorObject, ValidateFunction } from 'ajv'
import { LineCounter, parseDocument, isMap, isNode, isPair, isScalar, type Document, type Node } from 'yaml'
import { createAjv } from '@hotline-hub/contracts'

/**
 * A data file (rules, lexicons, policies, gazetteers) that was refused: which
 * file, which line and column, and why. The text names all three so that the
 * person who edited the file can find the mistake without reading code.
 */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
    /** JSON pointer of the offending value, when the file parsed. */
    readonly pointer = '',
  ) {
    super(`${file}:${line}:${column}: ${reason}${pointer ? ` (at ${pointer})` : ''}`)
    this.name = 'DataFileError'
  }
}

const ajv = createAjv({ allErrors: true, strict: false, useDefaults: true, coerceTypes: false })
const compiled = new WeakMap<TSchema, ValidateFunction>()

function validatorFor(schema: TSchema): ValidateFunction {
  let v = compiled.get(schema)
  if (!v) {
    v = ajv.compile(schema)
    compiled.set(schema, v)
  }
  return v
}

/**
 * Parses a data file's text (YAML 1.2, so JSON too), validates it against
 * `schema` and returns the value. Anything wrong (a syntax error, a value of
 * the wrong type, a missing or unknown field) throws one DataFileError with
 * the line of the first problem. Defaults in the schema are filled in.
 */
export function parseDataFile<S extends TSchema>(text: string, schema: S, file = '<text>'): Static<S> {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const syntax = doc.errors[0]
  if (syntax) {
    const at = lines.linePos(syntax.pos[0])
    throw new DataFileError(file, at.line, at.col, syntax.message.split('\n')[0] ?? syntax.code)
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 })
  const validate = validatorFor(schema)
  if (validate(value)) return value as Static<S>
  const first = pickError(validate.errors ?? [])
  const { pointer, node } = locate(doc, first)
  const pos = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 }
  throw new DataFileError(file, pos.line, pos.col, describe(first, validate.errors ?? []), pointer || '/')
}

/** Reads and validates a data file; see parseDataFile. */
export function loadDataFile<S extends TSchema>(path: string, schema: S): Static<S> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new DataFileError(path, 0, 0, `cannot read the file: ${(err as Error).message}`)
  }
  return parseDataFile(text, schema, path)
}

/** The most specific error: the deepest path first, then a type or enum mistake over a union's noise. */
function pickError(errs: ErrorObject[]): ErrorObject {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length
  return [...errs].sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b))[0]!
}

function rank(e: ErrorObject): number {
  return e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if' ? 1 : 0
}

function describe(e: ErrorObject, all: ErrorObject[]): string {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'const': {
      // A union of literals fails once per literal: name them all.
      const allowed = all.filter((o) => o.keyword === 'const' && o.instancePath === e.instancePath)
      return `must be one of ${allowed.map((o) => JSON.stringify((o.params as { allowedValue: unknown }).allowedValue)).join(', ')}`
    }
    case 'required':
      return `missing field "${String(p.missingProperty)}"`
    case 'additionalProperties':
      return `unknown field "${String(p.additionalProperty)}"`
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    default:
      return e.message ?? e.keyword
  }
}

/** The node an error points at: the offending key for unknown fields, the value otherwise. */
function locate(doc: Document, e: ErrorObject): { pointer: string; node: Node | undefined } {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  const keys = path.map((k) => (/^\d+$/.test(k) ? Number(k) : k))
  const target = keys.length ? doc.getIn(keys, true) : doc.contents
  let node = isNode(target) ? target : undefined
  const extra = (e.params as Record<string, unknown>).additionalProperty
  if (e.keyword === 'additionalProperties' && isMap(node)) {
    const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === extra)
    if (pair && isNode(pair.key)) node = pair.key
  }
  const pointer = e.instancePath + (e.keyword === 'additionalProperties' ? `/${String(extra)}` : '')
  return { pointer, node: node ?? (isNode(doc.contents) ? doc.contents : undefined) }
}

export interface ReloadOutcome {
  ok: boolean
  /** What is in force after the reload (the new version, or the old one kept). */
  version: string
  error?: DataFileError
}

/**
 * A value built from data files that can be reloaded while the service runs.
 * A reload that fails keeps the old value in force and reports why.
 */
export class Reloadable<T extends { version: string }> {
  private value: T
  constructor(private readonly build: () => T, private readonly label = 'data') {
    this.value = build()
  }

  get current(): T {
    return this.value
  }

  reload(): ReloadOutcome {
    try {
      this.value = this.build()
      return { ok: true, version: this.value.version }
    } catch (err) {
      const error = err instanceof DataFileError ? err : new DataFileError(this.label, 0, 0, (err as Error).message)
      return { ok: false, version: this.value.version, error }
    }
  }
}
