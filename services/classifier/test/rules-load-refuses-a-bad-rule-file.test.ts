import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { DataFileError } from '@hotline-hub/platform'
import { DEFAULT_RULES_DIR, RuleSet } from '../src/rules/index.ts'

/** A fresh copy of the shipped rule files, removed at the end of the test. */
function copyRules(t: { teardown: (f: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-rules-'))
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true })
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Replaces the first occurrence of `from` in a rule file; returns the 1-based line it was on. */
function edit(file: string, from: string, to: string): number {
  const text = readFileSync(file, 'utf8')
  const at = text.indexOf(from)
  if (at < 0) throw new Error(`${from} is not in ${file}`)
  writeFileSync(file, text.slice(0, at) + to + text.slice(at + from.length))
  return text.slice(0, at).split('\n').length
}

function refusal(dir: string): DataFileError | undefined {
  try {
    RuleSet.load(dir)
  } catch (err) {
    if (err instanceof DataFileError) return err
    throw err
  }
  return undefined
}

t.test('a copy of the shipped files loads, with the same version', async (t) => {
  const dir = copyRules(t)
  t.equal(RuleSet.load(dir).version, RuleSet.load().version)
})

t.test('a weight out of range is refused with the file, the line and the reason', async (t) => {
  const dir = copyRules(t)
  const file = join(dir, 'urgency.yaml')
  const line = edit(file, 'threshold: 0.5', 'threshold: 5')
  const err = refusal(dir)
  t.ok(err, 'refused')
  t.equal(err?.file, file)
  t.equal(err?.line, line)
  t.match(err?.reason, /must be <= 1/)
  t.match(err?.message, `${file}:${line}:`)
})

t.test('an unknown field is refused and named', async (t) => {
  const dir = copyRules(t)
  const file = join(dir, 'sentiment.yaml')
  const line = edit(file, 'scale: 0.35', 'scale: 0.35\ncolour: red') + 1
  const err = refusal(dir)
  t.equal(err?.file, file)
  t.equal(err?.line, line)
  t.equal(err?.reason, 'unknown field "colour"')
})

t.test('a YAML syntax error is refused with its line', async (t) => {
  const dir = copyRules(t)
  const file = join(dir, 'subtopics.yaml')
  const line = edit(file, 'minScore: 1', 'minScore: [1')
  const err = refusal(dir)
  t.equal(err?.file, file)
  t.ok(err && err.line >= line, `line ${err?.line} at or after ${line}`)
  t.ok(err && err.reason.length > 0, `reason: ${err?.reason}`)
})

t.test('an unquoted number where a word belongs is refused (quote 119 in YAML)', async (t) => {
  const dir = copyRules(t)
  const file = join(dir, 'urgency.yaml')
  const line = edit(file, '打了119, ', '119, ')
  const err = refusal(dir)
  t.equal(err?.file, file)
  t.equal(err?.line, line)
  t.equal(err?.reason, 'must be string')
})

t.test('a context rule for a hazard that does not exist is refused', async (t) => {
  const dir = copyRules(t)
  const file = join(dir, 'urgency.yaml')
  const line = edit(file, 'only: [坍塌/塌陷]', 'only: [地震]')
  const err = refusal(dir)
  t.equal(err?.file, file)
  t.equal(err?.line, line)
  t.match(err?.reason, /must be one of .*"燃气泄漏"/)
})

t.test('a missing rule file is refused by name', async (t) => {
  const dir = copyRules(t)
  rmSync(join(dir, 'appeal-type.yaml'))
  const err = refusal(dir)
  t.equal(err?.file, join(dir, 'appeal-type.yaml'))
  t.match(err?.reason, /cannot read the file/)
})

t.test('any change to a rule file, even a comment, changes the version', async (t) => {
  const dir = copyRules(t)
  const before = RuleSet.load(dir).version
  edit(join(dir, 'subtopics.yaml'), '# City-management', '# The city-management')
  t.not(RuleSet.load(dir).version, before)
})
