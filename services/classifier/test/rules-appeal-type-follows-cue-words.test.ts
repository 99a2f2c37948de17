import t from 'tap'
import { RuleSet } from '../src/rules/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'

const rules = RuleSet.load()
const analyze = (raw: string) => rules.analyze(normalizeText(raw, { maxChars: 20000, traditionalLocale: 'tw' }))

t.test('each appeal type is recognized by its cue words, which are named', async (t) => {
  const cases: [string, string, string][] = [
    ['感谢城管局的王队长，帮我们解决了占道经营的问题，特此表扬', '表扬', '表扬'],
    ['给社区的工作人员点赞，还送了一面锦旗', '表扬', '点赞'],
    ['举报某餐馆无证经营，后厨卫生很差', '举报', '举报'],
    ['有人在河边偷排污水，请环保局查处', '举报', '偷排'],
    ['我要投诉某驾校乱收费，还不退钱', '投诉', '投诉'],
    ['物业推诿扯皮，态度恶劣', '投诉', '推诿'],
    ['建议在我们小区门口增设一个公交站点', '建议', '建议'],
    ['能否考虑在学校门口设置红绿灯', '建议', '能否考虑'],
    ['请问新生入学需要准备哪些材料', '咨询', '请问'],
    ['社保卡怎么办理？', '咨询', '怎么办理'],
    ['求求你们帮帮我们吧，孩子病了没钱治', '求助', '求求'],
  ]
  for (const [text, type, word] of cases) {
    const r = analyze(text)
    t.equal(r.appealType.value, type, `${text} → ${r.appealType.value} (${r.appealType.because.join(' | ')})`)
    t.ok(r.appealType.because.includes(word), `${text}: names ${word}`)
    t.ok(r.appealType.confidence > 0 && r.appealType.confidence <= 1, `confidence ${r.appealType.confidence}`)
  }
})

t.test('举报 beats 投诉 when both are named; a closing 谢谢 is no praise', async (t) => {
  t.equal(analyze('我要投诉并举报这家黑作坊非法生产').appealType.value, '举报')
  const polite = analyze('交房四年了还没有办好房产证，请相关部门尽快处理，谢谢')
  t.not(polite.appealType.value, '表扬')
})

t.test('nothing to go on: the documented default, 求助, with a reason', async (t) => {
  const r = analyze('小区门口的路灯坏了')
  t.equal(r.appealType.value, '求助')
  t.same(r.appealType.because, ['无明确诉求词，默认求助（描述问题、希望解决）'])
})

t.test('cues in the subject line weigh more than the same cues in the body', async (t) => {
  const subject = analyze('投诉物业\n请问物业费什么时候交')
  const body = analyze('物业的事\n请问物业费什么时候交，投诉')
  t.equal(subject.appealType.value, '投诉', subject.appealType.because.join(' | '))
  t.equal(body.appealType.value, '咨询', body.appealType.because.join(' | '))
})
