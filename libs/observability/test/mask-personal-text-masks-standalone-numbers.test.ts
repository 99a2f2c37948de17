import t from 'tap'
import { maskJsonLine, maskPersonalText } from '../src/index.ts'

t.test('mobile numbers in Chinese text are masked', async (t) => {
  t.equal(maskPersonalText('来电人电话13812345678，请回拨'), '来电人电话138****5678，请回拨')
  t.equal(maskPersonalText('手机：+86 138-1234-5678。'), '手机：+86 138****5678。')
  t.equal(maskPersonalText('a 13812345678 b 15900001111'), 'a 138****5678 b 159****1111')
})

t.test('18-digit IDs (also with X) and 15-digit IDs with a birth date are masked', async (t) => {
  t.equal(maskPersonalText('身份证110101199003071234'), '身份证110***********1234')
  t.equal(maskPersonalText('证件号 11010119900307123X 已核实'), '证件号 110***********123X 已核实')
  t.equal(maskPersonalText('证件号 11010119900307123x'), '证件号 110***********123X')
  t.equal(maskPersonalText('老证 110101900307123'), '老证 110********7123')
})

t.test('landlines with an area code and a separator are masked', async (t) => {
  t.equal(maskPersonalText('座机0451-86661234'), '座机0451-****1234')
  t.equal(maskPersonalText('tel (010)12345678'), 'tel (010)****5678')
})

t.test('numbers that are part of something else are left alone', async (t) => {
  t.equal(maskPersonalText('trace 4bf92f3577b34da6a3ce913812345678'), 'trace 4bf92f3577b34da6a3ce913812345678')
  t.equal(maskPersonalText('order 1381234567890'), 'order 1381234567890', '13 digits is not a phone')
  t.equal(maskPersonalText('ref 12812345678'), 'ref 12812345678', '12x is not a mobile prefix')
  t.equal(maskPersonalText('ticket 123456789012345678'), 'ticket 123456789012345678', 'no birth date: not an ID')
  t.equal(maskPersonalText('拨打12345热线或110'), '拨打12345热线或110', 'service numbers')
  t.equal(maskPersonalText('2024-05-12 10:30'), '2024-05-12 10:30')
})

t.test('full-width digits are not recognised (documented limit)', async (t) => {
  t.equal(maskPersonalText('１３８１２３４５６７８'), '１３８１２３４５６７８')
})

t.test('JSON lines: strings masked, numbers and escapes kept', async (t) => {
  const line = JSON.stringify({ a: 'x\n13812345678 "q"', n: 13812345678, k: { '13812345678': 1 } }) + '\n'
  const masked = maskJsonLine(line)
  t.same(JSON.parse(masked), { a: 'x\n138****5678 "q"', n: 13812345678, k: { '138****5678': 1 } })
  t.ok(masked.endsWith('\n'))
  t.equal(maskJsonLine('{"msg":"nothing here"}'), '{"msg":"nothing here"}')
})
