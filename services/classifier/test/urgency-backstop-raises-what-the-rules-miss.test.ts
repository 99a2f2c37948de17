import t from 'tap'
import { loadClassifier } from '../src/classify/load-classifier.ts'

// The same classifier with and without the backstop model (rules alone).
const withModel = loadClassifier()
const rulesOnly = loadClassifier({ urgencyModel: 'none' })

t.test('the version names the backstop model', async (t) => {
  t.match(withModel.version, /\+u[0-9a-f]{10}$/)
  t.notMatch(rulesOnly.version, /\+u/)
})

t.test('an emergency the rules miss is raised to 紧急, and the explanation says it was the model', async (t) => {
  // Wording the rule files do not know: a swinging crane hook over workers; an acrid smell making people's eyes hurt.
  for (const content of ['工地上那个吊车的大钩子一直在晃，底下全是工人，随时会砸下来', '化工厂那边一股刺鼻的味道，好多人眼睛疼']) {
    t.equal(rulesOnly.classify({ content }).urgency.value, '一般', `the rules alone miss: ${content}`)
    const u = withModel.classify({ content }).urgency
    t.equal(u.value, '紧急', content)
    t.match(u.because[0], /^模型兜底判为紧急 \(p=0\.\d\d\)$/)
    t.ok(u.because.includes('规则判为一般'), 'and what the rules said')
    t.ok(u.confidence >= 0.5)
  }
})

t.test('what the rules already judge stays theirs; everyday appeals stay 一般', async (t) => {
  const gas = withModel.classify({ content: '小区楼道燃气味很重，怀疑泄漏' })
  t.equal(gas.urgency.value, '紧急')
  t.notMatch(gas.urgency.because[0], /模型兜底/, 'the rules fired: their words explain it')
  t.ok(gas.subtopics.some((s) => s.value === '燃气泄漏'))
  for (const content of ['请问燃气费怎么交', '去年我们小区着过一次火，现在消防通道又被堵了', '建议在学校门口增设红绿灯', '']) {
    t.equal(withModel.classify({ content }).urgency.value, '一般', content || '(empty)')
  }
})
