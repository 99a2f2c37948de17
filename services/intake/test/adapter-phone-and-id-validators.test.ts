import t from 'tap'
import { Type } from '@sinclair/typebox'
import { payloadAjv } from '../src/adapters/validate-payload.ts'
import { IdNumberText, PhoneText } from '../src/adapters/schema-parts.ts'
import {
  idCheckChar, isValidIdNumber, isValidMainlandPhone, normalizePhone, parseMainlandPhone,
} from '../src/adapters/validate-person.ts'

t.test('mobile numbers: 1[3-9] and 9 digits, with +86 / 86 / 0086, spaces, hyphens, full-width', async (t) => {
  const valid = [
    '13800138000', '13912345678', '19912345678', '+8613800138000', '+86 138 0013 8000', '86 13800138000',
    '8613800138000', '0086-138-0013-8000', '138-0013-8000', ' 13912345678 ', '１３８００１３８０００', '＋８６ １３８００１３８０００',
  ]
  for (const s of valid) {
    t.ok(isValidMainlandPhone(s), s)
    t.equal(normalizePhone(s), s.includes('139') ? '13912345678' : s.includes('199') ? '19912345678' : '13800138000', s)
  }
})

t.test('landlines: area code and local number, optional extension', async (t) => {
  const valid: [string, string, string?][] = [
    ['0451-86661234', '045186661234'],
    ['045186661234', '045186661234'],
    ['(0451)86661234', '045186661234'],
    ['(0451) 8666-1234', '045186661234'],
    ['022-23456789', '02223456789'],
    ['010 6512 3456', '01065123456'],
    ['0431-8888666', '04318888666'],
    ['+86 451 8666 1234', '045186661234'],
    ['+86-10-65123456', '01065123456'],
    ['0451-86661234转801', '045186661234', '801'],
    ['0451-86661234-801', '045186661234', '801'],
    ['0451-86661234 ext. 801', '045186661234', '801'],
    ['022-23456789#12', '02223456789', '12'],
    ['022-23456789 分机 3', '02223456789', '3'],
  ]
  for (const [s, canonical, extension] of valid) {
    t.ok(isValidMainlandPhone(s), s)
    t.equal(normalizePhone(s), canonical, s)
    t.same(parseMainlandPhone(s), { kind: 'landline', canonical, ...(extension ? { extension } : {}) }, s)
  }
  t.same(parseMainlandPhone('13800138000'), { kind: 'mobile', canonical: '13800138000' })
})

t.test('service numbers, short codes and malformed numbers are not caller numbers', async (t) => {
  const invalid = [
    '12345', '12319', '95588', '110', '10086', '400-810-8888', '800-820-8820', // service lines
    '12800138000', '11800138000', '1380013800', '138001380001', '23800138000', // wrong mobile shapes
    '+85213800138000', '+1 415 555 0100', '+8612345', '0013800138000', // foreign or broken prefixes
    '86661234', '0451-0666123', '0451-1666123', '010-6512345', '0451-866612345', '022-2345678', // landline shapes
    '13800138000转801', '13800138000-801', // a mobile has no extension
    '138OO138OOO', '1380013800a', '', '   ', '-', '+86', '(0451-86661234', '0451)(86661234', '(13800138000)',
    '0451-86661234-1234567', // extension too long
  ]
  for (const s of invalid) {
    t.notOk(isValidMainlandPhone(s), JSON.stringify(s))
    t.throws(() => normalizePhone(s), RangeError, JSON.stringify(s))
  }
  t.notOk(isValidMainlandPhone(13800138000 as unknown as string), 'a number is not a string')
})

t.test('ID numbers: GB 11643-1999 check character', async (t) => {
  t.equal(idCheckChar('11010519491231002'), 'X', 'the example in GB 11643-1999')
  t.equal(idCheckChar('44052418800101001'), '4')
  t.throws(() => idCheckChar('1101051949123100'), RangeError)
  const valid = [
    '11010519491231002X', '440524188001010014', '11010519900307005X', '11010519900307005x', '230102197503200024',
    '220102199206110038', '430103198511020048', '110105200002290013', // 2000-02-29 is a leap day
    '230102750320002', '110105491231002', // legacy 15-digit
  ]
  for (const s of valid) t.ok(isValidIdNumber(s), s)
})

t.test('ID numbers: tricky invalid ones', async (t) => {
  const now = new Date('2026-06-01T00:00:00+08:00')
  const invalid: [string, string][] = [
    ['230102197503200025', 'check digit off by one'],
    ['11010519491231002Y', 'check character is not X'],
    ['110105194912310021', 'digit where X is due'],
    ['X10105194912310024', 'X elsewhere'],
    ['230102197530200024', 'month 30'],
    ['110105190002290017', '1900-02-29: 1900 is not a leap year (checksum right)'],
    ['11010519900230001X', 'February 30 (checksum right)'],
    ['110105199004310019', 'April 31 (checksum right)'],
    ['110105209901010012', 'born in the future (checksum right)'],
    ['110105179901010018', 'born before 1800 (checksum right)'],
    ['990105199003070053', 'no province 99 (checksum right)'],
    ['000105199003070054', 'no province 00 (checksum right)'],
    ['23010219750320002', '17 digits'],
    ['2301021975032000244', '19 digits'],
    ['2301021975032000 4', 'space inside'],
    ['２３０１０２１９７５０３２０００２４', 'full-width digits'],
    ['230102750230002', '15-digit, February 30'],
    ['230102751320002', '15-digit, month 13'],
    ['99010275032000', '14 digits'],
    ['', 'empty'],
  ]
  for (const [s, why] of invalid) t.notOk(isValidIdNumber(s, now), `${s}: ${why}`)
  t.ok(isValidIdNumber('11010520260531001' + idCheckChar('11010520260531001'), now), 'born yesterday is fine')
  t.ok(isValidIdNumber('11010520260601001' + idCheckChar('11010520260601001'), now), 'born today in China time is fine')
  t.notOk(isValidIdNumber('11010520260602001' + idCheckChar('11010520260602001'), now), 'born tomorrow is not')
  t.notOk(isValidIdNumber(undefined as unknown as string))
})

t.test('the payload schemas let every ASCII form of a valid number through to these checks', async (t) => {
  const phone = payloadAjv.compile(Type.Object({ p: PhoneText('phone') }))
  const forms = [
    '13800138000', '+8613800138000', '+86 138 0013 8000', '0086-138-0013-8000', '0451-86661234', '(0451)86661234',
    '(0451) 8666-1234', '0451-86661234转801', '0451-86661234-801', '0451-86661234 ext. 801', '022-23456789#12',
    '022-23456789 分机 3', '+86 451 8666 1234',
  ]
  for (const p of forms) {
    t.ok(isValidMainlandPhone(p), p)
    t.ok(phone({ p }), `schema accepts ${p}`)
  }
  for (const p of ['电话13800138000', '1380', 'abc', '13800138000 (手机)']) t.notOk(phone({ p }), `schema refuses ${p}`)
  const id = payloadAjv.compile(Type.Object({ i: IdNumberText('id') }))
  for (const i of ['11010519491231002X', '11010519491231002x', '230102750320002']) t.ok(id({ i }), i)
  for (const i of ['1101051949123100', '11010519491231002Y', 'X10105194912310024']) t.notOk(id({ i }), i)
})
