import t from 'tap'
import { buildIntake } from './helper.ts'
import { open311, parseXml } from './open311-support.ts'

const app = await buildIntake(t)
const api = open311(app)

t.test('discovery names the GeoReport v2 endpoint, its url and formats', async (t) => {
  const json = await api.get('/discovery.json')
  t.equal(json.statusCode, 200)
  t.match(json.headers['content-type'], /^application\/json/)
  const d = json.json()
  t.ok(d.changeset && d.contact && d.key_service)
  t.equal(d.endpoints.length, 1)
  t.equal(d.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2')
  t.match(d.endpoints[0].url, /^http:\/\/[^/]+\/open311\/v2$/)
  t.same(d.endpoints[0].formats, ['application/json', 'text/xml'])

  const xml = await api.get('/discovery.xml')
  t.equal(xml.statusCode, 200)
  t.match(xml.headers['content-type'], /^text\/xml/)
  t.match(xml.body, /^<\?xml version="1.0" encoding="utf-8"\?>/)
  const x = parseXml(xml.body).discovery
  t.equal(x.changeset, d.changeset)
  t.equal(x.key_service, d.key_service)
  t.equal(x.endpoints.endpoint[0].specification, 'http://wiki.open311.org/GeoReport_v2')
  t.same(x.endpoints.endpoint[0].formats.format, ['application/json', 'text/xml'])
})

t.test('the service list maps our city-management topics, the same in JSON and XML', async (t) => {
  const json = await api.get('/services.json')
  t.equal(json.statusCode, 200)
  const services = json.json()
  t.same(services.map((s: any) => s.service_name), ['供热', '供水', '燃气', '市容环卫', '园林绿化', '违法建设', '道路设施', '噪声扰民', '物业管理', '其他'])
  const heating = services.find((s: any) => s.service_code === 'heating')
  t.same(heating, { service_code: 'heating', service_name: '供热', description: heating.description, metadata: true, type: 'realtime', keywords: '供暖, 暖气, 室温, 采暖费', group: '水电气热' })
  t.ok(services.every((s: any) => s.type === 'realtime' && typeof s.metadata === 'boolean'))

  const xml = parseXml((await api.get('/services.xml')).body)
  const rows = xml.services.service
  t.equal(rows.length, services.length)
  t.same(rows[0], { ...services[0], metadata: 'true' }, 'XML carries the same fields (as text)')
})

t.test('a service definition lists its attributes with values', async (t) => {
  const res = await api.get('/services/heating.json')
  t.equal(res.statusCode, 200)
  const def = res.json()
  t.equal(def.service_code, 'heating')
  t.same(def.attributes.map((a: any) => a.code), ['urgent', 'appeal_type', 'district', 'street'])
  const urgent = def.attributes[0]
  t.match(urgent, { variable: true, datatype: 'singlevaluelist', required: false, order: 1, description: '紧急程度' })
  t.same(urgent.values.map((v: any) => v.key), ['紧急', '加急', '一般'], '水电气热 services offer 加急')
  t.same(def.attributes[2].values, undefined, 'a string attribute has no values')

  const noise = (await api.get('/services/noise.json')).json()
  t.same(noise.attributes[0].values.map((v: any) => v.key), ['紧急', '一般'])

  const xml = parseXml((await api.get('/services/heating.xml')).body).service_definition
  t.equal(xml.service_code, 'heating')
  const attr = xml.attributes.attribute
  t.same(attr.map((a: any) => a.code), ['urgent', 'appeal_type', 'district', 'street'])
  t.same(attr[0].values.value.map((v: any) => [v.key, v.name]), urgent.values.map((v: any) => [v.key, v.name]))
  t.equal(attr[0].variable, 'true')
  t.equal(attr[0].order, '1')
})
