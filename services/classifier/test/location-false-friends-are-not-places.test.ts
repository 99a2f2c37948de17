import t from 'tap'
import { Gazetteer } from '../src/location/index.ts'
import { normalizeText } from '../src/topic/normalize.ts'
import { DEFAULT_FEATURE_CONFIG } from '../src/topic/index.ts'

const gazetteer = Gazetteer.load()
const locate = (raw: string) => gazetteer.locate(normalizeText(raw, DEFAULT_FEATURE_CONFIG))

t.test('…区 words that are not districts', async (t) => {
  for (const text of ['我们小区停车难', '社区不管', '工业园区噪音', '景区门票太贵', '城区道路', '市区交通拥堵', '郊区垃圾', '辖区派出所', '开发区企业', '这个片区', '住宅区', '在这个区域', '居民区有人烧烤', '自治区']) {
    const r = locate(text)
    t.notOk(r.district, `${text}: ${JSON.stringify(r)}`)
  }
})

t.test('…街, …镇 and …乡 words that are not streets or towns', async (t) => {
  for (const text of ['商业街的店铺', '步行街很吵', '美食街油烟', '古镇旅游', '城乡结合部', '乡镇卫生院', '我的家乡', '送医下乡', '父老乡亲', '城镇职工医保', '附近街道很脏', '城市街道两旁', '我们镇上', '去县里办事', '到镇上', '在街道办门口', '这条街道', '一个镇']) {
    const r = locate(text)
    t.notOk(r.street, `${text}: ${JSON.stringify(r)}`)
    t.notOk(r.district, `${text}: ${JSON.stringify(r)}`)
  }
})

t.test('weak aliases inside ordinary words', async (t) => {
  for (const text of ['哈尔滨，街道里的垃圾', '哈尔滨，楼道里堆满杂物', '哈尔滨的平房漏雨', '哈尔滨人行道外面']) {
    t.notOk(locate(text).district, text)
  }
})

t.test('街道办 is a suffix: the street before it counts', async (t) => {
  t.match(locate('找了花园街道办事处'), { street: '花园街道', district: '南岗区' })
  t.match(locate('A3区洞井街道办'), { district: 'A3区', street: '洞井街道' })
})
