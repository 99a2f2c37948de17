import t from 'tap'
import { maskPhone } from '../src/index.ts'

t.test('mainland mobile numbers become 138****5678', async (t) => {
  t.equal(maskPhone('13812345678'), '138****5678')
  t.equal(maskPhone(' 19912345678 '), '199****5678', 'trimmed')
  t.equal(maskPhone('138-1234-5678'), '138****5678')
  t.equal(maskPhone('138 1234 5678'), '138****5678')
  t.equal(maskPhone('+8613812345678'), '+86 138****5678')
  t.equal(maskPhone('+86 138 1234 5678'), '+86 138****5678')
  t.equal(maskPhone('86-13812345678'), '+86 138****5678')
})

t.test('landline numbers keep the area code and the last four digits', async (t) => {
  t.equal(maskPhone('0451-86661234'), '0451-****1234')
  t.equal(maskPhone('010-12345678'), '010-****5678')
  t.equal(maskPhone('(010)12345678'), '010-****5678')
  t.equal(maskPhone('0451 8666123'), '0451-***6123', 'a 7-digit local number')
  t.equal(maskPhone('045186661234'), '0451-****1234', 'no separator')
  t.equal(maskPhone('0451-86661234-802'), '0451-****1234', 'extension dropped')
  t.equal(maskPhone('0451-86661234转802'), '0451-****1234')
})

t.test('other numbers keep only their last four digits', async (t) => {
  t.equal(maskPhone('86661234'), '****1234', 'landline without area code')
  t.equal(maskPhone('12812345678'), '*******5678', '12x is not a mobile prefix')
  t.equal(maskPhone('+1 415 555 2671'), '+* *** *** 2671', 'foreign number: separators stay')
})

t.test('short public service numbers and empty values are unchanged', async (t) => {
  t.equal(maskPhone('12345'), '12345')
  t.equal(maskPhone('110'), '110')
  t.equal(maskPhone('95598'), '95598')
  t.equal(maskPhone(''), '')
  t.equal(maskPhone('   '), '')
})
