import t from 'tap'
import { normalizeText } from '../src/topic/normalize.ts'
import { DEFAULT_FEATURE_CONFIG } from '../src/topic/index.ts'
import { FeatureExtractor, surfaceOf } from '../src/topic/extract-features.ts'
import { loadSegmenter, segment } from '../src/topic/segment.ts'

const opts = DEFAULT_FEATURE_CONFIG

t.test('traditional → simplified, full-width → ASCII, lower case, whitespace collapsed, first line kept', async (t) => {
  t.equal(normalizeText('臺北市政府：社區暖氣不熱', opts), '台北市政府:社区暖气不热')
  t.equal(normalizeText('軟體與網路', opts), '软体与网路', 'characters only by default (tw)')
  t.equal(normalizeText('軟體與網路', { ...opts, traditionalLocale: 'twp' }), '软件与网络', 'Taiwan phrases with twp')
  t.equal(normalizeText('政府文件里说什么', opts), '政府文件里说什么', 'simplified text is left alone (no 文件 → 文档, no 么 → 幺)')
  t.equal(normalizeText('為什麼文件裡說', opts), '为什么文件里说')
  t.equal(normalizeText('ＡＢＣ　１２３４５', opts), 'abc 12345')
  t.equal(normalizeText('  标题  \r\n\n  正文   第二行 ', opts), '标题\n正文 第二行')
  t.equal(normalizeText('简体字不变：发展里面', opts), '简体字不变:发展里面')
  t.equal(normalizeText('', opts), '')
  t.equal(normalizeText(undefined, opts), '')
  t.equal(normalizeText('长'.repeat(30_000), opts).length, opts.maxChars)
  t.equal(normalizeText('a' + '𠀀'.repeat(10), { ...opts, maxChars: 4 }), 'a𠀀', 'no half surrogate pair left')
})

t.test('jieba with the user dictionary keeps hotline numbers and city terms whole', async (t) => {
  loadSegmenter()
  const words = segment('拨打12345热线反映暖气片不热，违建和市容环卫问题')
  for (const w of ['12345', '暖气片', '违建', '市容环卫']) t.ok(words.includes(w), `${w} in ${words.join('/')}`)
})

t.test('features: words, word bigrams, character n-grams and the title, with readable origins', async (t) => {
  const x = new FeatureExtractor({ ...opts, bits: 16, titleWeight: 1 })
  const raw = x.extract('物业不管\n暖气片不热，物业费照收')
  const surfaces = new Set(Array.from(raw.idx, (_, j) => surfaceOf(raw, j)))
  for (const s of ['物业', '暖气片', '物业不管', '暖', '暖气', '气片不', '费']) t.ok(surfaces.has(s), s)
  t.notOk([...surfaces].some((s) => /[，\n]/.test(s)), 'no punctuation or line breaks inside features')
  t.ok(raw.block.includes(2), 'title block present')
  const again = x.extract('物业不管\n暖气片不热，物业费照收')
  t.same(Array.from(again.idx), Array.from(raw.idx), 'the extractor resets between texts')
})
