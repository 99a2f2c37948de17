import t from 'tap'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Type } from '@sinclair/typebox'
import { DataFileError, Reloadable, loadDataFile, parseDataFile } from '../src/data-file.ts'

const Schema = Type.Object(
  {
    version: Type.Integer(),
    rules: Type.Array(
      Type.Object(
        { id: Type.String({ minLength: 1 }), level: Type.Union([Type.Literal('紧急'), Type.Literal('一般')]), weight: Type.Number({ default: 1 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

function refusal(text: string): DataFileError {
  try {
    parseDataFile(text, Schema, 'rules.yaml')
  } catch (err) {
    if (err instanceof DataFileError) return err
    throw err
  }
  throw new Error('the file was accepted')
}

t.test('a good file parses, JSON too, with defaults filled in', async (t) => {
  const v = parseDataFile('version: 1\nrules:\n  - id: gas\n    level: 紧急\n', Schema)
  t.same(v, { version: 1, rules: [{ id: 'gas', level: '紧急', weight: 1 }] })
  t.same(parseDataFile('{"version": 2, "rules": []}', Schema), { version: 2, rules: [] })
})

t.test('a wrong value names its line and field', async (t) => {
  const e = refusal('version: 1\nrules:\n  - id: gas\n    level: 紧急\n  - id: fire\n    level: 很急\n')
  t.equal(e.line, 6)
  t.equal(e.pointer, '/rules/1/level')
  t.match(e.message, /^rules\.yaml:6:\d+: must be one of "紧急", "一般"/)
})

t.test('an unknown field points at the key itself', async (t) => {
  const e = refusal('version: 1\nrules:\n  - id: gas\n    level: 一般\n    levle: 紧急\n')
  t.equal(e.line, 5)
  t.equal(e.reason, 'unknown field "levle"')
})

t.test('a missing field points at the object that lacks it', async (t) => {
  const e = refusal('version: 1\nrules:\n  - level: 一般\n')
  t.equal(e.line, 3)
  t.equal(e.reason, 'missing field "id"')
})

t.test('a syntax error names its line', async (t) => {
  const e = refusal('version: 1\nrules:\n  - id: "gas\n    level: 一般\n')
  t.ok(e.line >= 3, `line ${e.line}`)
  t.equal(e.pointer, '')
})

t.test('a duplicate key is refused', async (t) => {
  const e = refusal('version: 1\nversion: 2\nrules: []\n')
  t.equal(e.line, 2)
})

t.test('Reloadable keeps the old value when the new file is bad', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'data-file-'))
  const file = join(dir, 'rules.yaml')
  writeFileSync(file, 'version: 1\nrules: []\n')
  const r = new Reloadable(() => {
    const v = loadDataFile(file, Schema)
    return { version: String(v.version), rules: v.rules }
  })
  t.equal(r.current.version, '1')
  writeFileSync(file, 'version: 2\nrules:\n  - id: x\n    level: 中等\n')
  const bad = r.reload()
  t.equal(bad.ok, false)
  t.equal(bad.version, '1')
  t.equal(bad.error?.line, 4)
  t.equal(r.current.version, '1', 'the old rules stay in force')
  writeFileSync(file, 'version: 3\nrules:\n  - id: x\n    level: 紧急\n')
  t.same(r.reload(), { ok: true, version: '3' })
  t.equal(r.current.rules.length, 1)
  const missing = loadDataFileError(join(dir, 'nope.yaml'))
  t.match(missing.reason, /cannot read the file/)
})

function loadDataFileError(path: string): DataFileError {
  try {
    loadDataFile(path, Schema)
  } catch (err) {
    return err as DataFileError
  }
  throw new Error('loaded')
}
