import t from 'tap'
import { Gazetteer } from '../src/location/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'
import { DEFAULT_FEATURE_CONFIG } from '../src/topic/index.ts'

const gazetteer = Gazetteer.load()

t.test('empty, odd and huge texts give a defined result', async (t) => {
  t.same(gazetteer.locate(''), { confidence: 0, because: [] })
  t.same(gazetteer.locate(normalizeText('   \n ', DEFAULT_FEATURE_CONFIG)), { confidence: 0, because: [] })
  t.same(gazetteer.locate(undefined as unknown as string), { confidence: 0, because: [] }, 'not a string')
  for (const odd of ['区', '县县县县', '街道', '镇乡区县市', 'a', '。。。', '🏠🏠区', '\u0000\uffff区', 'a1区'.repeat(3)]) {
    const r = gazetteer.locate(normalizeText(odd, DEFAULT_FEATURE_CONFIG))
    t.type(r.confidence, 'number', odd)
    t.ok(Array.isArray(r.because), odd)
  }
  const huge = ('南岗区花园街道燃气泄漏，' + '的'.repeat(40) + '小区社区区县镇乡'.repeat(20)).repeat(300).slice(0, 50_000)
  t.equal(huge.length, 50_000)
  const r = gazetteer.locate(huge)
  t.match(r, { district: '南岗区', street: '花园街道' })
  const noise = Array.from({ length: 50_000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20_000))).join('')
  t.type(gazetteer.locate(noise).confidence, 'number', '50,000 random ideographs')
})

t.test('a lone surrogate or mixed scripts do not throw', async (t) => {
  t.doesNotThrow(() => gazetteer.locate('\ud800南岗区\udc00'))
  t.match(gazetteer.locate('\ud800南岗区\udc00'), { district: '南岗区' })
  t.match(gazetteer.locate('nangang南岗区123号'), { district: '南岗区' })
})
