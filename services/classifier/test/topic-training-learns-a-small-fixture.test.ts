import t from 'tap'
import { trainTopicModel, type LearnerParams } from '../src/topic/index.ts'
import { FIXTURE_LABELS, FIXTURE_PARAMS, fixtureTexts } from './topic-fixture.ts'

const now = new Date('2026-01-02T03:04:05Z')

t.test('a model trained on the fixture predicts the fixture and held-out texts', async (t) => {
  const model = trainTopicModel({ examples: fixtureTexts(8), params: FIXTURE_PARAMS, now })
  t.same([...model.labels], FIXTURE_LABELS)
  for (const e of fixtureTexts(8)) t.equal(model.predict(e.text).label, e.label, `train: ${e.text.slice(0, 12)}`)
  const heldOut = fixtureTexts(3, 4).map((e) => ({ ...e, text: e.text.replace('我们这里', '小区附近') }))
  const right = heldOut.filter((e) => model.predict(e.text).label === e.label).length
  t.ok(right >= heldOut.length - 1, `held-out: ${right}/${heldOut.length}`)
  t.equal(model.predict('社区医院的医生态度很差，疫苗也打不上').label, '卫生计生')
  t.equal(model.predict('拖欠农民工工资，社保也不交').label, '劳动和社会保障')
})

t.test('training is deterministic and the version is date + hash', async (t) => {
  const a = trainTopicModel({ examples: fixtureTexts(6), params: FIXTURE_PARAMS, now })
  const b = trainTopicModel({ examples: fixtureTexts(6), params: FIXTURE_PARAMS, now })
  t.match(a.version, /^20260102-[0-9a-f]{10}$/)
  t.equal(a.version, b.version)
  t.same(Buffer.from(a.data.table.cells.buffer), Buffer.from(b.data.table.cells.buffer), 'same weights bit for bit')
  const c = trainTopicModel({ examples: fixtureTexts(6), params: { ...FIXTURE_PARAMS, learner: { ...FIXTURE_PARAMS.learner, seed: 1 } as LearnerParams }, now })
  t.not(c.version, a.version, 'other parameters, other version')
  const d = trainTopicModel({ examples: fixtureTexts(7), params: FIXTURE_PARAMS, now })
  t.not(d.version, a.version, 'other data, other version')
})

t.test('the baselines train too: naive Bayes and logistic regression', async (t) => {
  for (const learner of [
    { kind: 'nb', variant: 'complement', alpha: 0.1 },
    { kind: 'nb', variant: 'multinomial', alpha: 0.1 },
    { kind: 'logreg', l2: 1e-6, learningRate: 0.5, epochs: 10, balanced: true, seed: 1 },
    { kind: 'svm', C: 1, loss: 'l1', balanced: false, maxEpochs: 50, eps: 0.1, seed: 1 },
  ] as const) {
    const model = trainTopicModel({ examples: fixtureTexts(8), params: { ...FIXTURE_PARAMS, learner }, now })
    const right = fixtureTexts(8).filter((e) => model.predict(e.text).label === e.label).length
    t.ok(right >= 54, `${learner.kind}/${'variant' in learner ? learner.variant : ''}: ${right}/56`)
  }
})

t.test('dev texts give metrics and a confidence temperature', async (t) => {
  const model = trainTopicModel({ examples: fixtureTexts(8), dev: fixtureTexts(3, 4), params: FIXTURE_PARAMS, now })
  const dev = model.data.metrics.dev!
  t.equal(dev.n, 21)
  t.ok(dev.macroF1 > 0.8, `dev macro-F1 ${dev.macroF1}`)
  t.equal(dev.perClass.length, 7)
  t.ok(model.data.temperature > 0)
  t.equal(model.data.training.examples, 56)
  t.same(model.data.training.bySource, { train: 56 })
})
