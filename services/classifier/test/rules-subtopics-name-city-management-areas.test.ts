import t from 'tap'
import { RuleSet } from '../src/rules/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'

const rules = RuleSet.load()
const analyze = (raw: string) => rules.analyze(normalizeText(raw, { maxChars: 20000, traditionalLocale: 'tw' }))

t.test('all subtopics that fire are returned, strongest first, each with its words', async (t) => {
  const r = analyze('暖气片不热，供暖公司说是物业的问题，交了暖气费也没人管，物业费照收，物业公司推诿')
  const values = r.subtopics.map((s) => s.value)
  t.ok(values.includes('供热') && values.includes('物业管理'), values.join(','))
  for (let i = 1; i < r.subtopics.length; i++) t.ok(r.subtopics[i - 1]!.confidence >= r.subtopics[i]!.confidence, 'ranked')
  const heating = r.subtopics.find((s) => s.value === '供热')!
  t.ok(heating.because.includes('暖气片'), heating.because.join(' | '))
  t.ok(heating.confidence > 0 && heating.confidence < 1)
})

t.test('one subtopic per kind of city-management problem', async (t) => {
  const cases: [string, string][] = [
    ['小区里有人私搭乱建，违章建筑越来越多', '违法建设'],
    ['路面坑洼不平，井盖也坏了', '道路设施'],
    ['楼下广场舞噪音太大，晚上睡不着', '噪声扰民'],
    ['拆迁补偿款一直不到位', '征收拆迁'],
    ['小区乱停车，停车位被占', '停车管理'],
    ['路边摆摊占道经营', '占道经营'],
    ['垃圾站臭气熏天，环卫不清运', '市容环卫'],
    ['绿化带里的树被砍了', '园林绿化'],
    ['燃气管道老化，燃气公司不管', '燃气'],
    ['自来水水质差，水压也低', '供水'],
  ]
  for (const [text, value] of cases) {
    const r = analyze(text)
    t.equal(r.subtopics[0]?.value, value, `${text} → ${r.subtopics.map((s) => s.value).join(',')}`)
  }
})

t.test('a text about nothing of city management has no subtopic', async (t) => {
  t.same(analyze('请问社保卡丢了怎么补办').subtopics, [])
  t.same(analyze('树立良好的服务意识').subtopics, [], 'a false friend (树立) is masked')
})
