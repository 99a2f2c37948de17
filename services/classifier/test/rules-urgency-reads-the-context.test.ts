import t from 'tap'
import { RuleSet } from '../src/rules/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'

// The context cases named in the brief (DOMAIN "Emergency reporting"): each
// pair shows the same danger word counting, and not counting, by context.
const rules = RuleSet.load()
const analyze = (raw: string) => rules.analyze(normalizeText(raw, { maxChars: 20000, traditionalLocale: 'tw' }))

/** The cases whose urgency or hazard is not the expected one, with the explanation given. */
function mismatches(cases: [text: string, urgency: string, hazard: string | null][]): string[] {
  const out: string[] = []
  for (const [text, urgency, hazard] of cases) {
    const r = analyze(text)
    if (r.urgency.value !== urgency || r.hazard !== hazard)
      out.push(`${text}: ${r.urgency.value}/${r.hazard}, expected ${urgency}/${hazard} (${r.urgency.because.slice(0, 3).join(' | ')})`)
  }
  return out
}

t.test('a question about a bill or an application is no leak and no outage', async (t) => {
  t.same(mismatches([
    ['请问燃气费怎么交', '一般', null],
    ['供暖费的收费标准是多少', '一般', null],
    ['暖气费怎么交，可以网上缴费吗', '一般', null],
    ['燃气开户需要什么材料', '一般', null],
    ['房子过户后燃气怎么过户', '一般', null],
    ['我家想改燃气管道，去哪里申请', '一般', null],
    ['新房安装燃气怎么申请', '一般', null],
    ['交了暖气费，暖气还是不热', '加急', '停暖'],
  ]), [])
})

t.test('an event of the past is no emergency now, but one of just now is', async (t) => {
  t.same(mismatches([
    ['去年的火灾到现在都没有赔偿', '一般', null],
    ['上个月小区着火，烧了两辆车', '一般', null],
    ['前几年这条路塌陷过，现在又有裂缝', '一般', null],
    ['火已经扑灭了，但楼道全是黑灰', '一般', null],
    ['燃气泄漏的事已处理，想问问费用谁出', '一般', null],
    ['刚才着火了，就在三楼', '紧急', '火灾'],
    ['昨晚开始停水至今', '加急', '停水'],
  ]), [])
})

t.test('a negated word does not count', async (t) => {
  t.same(mismatches([
    ['没有闻到燃气味', '一般', null],
    ['不是着火，是邻居在烧烤', '一般', null],
    ['燃气公司检查后未发现泄漏', '一般', null],
    ['电梯停了一下，没有人员被困', '一般', null],
    ['刚才有人在门口摔了一跤，好在无人受伤', '一般', null],
    ['家里没有热水也没有暖气了', '加急', '停暖'],
  ]), [])
})

t.test('prevention, inspection, publicity, drills and hypotheticals are no emergency', async (t) => {
  t.same(mismatches([
    ['建议开展消防安全检查', '一般', null],
    ['社区防火宣传不到位', '一般', null],
    ['单位下周搞火灾应急演练', '一般', null],
    ['安全隐患整改不到位，存在火灾隐患', '一般', null],
    ['如果发生火灾怎么办', '一般', null],
    ['灭火器过期了没人换', '一般', null],
    ['万一电梯困人应该打什么电话', '一般', null],
  ]), [])
})

t.test('a long-standing risk is 一般; a collapse that is starting now is 紧急', async (t) => {
  t.same(mismatches([
    ['这栋楼年久失修，随时可能倒塌', '一般', null],
    ['墙体开裂已经好多年了，一直没人管', '一般', null],
    ['危房存在坍塌隐患', '一般', null],
    ['墙体开裂严重，今天早上发现房子开始倾斜了', '紧急', '坍塌/塌陷'],
    ['楼顶在往下掉渣，墙体裂缝越来越大', '紧急', '坍塌/塌陷'],
    ['路面突然塌陷，一辆车掉进去了', '紧急', '坍塌/塌陷'],
  ]), [])
})

t.test('words that merely contain a danger word are no danger', async (t) => {
  t.same(mismatches([
    ['楼下火锅店油烟太大', '一般', null],
    ['火车站出租车拒载', '一般', null],
    ['这家店生意火爆', '一般', null],
    ['领导一问就发火', '一般', null],
    ['孩子吃了有点上火', '一般', null],
    ['殡仪馆火化收费太贵', '一般', null],
    ['老街的烟火气没有了', '一般', null],
    ['电梯卡刷不了', '一般', null],
    ['采煤塌陷区改造什么时候开始', '一般', null],
    ['煤气罐配送太贵', '一般', null],
    ['防汛物资储备不足', '一般', null],
    ['厨房的水管阀门漏了，一直滴水', '一般', null],
    ['轮胎漏气了，附近有没有修车的', '一般', null],
    ['电梯困人了，我们在里面出不去', '紧急', '人员被困'],
  ]), [])
})

t.test('a planned outage asked about in advance is 一般; an outage now is 加急 even as a question', async (t) => {
  t.same(mismatches([
    ['明天停水吗？', '一般', null],
    ['停水通知贴在哪里', '一般', null],
    ['下周二是不是要停电检修', '一般', null],
    ['停水两天了什么时候恢复？', '加急', '停水'],
    ['为什么又停电了', '加急', '停电'],
    ['暖气片冰凉，家里只有十二度', '加急', '停暖'],
    ['燃气灶打不着火，整个楼都没气了', '加急', '停气'],
  ]), [])
})

t.test('a frequent problem is a complaint; the same problem now is an outage or an emergency', async (t) => {
  t.same(mismatches([
    ['我们村经常停电，希望改造线路', '一般', null],
    ['经常停电，今天又停了一整天', '加急', '停电'],
    ['小区电梯经常困人，物业不管', '一般', null],
    ['小区电梯经常坏，今天又把人困在里面了', '紧急', '人员被困'],
  ]), [])
})

t.test('threats of self-harm count even when conditional; the hypothetical rule does not apply to them', async (t) => {
  t.same(mismatches([
    ['再不解决我就从楼上跳下去', '紧急', '自伤风险'],
    ['他扬言要和开发商同归于尽', '紧急', '自伤风险'],
    ['我真的不想活了', '紧急', '自伤风险'],
    ['商场打出跳楼价', '一般', null],
  ]), [])
})
