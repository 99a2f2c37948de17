import t from 'tap'
import { maskIdNumber } from '../src/index.ts'

t.test('an 18-character ID keeps 3 and 4 characters: 110***********1234', async (t) => {
  t.equal(maskIdNumber('110101199003071234'), '110***********1234')
  t.equal(maskIdNumber('110101199003071234').length, 18)
})

t.test('the X check character is kept, upper-cased', async (t) => {
  t.equal(maskIdNumber('11010119900307123X'), '110***********123X')
  t.equal(maskIdNumber('11010119900307123x'), '110***********123X')
})

t.test('a 15-digit first-generation ID keeps 3 and 4 digits', async (t) => {
  t.equal(maskIdNumber('110101900307123'), '110********7123')
  t.equal(maskIdNumber('110101900307123').length, 15)
})

t.test('other documents keep the first and the last two characters', async (t) => {
  t.equal(maskIdNumber('E12345678'), 'E******78', 'passport')
  t.equal(maskIdNumber('11010119900307123'), '1**************23', 'a 17-digit mistyped ID')
  t.equal(maskIdNumber('1234'), '****', 'four characters or fewer are fully masked')
  t.equal(maskIdNumber(' 110101199003071234 '), '110***********1234', 'trimmed')
  t.equal(maskIdNumber(''), '')
})
