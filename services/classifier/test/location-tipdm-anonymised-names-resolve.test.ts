import t from 'tap'
import { Gazetteer } from '../src/location/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'
import { DEFAULT_FEATURE_CONFIG } from '../src/topic/index.ts'

const gazetteer = Gazetteer.load()
const locate = (raw: string) => gazetteer.locate(normalizeText(raw, DEFAULT_FEATURE_CONFIG))

t.test('A3区, K8县 and C4市 are districts of the city of their letter', async (t) => {
  t.same(locate('A市A3区某小区物业乱收费'), { district: 'A3区', city: 'A市', confidence: 0.9, because: ['a3区', '规则 tipdm-district', 'A3区 → A市'] })
  t.match(locate('K8县的道路坑洼'), { district: 'K8县', city: 'K市' })
  t.match(locate('C4市龙洞镇'), { district: 'C4市', street: '龙洞镇', city: 'C市' })
  t.match(locate('D12市'), { district: 'D12市', city: 'D市' }, 'two digits')
  t.match(locate('ａ３区'), { district: 'A3区' }, 'full-width letters after NFKC')
})

t.test('A市 alone is a city, with no district', async (t) => {
  const r = locate('B市的公交车太挤')
  t.equal(r.city, 'B市')
  t.equal(r.district, undefined)
  t.equal(r.confidence, 0.9)
})

t.test('a street right after the district is in it (fallback, lower confidence)', async (t) => {
  const r = locate('A7县星沙街道居民反映')
  t.match(r, { district: 'A7县', street: '星沙街道', city: 'A市' })
  t.ok(r.confidence < 0.9 && r.confidence >= 0.5, String(r.confidence))
  t.ok(r.because.includes('规则 street-after-place'))
  t.match(locate('K8县坪阳乡'), { district: 'K8县', street: '坪阳乡' })
  t.match(locate('A8县双凫铺镇'), { district: 'A8县', street: '双凫铺镇' })
  t.match(locate('K11县县河路口镇'), { district: 'K11县', street: '河路口镇' }, 'the doubled 县 of the anonymisation is not part of the name')
})

t.test('a street named elsewhere in the text is kept, with a caveat', async (t) => {
  const r = locate('A市A5区的居民，关于洞井街道的问题')
  t.match(r, { district: 'A5区', street: '洞井街道' })
  t.ok(r.because.some((b) => b.includes('未必在')), r.because.join(' | '))
  t.match(locate('位于洞井街道'), { street: '洞井街道', district: undefined })
})

t.test('letters that are not anonymised names are not districts', async (t) => {
  t.notOk(locate('小区B区3栋').district, 'a block of a residential estate')
  t.notOk(locate('CBD区域').district)
  t.notOk(locate('usb3区').district, 'a letter run before the code')
  t.notOk(locate('A市区域内').district, '市区 is a false friend')
})
