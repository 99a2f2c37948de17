import t from 'tap'
import { Matcher } from '../src/rules/matcher.ts'

/** The hits as readable strings: word@start. */
function found(m: Matcher, text: string): string[] {
  return m
    .search(text)
    .map((h) => `${m.words[h.word]}@${h.start}`)
    .sort()
}

t.test('finds overlapping and nested words in one pass', async (t) => {
  const m = new Matcher(['燃气', '燃气泄漏', '泄漏', '气泄', '漏'])
  t.same(found(m, '燃气泄漏了'), ['气泄@1', '泄漏@2', '漏@3', '燃气@0', '燃气泄漏@0'].sort())
  t.same(found(m, '燃燃气气泄漏漏'), ['气泄@3', '泄漏@4', '漏@5', '漏@6', '燃气@1'].sort())
  t.same(found(m, '没有关系'), [])
})

t.test('hits carry their exact span', async (t) => {
  const m = new Matcher(['着火', '火锅'])
  for (const h of m.search('吃火锅的时候着火了')) t.equal('吃火锅的时候着火了'.slice(h.start, h.end), m.words[h.word])
})

t.test('follows failure links across shared prefixes', async (t) => {
  const m = new Matcher(['甲乙丙丁', '乙丙戊', '丙戊己'])
  t.same(found(m, '甲乙丙戊己'), ['丙戊己@2', '乙丙戊@1'].sort())
  t.same(found(m, '甲乙丙甲乙丙丁'), ['甲乙丙丁@3'])
})

t.test('words starting or ending with ASCII letters or digits only match at a boundary', async (t) => {
  const m = new Matcher(['119', 'gas', '打119'])
  t.same(found(m, '快打119'), ['119@2', '打119@1'].sort())
  t.same(found(m, '1190元和11号'), [])
  t.same(found(m, 'gasoline, gas!'), ['gas@10'])
})

t.test('handles supplementary-plane characters and ignores empty and repeated words', async (t) => {
  const m = new Matcher(['𠀀火', '', '火', '火'])
  t.same(m.words, ['𠀀火', '火'])
  t.same(found(m, 'a𠀀火b'), ['火@3', '𠀀火@1'].sort())
  t.equal(m.idOf('火'), 1)
  t.equal(m.idOf('水'), -1)
})
