import t from 'tap'
import { Gazetteer } from '../src/location/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'
import { DEFAULT_FEATURE_CONFIG } from '../src/topic/index.ts'

const gazetteer = Gazetteer.load()
const locate = (raw: string) => gazetteer.locate(normalizeText(raw, DEFAULT_FEATURE_CONFIG))

t.test('a street implies its district and city', async (t) => {
  const r = locate('花园街道一小区楼道里暖气不热')
  t.equal(r.street, '花园街道')
  t.equal(r.district, '南岗区')
  t.equal(r.city, '哈尔滨市')
  t.ok(r.because.includes('花园街道 → 南岗区'), 'because says the district was implied')
  t.ok(r.confidence < locate('南岗区花园街道').confidence, 'less sure than when the district is named too')
})

t.test('district and street named together give both, with the words that fired', async (t) => {
  t.same(locate('南岗区花园街道教化街30号燃气泄漏'), { district: '南岗区', street: '花园街道', city: '哈尔滨市', confidence: 0.95, because: ['南岗区', '花园街道', '地名库 harbin'] })
  const r = locate('天津市河西区友谊路街道小区门口')
  t.match(r, { city: '天津市', district: '河西区', street: '友谊路街道' })
})

t.test('aliases: short forms, old names and the short form of a 民族乡', async (t) => {
  t.match(locate('南岗文化街道'), { district: '南岗区', street: '文化街道' })
  t.match(locate('天津蓟县下营镇山上'), { district: '蓟州区', street: '下营镇', city: '天津市' })
  t.match(locate('塘沽区的居民反映'), { district: '滨海新区', city: '天津市' })
  t.match(locate('五常市红旗乡'), { district: '五常市', street: '红旗满族乡' })
  t.match(locate('长春净月区有人占道经营'), { district: '长春净月高新技术产业开发区', city: '长春市' })
})

t.test('weak aliases count only with their city or district named', async (t) => {
  t.same(locate('道里').district, undefined, '道里 alone is not a place')
  t.match(locate('哈尔滨道里这边'), { district: '道里区', city: '哈尔滨市', confidence: 0.8 })
  t.match(locate('南岗区花园街有人占道'), { district: '南岗区', street: '花园街道', because: ['南岗区', '花园街', '地名库 harbin'] })
  t.notOk(locate('小区在花园街附近').street, '花园街 alone (many cities have one) is not the street')
  t.notOk(locate('朝阳升起').district, '朝阳 alone is not 朝阳区')
  t.match(locate('长春市朝阳的红旗街'), { district: '朝阳区', street: '红旗街道', city: '长春市' })
})

t.test('an alias that begins a longer name does not count', async (t) => {
  t.notOk(locate('南岗村村委会').district, '南岗村 is not 南岗区')
  t.notOk(locate('长春路上井盖丢失').city, '长春路 is not 长春市')
  t.notOk(locate('天津路步行街').city, '天津路 is a road of many cities')
  t.notOk(locate('南开大学附近').district, '南开大学 is not 南开区')
})

t.test('a street of several districts takes the named one, else gives no district and says so', async (t) => {
  const alone = locate('向阳镇的村民反映')
  t.equal(alone.street, '向阳镇')
  t.equal(alone.district, undefined)
  t.equal(alone.city, '哈尔滨市', 'both 向阳镇 are in Harbin')
  t.ok(alone.because.some((b) => b.includes('香坊区') && b.includes('五常市') && b.includes('区未定')), alone.because.join(' | '))
  t.match(locate('香坊区向阳镇'), { district: '香坊区', street: '向阳镇', confidence: 0.95 })
  t.match(locate('五常市向阳镇'), { district: '五常市', street: '向阳镇' })
  const acrossCities = locate('红旗街道办事处')
  t.equal(acrossCities.street, '红旗街道')
  t.equal(acrossCities.district, undefined)
  t.equal(acrossCities.city, undefined, 'Harbin and Changchun both have one')
  t.match(locate('长春红旗街道'), { district: '朝阳区', street: '红旗街道', city: '长春市' })
  t.match(locate('哈尔滨红旗街道'), { district: '香坊区', street: '红旗街道' })
})

t.test('the first district named wins, unless a later one comes with its street', async (t) => {
  t.match(locate('南岗区和道里区交界处'), { district: '南岗区' })
  t.match(locate('我住南岗区，在道里区抚顺街道上班'), { district: '道里区', street: '抚顺街道' })
  t.match(locate('道里区抚顺街道的问题转到南岗区'), { district: '道里区', street: '抚顺街道' })
})

t.test('the longest name wins: a street is not read as the district it contains', async (t) => {
  t.match(locate('松北街道'), { district: '松北区', street: '松北街道' })
  t.match(locate('尚志街道'), { district: '道里区', street: '尚志街道' }, '尚志街道 is in 道里区, not 尚志市')
  t.match(locate('呼兰区呼兰街道'), { district: '呼兰区', street: '呼兰街道' })
  t.match(locate('东施古镇'), { district: '蓟州区', street: '东施古镇' }, '古镇 is a false friend, 东施古镇 a town')
})

t.test('traditional characters resolve after normalizeText', async (t) => {
  t.match(locate('南崗區花園街道暖氣不熱'), { district: '南岗区', street: '花园街道' })
  t.match(locate('長春市綠園區'), { district: '绿园区', city: '长春市' })
  t.match(locate('天津濱海新區塘沽街道'), { district: '滨海新区', street: '塘沽街道' })
})

t.test('a city named excludes the places of other cities', async (t) => {
  const r = locate('A市A5区红旗街道')
  t.equal(r.district, 'A5区')
  t.equal(r.street, '红旗街道', 'read by the fallback, in A5区')
  t.notOk(r.because.some((b) => b.startsWith('地名库')), 'not Harbin\'s or Changchun\'s 红旗街道')
  t.match(locate('南岗区南湖街道'), { district: '南岗区', street: '南湖街道' }, '南湖街道 of Changchun is not meant')
})

t.test('cities limits the gazetteer; words() lists the names for jieba; version follows the bytes', async (t) => {
  const harbin = Gazetteer.load(undefined, ['harbin'])
  t.same(harbin.cities, ['harbin'])
  t.match(harbin.locate('红旗街道'), { district: '香坊区', street: '红旗街道' }, 'no longer ambiguous')
  t.notOk(harbin.locate('天津市河西区').district)
  t.not(harbin.version, gazetteer.version)
  t.equal(Gazetteer.load().version, gazetteer.version)
  t.match(gazetteer.version, /^[0-9a-f]{12}$/)
  const words = gazetteer.words()
  for (const w of ['哈尔滨市', '南岗区', '南岗', '花园街道', '花园街', '道里', '蓟县', '滨海新区', '净月区']) t.ok(words.includes(w), w)
  t.notOk(words.includes('小区'))
  t.equal(new Set(words).size, words.length, 'no repeats')
  const strong = gazetteer.words({ weak: false })
  t.ok(strong.includes('南岗') && strong.includes('花园街道'))
  t.notOk(strong.includes('道里') || strong.includes('花园街'), 'weak aliases left out on request')
})
