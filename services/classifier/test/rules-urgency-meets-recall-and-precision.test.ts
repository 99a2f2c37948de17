import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { Type } from '@sinclair/typebox'
import { parseDataFile } from '@hotline-hub/platform'
import { RuleSet } from '../src/rules/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'

const FIXTURE = fileURLToPath(new URL('./fixtures/urgency-cases.yaml', import.meta.url))
const LEVELS = ['紧急', '加急', '一般'] as const
type Level = (typeof LEVELS)[number]
const TRICKY = ['bill', 'past', 'negation', 'prevention', 'false-friend', 'hypothetical', 'longstanding', 'planned', 'pollution', 'figurative', 'tipdm']

const Case = Type.Object(
  {
    text: Type.String({ minLength: 1 }),
    urgency: Type.Union(LEVELS.map((l) => Type.Literal(l))),
    hazard: Type.Optional(Type.String({ minLength: 1 })),
    kind: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
)
const Fixture = Type.Object({ cases: Type.Array(Case, { minItems: 1 }) }, { additionalProperties: false })

const { cases } = parseDataFile(readFileSync(FIXTURE, 'utf8'), Fixture, FIXTURE)
const rules = RuleSet.load()
const results = cases.map((c) => {
  const normalized = normalizeText(c.text, { maxChars: 20000, traditionalLocale: 'tw' })
  return { c, normalized, r: rules.analyze(normalized) }
})

t.test('the fixture is large, varied and mostly tricky on the negative side', async (t) => {
  t.ok(cases.length >= 250, `${cases.length} cases`)
  const share = (l: Level) => cases.filter((c) => c.urgency === l).length / cases.length
  t.ok(share('紧急') >= 0.3 && share('紧急') <= 0.4, `紧急 ${share('紧急').toFixed(3)}`)
  t.ok(share('加急') >= 0.1 && share('加急') <= 0.2, `加急 ${share('加急').toFixed(3)}`)
  t.ok(share('一般') >= 0.45 && share('一般') <= 0.55, `一般 ${share('一般').toFixed(3)}`)
  const tricky = cases.filter((c) => c.urgency === '一般' && TRICKY.includes(c.kind))
  t.ok(tricky.length >= 100, `${tricky.length} tricky negatives`)
  for (const kind of ['traditional', 'typo', 'buried', 'calm', 'suspicion', 'tipdm']) t.ok(cases.some((c) => c.kind === kind), `has ${kind} cases`)
  t.equal(new Set(cases.map((c) => c.text)).size, cases.length, 'no case twice')
})

t.test('紧急: recall ≥ 0.95 and precision ≥ 0.8 over the fixture; the confusion matrix is printed', async (t) => {
  const matrix = new Map<string, number>()
  for (const { c, r } of results) matrix.set(`${c.urgency}>${r.urgency.value}`, (matrix.get(`${c.urgency}>${r.urgency.value}`) ?? 0) + 1)
  const n = (want: Level, got: Level) => matrix.get(`${want}>${got}`) ?? 0
  t.comment(`expected \\ tagged   ${LEVELS.join('   ')}`)
  for (const want of LEVELS) t.comment(`${want}              ${LEVELS.map((got) => String(n(want, got)).padStart(4)).join('  ')}`)
  for (const { c, r } of results)
    if (c.urgency !== r.urgency.value) t.comment(`✗ ${c.urgency} → ${r.urgency.value} [${c.kind}] ${c.text} — ${r.urgency.because.slice(0, 4).join(' | ')}`)

  const tp = n('紧急', '紧急')
  const recall = tp / (tp + n('紧急', '加急') + n('紧急', '一般'))
  const precision = tp / (tp + n('加急', '紧急') + n('一般', '紧急'))
  t.comment(`紧急 recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}`)
  t.ok(recall >= 0.95, `recall(紧急) ${recall.toFixed(3)}`)
  t.ok(precision >= 0.8, `precision(紧急) ${precision.toFixed(3)}`)

  const outageTp = n('加急', '加急')
  const outageRecall = outageTp / (outageTp + n('加急', '紧急') + n('加急', '一般'))
  const outagePrecision = outageTp / (outageTp + n('紧急', '加急') + n('一般', '加急'))
  t.ok(outageRecall >= 0.85, `recall(加急) ${outageRecall.toFixed(3)}`)
  t.ok(outagePrecision >= 0.85, `precision(加急) ${outagePrecision.toFixed(3)}`)
})

t.test('the hazard is the expected one where the fixture names it', async (t) => {
  const named = results.filter(({ c, r }) => c.hazard && r.urgency.value === c.urgency)
  const wrong = named.filter(({ c, r }) => r.hazard !== c.hazard)
  for (const { c, r } of wrong) t.comment(`hazard ${c.hazard} → ${r.hazard}: ${c.text}`)
  t.ok(named.length >= 150, `${named.length} cases name a hazard`)
  t.ok(wrong.length / named.length <= 0.1, `${wrong.length} of ${named.length} with another hazard`)
})

t.test('every tagged 紧急 or 加急 case carries a hazard, a rule and words of its text; 一般 carries no hazard', async (t) => {
  const problems: string[] = []
  for (const { c, normalized, r } of results) {
    if (r.urgency.value === '一般') {
      if (r.hazard !== null) problems.push(`一般 with hazard ${r.hazard}: ${c.text}`)
      continue
    }
    if (r.hazard === null) problems.push(`${r.urgency.value} without hazard: ${c.text}`)
    if (!r.urgency.because.some((b) => b.startsWith('规则 '))) problems.push(`no rule named: ${c.text}`)
    if (!r.urgency.because.some((b) => normalized.includes(b))) problems.push(`no word of the text named: ${c.text}`)
  }
  t.same(problems, [])
})
