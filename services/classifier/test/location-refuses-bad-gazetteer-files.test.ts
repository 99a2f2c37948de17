import t, { type Test } from 'tap'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DataFileError } from '@hotline-hub/platform'
import { DEFAULT_GAZETTEER_DIR, Gazetteer } from '../src/location/index.ts'

/** A copy of the shipped gazetteer with one file's text edited; returns the folder. */
function brokenCopy(t: Test, file: string, edit: (text: string) => string): string {
  const dir = t.testdir({})
  cpSync(DEFAULT_GAZETTEER_DIR, dir, { recursive: true })
  const path = join(dir, file)
  const before = readFileSync(path, 'utf8')
  const after = edit(before)
  if (after === before) throw new Error(`the edit of ${file} changed nothing`)
  writeFileSync(path, after)
  return dir
}

function refusal(dir: string, cities?: string[]): DataFileError {
  try {
    Gazetteer.load(dir, cities)
  } catch (err) {
    if (err instanceof DataFileError) return err
    throw err
  }
  throw new Error('loaded without complaint')
}

const lineOf = (dir: string, file: string, needle: string, nth = 1): number => {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n')
  let seen = 0
  for (let i = 0; i < lines.length; i++) if (lines[i]!.includes(needle) && ++seen === nth) return i + 1
  throw new Error(`${needle} not in ${file}`)
}

t.test('the shipped files load', async (t) => {
  const g = Gazetteer.load()
  t.same(g.cities, ['changchun', 'harbin', 'tianjin'])
})

t.test('a YAML syntax error: file, line and reason', async (t) => {
  const dir = brokenCopy(t, 'harbin.yaml', (s) => s.replace('  - name: 南岗区\n', '  - name: [南岗区\n'))
  const e = refusal(dir)
  t.equal(e.file, join(dir, 'harbin.yaml'))
  t.ok(e.line > 0)
  t.match(e.message, /harbin\.yaml:\d+:\d+: /)
})

t.test('a field of the wrong shape, or unknown, is refused at its line', async (t) => {
  const dir = brokenCopy(t, 'tianjin.yaml', (s) => s.replace("    code: '120104'\n", "    code: '120104'\n    nickname: 南开\n"))
  const e = refusal(dir)
  t.equal(e.line, lineOf(dir, 'tianjin.yaml', 'nickname'))
  t.match(e.reason, /unknown field "nickname"/)

  const dir2 = brokenCopy(t, 'changchun.yaml', (s) => s.replace('    aliases: [宽城]\n', '    aliases: [宽]\n'))
  const e2 = refusal(dir2)
  t.equal(e2.line, lineOf(dir2, 'changchun.yaml', 'aliases: [宽]'))
  t.match(e2.reason, /pattern/, 'a one-character alias does not match the name pattern')
})

t.test('duplicates that would be ambiguous within a city are refused at the second one', async (t) => {
  const twice = brokenCopy(t, 'harbin.yaml', (s) => s.replace('      - 文化街道\n', '      - 文化街道\n      - 文化街道\n'))
  const e = refusal(twice)
  t.equal(e.file, join(twice, 'harbin.yaml'))
  t.equal(e.line, lineOf(twice, 'harbin.yaml', '文化街道', 2))
  t.match(e.reason, /文化街道.*two streets of 南岗区/)

  const districtVsStreet = brokenCopy(t, 'harbin.yaml', (s) => s.replace('    aliases: [香坊]\n', '    aliases: [香坊, 花园街道]\n'))
  const e2 = refusal(districtVsStreet)
  t.equal(e2.line, lineOf(districtVsStreet, 'harbin.yaml', '[香坊, 花园街道]'), 'at the later of the two')
  t.match(e2.reason, `"花园街道" would name both the street 花园街道 of 南岗区 (line ${lineOf(districtVsStreet, 'harbin.yaml', '{ name: 花园街道')}) and the district 香坊区`)

  const twoDistricts = brokenCopy(t, 'tianjin.yaml', (s) => s.replace('    aliases: [东丽]\n', '    aliases: [东丽, 西青]\n'))
  const e3 = refusal(twoDistricts)
  t.equal(e3.line, lineOf(twoDistricts, 'tianjin.yaml', 'aliases: [西青]'))
  t.match(e3.reason, /西青/)
})

t.test('the same street name in two districts of a city is allowed (it is ambiguous, not wrong)', async (t) => {
  t.match(Gazetteer.load().locate('向阳镇'), { street: '向阳镇', district: undefined })
})

t.test('a false friend used as a place name is refused', async (t) => {
  const dir = brokenCopy(t, 'harbin.yaml', (s) => s.replace('    aliases: [南岗]\n', '    aliases: [南岗, 小区]\n'))
  const e = refusal(dir)
  t.equal(e.line, lineOf(dir, 'harbin.yaml', '[南岗, 小区]'))
  t.match(e.reason, /"小区" is listed as not a place/)
})

t.test('a city id that is not its file name is refused', async (t) => {
  const dir = brokenCopy(t, 'harbin.yaml', (s) => s.replace('  id: harbin\n', '  id: haerbin\n'))
  const e = refusal(dir)
  t.equal(e.line, lineOf(dir, 'harbin.yaml', 'id: haerbin'))
  t.match(e.reason, /differs from the file name/)
})

t.test('a pattern that does not compile, or a rule without its confidence, is refused at its line', async (t) => {
  const dir = brokenCopy(t, 'patterns.yaml', (s) => s.replace("pattern: '(?<![a-z0-9])[a-z]市'", "pattern: '(?<![a-z0-9][a-z]市'"))
  const e = refusal(dir)
  t.equal(e.file, join(dir, 'patterns.yaml'))
  t.equal(e.line, lineOf(dir, 'patterns.yaml', "(?<![a-z0-9][a-z]市"))
  t.match(e.reason, /rule tipdm-city: the pattern does not compile/)

  const dir2 = brokenCopy(t, 'patterns.yaml', (s) => s.replace('    confidence: 0.9\n', ''))
  const e2 = refusal(dir2)
  t.equal(e2.line, lineOf(dir2, 'patterns.yaml', 'id: tipdm-district'))
  t.match(e2.reason, /needs a `confidence`/)
})

t.test('an unknown city id or a missing folder is refused', async (t) => {
  const e = refusal(DEFAULT_GAZETTEER_DIR, ['shenyang'])
  t.match(e.reason, /no gazetteer for city "shenyang"/)
  const e2 = refusal(join(DEFAULT_GAZETTEER_DIR, 'nope'))
  t.match(e2.reason, /cannot read the gazetteer folder/)
})
