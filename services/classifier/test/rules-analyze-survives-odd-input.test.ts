import t from 'tap'
import { APPEAL_TYPES, EMPTY_TEXT, EMERGENCY_HAZARDS, NO_USABLE_TEXT, OUTAGES, RuleSet, SENTIMENT_FLAGS, type RulesResult } from '../src/rules/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'

const rules = RuleSet.load()
const normalize = (raw: unknown) => normalizeText(raw, { maxChars: 20000, traditionalLocale: 'tw' })

/** What is wrong with a result's shape (empty = nothing). */
function problems(r: RulesResult): string[] {
  const out: string[] = []
  const tags = [r.urgency, r.appealType, ...r.subtopics]
  for (const tag of tags) {
    if (!(tag.confidence >= 0 && tag.confidence <= 1)) out.push(`confidence ${tag.confidence} of ${tag.value}`)
    if (!(tag.because.length >= 1 && tag.because.length <= 50)) out.push(`${tag.because.length} because of ${tag.value}`)
    if (!tag.because.every((b) => typeof b === 'string' && b.length > 0 && b.length <= 200)) out.push(`bad because of ${tag.value}`)
  }
  if (!['紧急', '加急', '一般'].includes(r.urgency.value)) out.push(`urgency ${r.urgency.value}`)
  const hazards: readonly string[] = r.urgency.value === '紧急' ? EMERGENCY_HAZARDS : r.urgency.value === '加急' ? OUTAGES : []
  if (r.urgency.value === '一般' ? r.hazard !== null : !hazards.includes(r.hazard ?? '')) out.push(`hazard ${r.hazard} for ${r.urgency.value}`)
  if (!(APPEAL_TYPES as readonly string[]).includes(r.appealType.value)) out.push(`appeal type ${r.appealType.value}`)
  if (!(r.sentiment.negativity >= 0 && r.sentiment.negativity <= 1)) out.push(`negativity ${r.sentiment.negativity}`)
  if (!r.sentiment.flags.every((f) => (SENTIMENT_FLAGS as readonly string[]).includes(f))) out.push(`flags ${r.sentiment.flags}`)
  if (r.sentiment.because.length === 0) out.push('no sentiment because')
  return out
}

t.test('empty and whitespace-only text: 一般, the default appeal type, because 文本为空', async (t) => {
  for (const raw of ['', '   ', '\n\t\u3000 \n', null, undefined, 42, {}]) {
    const r = rules.analyze(normalize(raw))
    t.same(problems(r), [], JSON.stringify(raw) ?? 'undefined')
    t.equal(r.urgency.value, '一般')
    t.same(r.urgency.because, [EMPTY_TEXT])
    t.equal(r.appealType.value, '求助')
    t.same(r.appealType.because, [EMPTY_TEXT])
    t.same(r.subtopics, [])
  }
  // Callers that skip normalization get the same answer.
  t.same(rules.analyze('   ').urgency.because, [EMPTY_TEXT])
  t.same(rules.analyze(undefined as unknown as string).urgency.because, [EMPTY_TEXT])
})

t.test('punctuation, symbols and emoji only: 一般 because 无可识别的文字', async (t) => {
  for (const raw of ['！！！？？？', '。。。……', '!!!???...', '——、、；；“”', '🙂🙂🙂', '¥%&*']) {
    const r = rules.analyze(normalize(raw))
    t.same(problems(r), [], raw)
    t.same(r.urgency.because, [NO_USABLE_TEXT], raw)
    t.equal(r.sentiment.negativity, 0, raw)
  }
})

t.test('a 50,000-character text gives a defined result, normalized or not', async (t) => {
  const unit = '小区物业不作为，暖气片不热，楼道燃气味很重，多次反映无人处理！'
  const long = unit.repeat(Math.ceil(50_000 / unit.length)).slice(0, 50_000)
  t.equal(long.length, 50_000)
  for (const text of [normalize(long), long]) {
    const r = rules.analyze(text)
    t.same(problems(r), [], `${text.length} characters`)
    t.equal(r.urgency.value, '紧急')
    t.equal(r.hazard, '燃气泄漏')
  }
  const noise = 'あ'.repeat(25_000) + '𠀀'.repeat(12_500) + '\ud800'
  t.same(problems(rules.analyze(noise)), [], 'kana, supplementary-plane ideographs and a lone surrogate')
})

t.test('English, pinyin and mixed scripts: a defined result', async (t) => {
  for (const raw of ['There is a gas leak in building 3, please help', 'ranqi xielou, kuai lai', 'Call 12345 ASAP!!!', '3号楼 gas 泄漏了']) {
    const r = rules.analyze(normalize(raw))
    t.same(problems(r), [], raw)
  }
  t.equal(rules.analyze(normalize('110号楼前的路灯坏了')).urgency.value, '一般', 'a house number is no emergency number')
})

t.test('traditional characters are tagged like simplified ones (after normalization)', async (t) => {
  const pairs: [string, string][] = [
    ['樓道裡煤氣味很重，懷疑洩漏', '楼道里煤气味很重，怀疑泄漏'],
    ['從昨天開始停水，到現在還沒有水', '从昨天开始停水，到现在还没有水'],
    ['請問燃氣費怎麼繳', '请问燃气费怎么缴'],
  ]
  for (const [traditional, simplified] of pairs) {
    const a = rules.analyze(normalize(traditional))
    const b = rules.analyze(normalize(simplified))
    t.same(problems(a), [], traditional)
    t.equal(a.urgency.value, b.urgency.value, traditional)
    t.equal(a.hazard, b.hazard, traditional)
    t.equal(a.appealType.value, b.appealType.value, traditional)
  }
  t.equal(rules.analyze(normalize('樓道裡煤氣味很重')).urgency.value, '紧急')
})
