import t from 'tap'
import { RuleSet, SENTIMENT_FLAGS } from '../src/rules/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'

const rules = RuleSet.load()
const analyze = (raw: string) => rules.analyze(normalizeText(raw, { maxChars: 20000, traditionalLocale: 'tw' }))

t.test('each flag fires on its words and names them', async (t) => {
  const cases: [string, string, string][] = [
    ['这个问题我已经多次反映，一直没人管', '重复反映', '多次反映'],
    ['再不解决我们就找媒体曝光，发到网上', '媒体/网络', '曝光'],
    ['全体业主联名要求撤换物业', '集体', '联名'],
    ['他扬言再不给钱就去跳楼', '极端', '扬言'],
  ]
  for (const [text, flag, word] of cases) {
    const r = analyze(text)
    t.ok(r.sentiment.flags.includes(flag), `${text}: ${r.sentiment.flags.join(',')}`)
    t.ok(r.sentiment.because.some((b) => b.startsWith(`${flag}: `) && b.includes(word)), r.sentiment.because.join(' | '))
  }
  t.same(analyze('请问社保卡怎么办理').sentiment.flags, [], 'a plain question raises no flag')
})

t.test('false friends raise no flag: 村集体土地, 网上缴费, 跳楼价', async (t) => {
  for (const text of ['村集体土地的承包怎么办理', '网上缴费怎么操作', '商场打出跳楼价']) t.same(analyze(text).sentiment.flags, [], text)
})

t.test('negativity grows with anger, intensifiers and exclamation marks, within 0..1', async (t) => {
  const neutral = analyze('请问公交卡在哪里办理')
  const mild = analyze('小区垃圾没人清理，影响生活')
  const angry = analyze('物业不作为，推诿扯皮，我们非常愤怒，忍无可忍！！！')
  t.equal(neutral.sentiment.negativity, 0)
  t.ok(mild.sentiment.negativity > 0, `mild ${mild.sentiment.negativity}`)
  t.ok(angry.sentiment.negativity > mild.sentiment.negativity + 0.2, `angry ${angry.sentiment.negativity} > mild ${mild.sentiment.negativity}`)
  t.ok(angry.sentiment.because.some((b) => b.startsWith('愤怒 (非常')), 'the intensifier is named')
  t.ok(angry.sentiment.because.some((b) => b.startsWith('感叹号 3 个')), 'the exclamation marks are counted')
  const furious = analyze('忍无可忍！强烈不满！无法无天！欺人太甚！'.repeat(50))
  t.ok(furious.sentiment.negativity > 0.9 && furious.sentiment.negativity <= 1, `clamped ${furious.sentiment.negativity}`)
  const thanks = analyze('非常感谢社区的帮助，问题圆满解决，非常满意')
  t.equal(thanks.sentiment.negativity, 0, 'praise is not negative')
})

t.test('flags are only the four of the domain', async (t) => {
  const r = analyze('我们几十户业主多次反映无果，已经联系了记者，有人扬言要拉横幅')
  t.ok(r.sentiment.flags.length === 4, r.sentiment.flags.join(','))
  t.ok(r.sentiment.flags.every((f) => (SENTIMENT_FLAGS as readonly string[]).includes(f)))
})
