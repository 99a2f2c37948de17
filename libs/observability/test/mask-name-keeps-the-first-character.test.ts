import t from 'tap'
import { maskName } from '../src/index.ts'

t.test('Chinese names keep the surname character, one * per other character', async (t) => {
  t.equal(maskName('张三'), '张*')
  t.equal(maskName('张三丰'), '张**', 'DOMAIN.md: 张**')
  t.equal(maskName('欧阳娜娜'), '欧***', 'compound surname: only its first character')
  t.equal(maskName('张先生'), '张**')
  t.equal(maskName(' 李四 '), '李*', 'trimmed')
})

t.test('a one-character name is fully masked', async (t) => {
  t.equal(maskName('王'), '*')
  t.equal(maskName('J'), '*')
})

t.test('separators stay: minority and foreign names', async (t) => {
  t.equal(maskName('买买提·艾力'), '买**·**')
  t.equal(maskName('John Smith'), 'J*** *****')
  t.equal(maskName('Mary-Jane'), 'M***-****')
})

t.test('characters outside the BMP count as one', async (t) => {
  t.equal(maskName('𠀀三'), '𠀀*')
  t.equal(maskName('张𠀀'), '张*')
})

t.test('empty stays empty', async (t) => {
  t.equal(maskName(''), '')
})
