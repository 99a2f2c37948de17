// Every error code is documented in the README, and the README documents no other code.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { CALENDAR_ERRORS, CalendarError } from '../src/index.ts'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

t.test('each code in the catalog has a README row', async (t) => {
  for (const code of Object.keys(CALENDAR_ERRORS)) {
    t.match(readme, new RegExp(`^\\| ${code} \\|`, 'm'), code)
  }
})

t.test('the README lists no code missing from the catalog', async (t) => {
  const documented = [...readme.matchAll(/^\| (CALENDAR_ERR_[A-Z_]+) \|/gm)].map((m) => m[1])
  t.same(documented.sort(), Object.keys(CALENDAR_ERRORS).sort())
})

t.test('a CalendarError carries its code in name, code and message', async (t) => {
  const err = new CalendarError('CALENDAR_ERR_RANGE', 'too far')
  t.equal(err.name, 'CalendarError')
  t.equal(err.code, 'CALENDAR_ERR_RANGE')
  t.equal(err.message, 'CALENDAR_ERR_RANGE: too far')
  t.same(err.problems, ['too far'])
})
