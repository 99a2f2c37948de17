import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { mergeFeedback, readFeedback, trainTopicModel, TopicDataError, TOPIC_LABELS } from '../src/topic/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'
import { FIXTURE_PARAMS, fixtureTexts } from './topic-fixture.ts'

const dir = mkdtempSync(join(tmpdir(), 'topic-feedback-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const labels = [...TOPIC_LABELS]
const key = (s: string) => normalizeText(s, FIXTURE_PARAMS.features)

t.test('corrections are read from JSONL: text or subject/body, label, optional weight', async (t) => {
  const file = join(dir, 'ok.jsonl')
  writeFileSync(
    file,
    [
      JSON.stringify({ caseId: 'c1', text: '小区门口的烧烤摊油烟很大', label: '环境保护', correctedBy: 'duty-1' }),
      '',
      JSON.stringify({ subject: '公交站台', body: '站台被小贩占了', label: '交通运输', weight: 3 }),
    ].join('\n'),
  )
  const rows = readFeedback(file, labels)
  t.same(rows, [
    { text: '小区门口的烧烤摊油烟很大', label: '环境保护', source: 'feedback', weight: 1 },
    { text: '公交站台\n站台被小贩占了', label: '交通运输', source: 'feedback', weight: 3 },
  ])
})

t.test('a bad correction line is refused with its line number', async (t) => {
  const file = join(dir, 'bad.jsonl')
  writeFileSync(file, `${JSON.stringify({ text: 'x', label: '环境保护' })}\n${JSON.stringify({ text: '油烟', label: '噪声' })}\n`)
  t.throws(() => readFeedback(file, labels), { name: 'TopicDataError', message: /bad\.jsonl:2: label "噪声"/ })
  writeFileSync(file, '{not json\n')
  t.throws(() => readFeedback(file, labels), TopicDataError)
  writeFileSync(file, `${JSON.stringify({ label: '环境保护' })}\n`)
  t.throws(() => readFeedback(file, labels), /needs text/)
})

t.test('a correction relabels the same text (after normalization) and the latest one wins; new texts are added', async (t) => {
  const base = [
    { text: '小区物业乱收费', label: '城乡建设', source: 'train' },
    { text: '医院排队太久', label: '卫生计生', source: 'train' },
  ]
  const feedback = [
    { text: '小區物業亂收費 ', label: '商贸旅游', source: 'feedback' },
    { text: '小区物业乱收费', label: '劳动和社会保障', source: 'feedback' },
    { text: '景区门票太贵', label: '商贸旅游', source: 'feedback' },
  ]
  const merged = mergeFeedback(base, feedback, key)
  t.equal(merged.replaced, 1)
  t.equal(merged.added, 1)
  t.same(merged.examples.map((e) => e.label), ['劳动和社会保障', '卫生计生', '商贸旅游'])
})

t.test('the next training run follows the officers: a corrected text is predicted with its new label', async (t) => {
  const examples = fixtureTexts(8)
  const target = examples.find((e) => e.label === '城乡建设')!
  const before = trainTopicModel({ examples, params: FIXTURE_PARAMS })
  t.equal(before.predict(target.text).label, '城乡建设')
  const feedback = [{ text: target.text, label: '商贸旅游', source: 'feedback', weight: 5 }]
  const merged = mergeFeedback(examples, feedback, key)
  const after = trainTopicModel({ examples: merged.examples, params: FIXTURE_PARAMS, feedbackReplaced: merged.replaced })
  t.equal(after.predict(target.text).label, '商贸旅游')
  t.equal(after.data.training.feedbackReplaced, 1)
  t.equal(after.data.training.bySource.feedback, 1)
  t.not(after.version, before.version)
})
