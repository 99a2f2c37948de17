import t from 'tap'
import { EMPTY_TEXT, NO_USABLE_TEXT, TOPIC_LABELS, type TopicPrediction } from '../src/topic/index.ts'
import { shippedModel } from './topic-shipped-model.ts'

const model = shippedModel()

/** What is wrong with a prediction's shape (empty = nothing). */
function problems(p: TopicPrediction): string[] {
  const out: string[] = []
  if (!(TOPIC_LABELS as readonly string[]).includes(p.label)) out.push(`label ${p.label} is not a topic`)
  if (!(p.confidence >= 0 && p.confidence <= 1)) out.push(`confidence ${p.confidence}`)
  if (p.top.length !== 7) out.push(`${p.top.length} labels ranked`)
  if (p.top[0]?.label !== p.label) out.push('top[0] is not the label')
  if (Math.abs(p.top.reduce((s, x) => s + x.p, 0) - 1) > 1e-6) out.push('probabilities do not sum to 1')
  for (let i = 1; i < p.top.length; i++) if (p.top[i - 1]!.p < p.top[i]!.p) out.push('not ranked')
  if (!(Array.isArray(p.because) && p.because.length > 0 && p.because.every((b) => typeof b === 'string' && b.length > 0))) out.push('no because')
  return out
}

t.test('empty and whitespace-only text: the most common topic, confidence 0, because 文本为空', async (t) => {
  for (const text of ['', '   ', '\n\t\u3000 \n', null, undefined, 42, {}]) {
    const p = model.predict(text)
    t.same(problems(p), [], JSON.stringify(text) ?? 'undefined')
    t.equal(p.confidence, 0)
    t.same(p.because, [EMPTY_TEXT])
    t.equal(p.label, '劳动和社会保障', 'the largest class of the training data')
  }
})

t.test('punctuation only: nothing to go on, confidence 0', async (t) => {
  for (const text of ['！！！？？？', '。。。……', '!!!???...', '——、、；；“”', '🙂🙂🙂']) {
    const p = model.predict(text)
    t.same(problems(p), [], text)
    t.equal(p.confidence, 0, text)
    t.same(p.because, [NO_USABLE_TEXT], text)
  }
})

t.test('a 50,000-character text is classified (cut to maxChars) without trouble', async (t) => {
  const unit = '小区物业不作为，暖气片不热，供暖公司推诿扯皮，请住建局督促解决。'
  const long = unit.repeat(Math.ceil(50_000 / unit.length)).slice(0, 50_000)
  t.equal(long.length, 50_000)
  const p = model.predict(long)
  t.same(problems(p), [], 'long')
  t.equal(p.label, '城乡建设')
  const noise = 'あ'.repeat(25_000) + '𠀀'.repeat(12_500) // kana and a supplementary-plane ideograph
  t.same(problems(model.predict(noise)), [], 'long noise')
})

t.test('traditional Chinese and mixed scripts classify like simplified', async (t) => {
  const simplified = model.predict('我们小区的物业公司乱收费，暖气也不热，业主多次反映没人管')
  const traditional = model.predict('我們社區的物業公司亂收費，暖氣也不熱，業主多次反映沒人管')
  const mixed = model.predict('我們小区的物業公司乱收費，暖气也不熱，業主多次反映没人管')
  for (const p of [simplified, traditional, mixed]) t.same(problems(p), [], 'script')
  t.equal(traditional.label, simplified.label)
  t.equal(mixed.label, simplified.label)
  t.equal(simplified.label, '城乡建设')
  t.equal(model.predict('醫院的醫生收紅包，護士態度很差').label, '卫生计生')
})

t.test('English, pinyin, digits and full-width letters do not crash', async (t) => {
  for (const text of ['The bus station near my home is always crowded', 'xiaoqu wuye bu guan shi, nuanqi bu re', '12345', 'ＡＢＣ１２３', 'A3区 12345热线 bus 公交车 站台 太远了', 'a', '乱']) {
    t.same(problems(model.predict(text)), [], text)
  }
  t.equal(model.predict('A3区出租车拒载，taxi 司机还绕路').label, '交通运输')
  t.equal(model.predict('網約車司機繞路多收費').label, '交通运输')
})
