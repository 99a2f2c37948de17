import t from 'tap'
import { MAX_BECAUSE, MAX_BECAUSE_CHARS, RuleSet } from '../src/rules/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'

const rules = RuleSet.load()
const analyze = (raw: string) => rules.analyze(normalizeText(raw, { maxChars: 20000, traditionalLocale: 'tw' }))

t.test('a gas leak names the words and the rule that fired', async (t) => {
  const r = analyze('小区楼道燃气味很重，怀疑泄漏')
  t.equal(r.urgency.value, '紧急')
  t.equal(r.hazard, '燃气泄漏')
  t.ok(r.urgency.because.some((b) => b === '燃气味' || b.includes('泄漏')), r.urgency.because.join(' | '))
  t.ok(r.urgency.because.some((b) => /^规则 gas-/.test(b)), 'names a gas rule')
  t.ok(r.urgency.confidence >= 0.9, `confidence ${r.urgency.confidence}`)
})

t.test('a negated word says what negated it', async (t) => {
  const r = analyze('我家没有闻到燃气味，就是燃气表走得快')
  t.equal(r.urgency.value, '一般')
  t.ok(r.urgency.because.some((b) => b.startsWith('「燃气味」被否定: 没有')), r.urgency.because.join(' | '))
  t.ok(r.urgency.because.some((b) => b.includes('规则 negation')), 'names the context rule')
})

t.test('a blocked word names the context that blocked it: past, hypothetical, bill, plan', async (t) => {
  const cases: [string, RegExp][] = [
    ['去年小区着火了，到现在也没人赔偿', /「着火」是过去的事: 去年/],
    ['如果发生火灾，高层住户怎么逃生', /「火灾」是假设: 如果/],
    ['明天停水吗', /「停水」是计划停水停电或通知: 明天/],
    ['天然气漏气检测收费标准是什么', /「漏气」是(缴费或办理: 收费标准|检查、宣传或演练: 检测)/],
    ['楼道堆满杂物，存在火灾隐患', /「火灾」是隐患或可能: 隐患/],
  ]
  for (const [text, pattern] of cases) {
    const r = analyze(text)
    t.equal(r.urgency.value, '一般', text)
    t.ok(r.urgency.because.some((b) => pattern.test(b)), `${text}: ${r.urgency.because.join(' | ')}`)
  }
})

t.test('a restored word says why it still counts', async (t) => {
  const r = analyze('上周停水，到现在还没来水')
  t.equal(r.urgency.value, '加急')
  t.equal(r.hazard, '停水')
  t.ok(r.urgency.because.includes('停水'))
  t.ok(r.urgency.because.some((b) => b.includes('虽有「上周」') && b.includes('不排除')), r.urgency.because.join(' | '))
})

t.test('a call for rescue is named as what strengthened the tag', async (t) => {
  const calm = analyze('楼下着火了')
  const loud = analyze('楼下着火了，快来人')
  t.equal(loud.urgency.value, '紧急')
  t.ok(loud.urgency.because.some((b) => b.startsWith('加强: 快来')), loud.urgency.because.join(' | '))
  t.ok(loud.urgency.confidence > calm.urgency.confidence, `${loud.urgency.confidence} > ${calm.urgency.confidence}`)
})

t.test('confidence follows the strength of evidence', async (t) => {
  const strong = analyze('三楼着火了，火势很大')
  const weaker = analyze('楼道里好像在冒烟')
  t.equal(weaker.urgency.value, '紧急')
  t.ok(strong.urgency.confidence > weaker.urgency.confidence, `${strong.urgency.confidence} > ${weaker.urgency.confidence}`)
  const nothing = analyze('小区门口的路灯坏了好几天了')
  const blocked = analyze('没有闻到燃气味')
  t.equal(nothing.urgency.value, '一般')
  t.ok(nothing.urgency.confidence > blocked.urgency.confidence, 'a blocked danger word leaves more doubt than none')
  t.same(nothing.urgency.because, ['未发现危及生命财产或水电气热中断的词语'])
})

t.test('two hazards at once: the emergency wins and the other is mentioned', async (t) => {
  const r = analyze('停电了，家里老人靠呼吸机，机器停了')
  t.equal(r.urgency.value, '紧急')
  t.equal(r.hazard, '人身伤害')
  t.ok(r.urgency.because.some((b) => b.startsWith('另有 停电')), r.urgency.because.join(' | '))
})

t.test('explanations stay within 50 items of 200 characters, even for a text full of blocked words', async (t) => {
  const unit = '如果燃气泄漏怎么办，去年着火了，没有人被困，明天停水吗，消防演练模拟火灾，'
  const r = analyze(unit.repeat(200))
  for (const tag of [r.urgency, r.appealType, ...r.subtopics]) {
    t.ok(tag.because.length >= 1 && tag.because.length <= MAX_BECAUSE, `${tag.because.length} items`)
    t.ok(tag.because.every((b) => b.length > 0 && b.length <= MAX_BECAUSE_CHARS), 'item lengths')
  }
  t.ok(r.sentiment.because.length <= MAX_BECAUSE)
})

t.test('the rules version is 12 hex digits and the same for the same files', async (t) => {
  t.match(rules.version, /^[0-9a-f]{12}$/)
  t.equal(RuleSet.load().version, rules.version)
})
