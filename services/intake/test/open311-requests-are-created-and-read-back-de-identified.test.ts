import t from 'tap'
import type { Channel } from '@hotline-hub/contracts'
import { buildIntake, caseBody, DEPARTMENT } from './helper.ts'
import { open311, parseXml } from './open311-support.ts'

const app = await buildIntake(t)
const api = open311(app)
const inject = app.runtime.app.inject.bind(app.runtime.app)

/** Raw personal data the requests below send; none of it may come back. */
const RAW = /13812345678|张三丰|安静小区|3栋2单元|zs@example\.com|45\.7567891|126\.6423456/

const heatingForm = (over: Record<string, string> = {}) => ({
  api_key: app.keys.limited,
  service_code: 'heating',
  lat: '45.7567891',
  long: '126.6423456',
  address_string: '道里区安静街12号安静小区3栋2单元501',
  description: '暖气不热，室温只有12度，联系电话13812345678',
  first_name: '三丰',
  last_name: '张',
  phone: '13812345678',
  email: 'zs@example.com',
  device_id: 'device-1',
  'attribute[urgent]': '加急',
  'attribute[district]': '道里区',
  'attribute[street]': '新阳路街道',
  ...over,
})

async function caseRow(id: string) {
  const [row] = await app.runtime.db.query<any>('SELECT * FROM intake.cases WHERE id = $1', [id])
  return row
}

t.test('a form-encoded POST creates a de-identified web-message case and answers its id and token', async (t) => {
  const res = await api.postForm('/requests.json', heatingForm())
  t.equal(res.statusCode, 201, res.body)
  t.match(res.headers['content-type'], /^application\/json/)
  const [answer, ...more] = res.json()
  t.same(more, [])
  t.match(answer, { service_request_id: /^HH\d{16}$/, token: /^[A-Za-z0-9_-]{22}$/, service_notice: null, account_id: null })
  const row = await caseRow(answer.service_request_id)
  t.match(row, {
    channel: 'web-message', topic: '供热', urgency: '加急', district: '道里区', street: '新阳路街道', status: 'received',
    caller_name_masked: '张**', caller_phone_masked: '138****5678', address_masked: '道里区安静街', lat: 45.7567891, lon: 126.6423456,
    created_by: /^key:/,
  })
  t.same(row.extra, { via: 'open311', service_code: 'heating' })
  t.notMatch(JSON.stringify(row.extra), /device-1|zs@example/, 'device_id and email are not kept')
  const events = await app.runtime.db.query<any>('SELECT topic FROM bus.outbox WHERE key = $1', [answer.service_request_id])
  t.same(events.map((e) => e.topic), ['case.received.v1'], 'the case is announced like any other')
})

t.test('a JSON POST with the key in a header, nested attributes and an XML answer', async (t) => {
  const body = { service_code: 'gas', address_string: '南岗区西大直街92号', description: '楼道有燃气味', attribute: { urgent: '紧急', appeal_type: '求助' }, media_url: 'https://img.example.org/p/1.jpg' }
  const res = await api.postJson('/requests.xml', body, { 'x-api-key': app.keys.limited })
  t.equal(res.statusCode, 201, res.body)
  t.match(res.headers['content-type'], /^text\/xml/)
  const [answer] = parseXml(res.body).service_requests.request
  t.match(answer, { service_request_id: /^HH\d{16}$/, token: /\S/ })
  t.match(await caseRow(answer.service_request_id), { topic: '燃气', urgency: '紧急', appeal_type: '求助', address_masked: '南岗区西大直街', lat: null })

  const bearer = await api.postForm('/requests.json', heatingForm({ api_key: '' }), { authorization: `Bearer ${app.keys.limited}` })
  t.equal(bearer.statusCode, 201, 'Authorization: Bearer works too')
})

t.test('the key’s channels decide: web-message first, then hotline-12345', async (t) => {
  const only12345 = await app.principals.createApiKey('12345 only', ['hotline-12345'] as Channel[], 1000)
  const res = await api.postForm('/requests.json', heatingForm({ api_key: only12345.key }))
  t.equal(res.statusCode, 201)
  t.equal((await caseRow(res.json()[0].service_request_id)).channel, 'hotline-12345')
})

t.test('a retried POST with the same Idempotency-Key answers the same request and token', async (t) => {
  const headers = { 'idempotency-key': 'o311-retry-1' }
  const first = await api.postForm('/requests.json', heatingForm(), headers)
  const again = await api.postForm('/requests.json', heatingForm(), headers)
  t.equal(first.statusCode, 201)
  t.equal(again.statusCode, 201)
  t.equal(again.headers['idempotent-replayed'], 'true')
  t.same(again.json(), first.json())
})

t.test('tokens and single requests read back, de-identified, in JSON and XML', async (t) => {
  const [created] = (await api.postForm('/requests.json', heatingForm())).json()
  const tok = await api.get(`/tokens/${created.token}.json`)
  t.equal(tok.statusCode, 200)
  t.same(tok.json(), [{ service_request_id: created.service_request_id, token: created.token }])
  const tokXml = parseXml((await api.get(`/tokens/${created.token}.xml`)).body)
  t.same(tokXml.service_requests.request, [{ service_request_id: created.service_request_id, token: created.token }])

  const res = await api.get(`/requests/${created.service_request_id}.json`)
  t.equal(res.statusCode, 200)
  t.notMatch(res.body, RAW, 'no raw personal data, no exact point')
  const [r] = res.json()
  t.same(r, {
    service_request_id: created.service_request_id,
    status: 'open',
    status_notes: null,
    service_name: '供热',
    service_code: 'heating',
    description: '暖气不热，室温只有12度，联系电话138****5678',
    agency_responsible: null,
    service_notice: null,
    requested_datetime: r.requested_datetime,
    updated_datetime: r.updated_datetime,
    expected_datetime: null,
    address: '道里区安静街',
    address_id: null,
    zipcode: null,
    lat: 45.757,
    long: 126.642,
    media_url: null,
  })
  t.match(r.requested_datetime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/)
  t.ok(Math.abs(Date.parse(r.requested_datetime) - Date.now()) < 60_000, 'requested now')

  const xml = await api.get(`/requests/${created.service_request_id}.xml`)
  t.notMatch(xml.body, RAW)
  const [x] = parseXml(xml.body).service_requests.request
  t.same(x, { ...r, status_notes: '', agency_responsible: '', service_notice: '', expected_datetime: '', address_id: '', zipcode: '', media_url: '', lat: '45.757', long: '126.642' })
})

t.test('status follows the lifecycle: open while handled, closed once 办结, with the latest note', async (t) => {
  const [created] = (await api.postForm('/requests.json', heatingForm())).json()
  const id = created.service_request_id
  const as = (role: 'operator' | 'department' | 'admin', command: string, body: Record<string, unknown> = {}) =>
    inject({ method: 'POST', url: `/api/v1/cases/${id}/${command}`, headers: app.headers(role), payload: body })
  const get = async () => (await api.get(`/requests/${id}.json`)).json()[0]

  t.equal((await as('operator', 'dispatch', { department: DEPARTMENT })).statusCode, 200)
  t.match(await get(), { status: 'open', agency_responsible: DEPARTMENT, status_notes: null })
  t.equal((await as('department', 'return', { reason: '非本单位职责，请联系13812345678' })).statusCode, 200)
  t.match(await get(), { status: 'open', status_notes: '非本单位职责，请联系138****5678' })
  t.equal((await as('operator', 'dispatch', { department: DEPARTMENT })).statusCode, 200)
  t.equal((await as('department', 'accept')).statusCode, 200)
  t.equal((await as('department', 'reply', { reply: '已联系供热公司，今日恢复供暖' })).statusCode, 200)
  t.equal((await as('department', 'close')).statusCode, 200)
  const closed = await get()
  t.match(closed, { status: 'closed', agency_responsible: DEPARTMENT, status_notes: '已联系供热公司，今日恢复供暖' })
  t.ok(Date.parse(closed.updated_datetime) >= Date.parse(closed.requested_datetime))
  t.equal((await as('operator', 'follow-up', { satisfaction: '满意' })).statusCode, 200)
  t.equal((await get()).status, 'closed', 'followed_up is closed too')
})

t.test('GET requests filters by id list, service, status and date window, in JSON and XML', async (t) => {
  const mine = async (code: string, description: string) =>
    (await api.postForm('/requests.json', heatingForm({ service_code: code, description, 'attribute[urgent]': '一般' }))).json()[0].service_request_id as string
  const water = await mine('water-supply', '停水两天了')
  const noise = await mine('noise', '夜间施工噪音')
  const hotline = await inject({ method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody({ content: '咨询社保缴费' }) })
  t.equal(hotline.statusCode, 201)
  const hotlineId = hotline.json().id
  const old = await inject({ method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody({ topic: '供水', content: '旧的停水诉求', receivedAt: new Date(Date.now() - 120 * 86_400_000).toISOString() }) })
  t.equal(old.statusCode, 201)
  const oldId = old.json().id

  const ids = (res: { json(): any }) => res.json().map((r: any) => r.service_request_id)

  const byIds = await api.get(`/requests.json?service_request_id=${water},${noise},${oldId},NOPE`)
  t.equal(byIds.statusCode, 200)
  t.same(ids(byIds).sort(), [water, noise, oldId].sort(), 'ids ignore the date window; unknown ids are skipped')

  const all = ids(await api.get('/requests.json'))
  t.ok(all.includes(water) && all.includes(noise) && all.includes(hotlineId), 'the last 90 days by default')
  t.notOk(all.includes(oldId), 'older cases are outside the default window')

  const waterOnly = ids(await api.get('/requests.json?service_code=water-supply'))
  t.ok(waterOnly.includes(water))
  t.notOk(waterOnly.includes(noise))
  const other = (await api.get('/requests.json?service_code=other')).json()
  t.ok(other.some((r: any) => r.service_request_id === hotlineId), 'a case without a catalogue topic is 其他')
  t.ok(other.every((r: any) => r.service_code === 'other'))
  const two = ids(await api.get('/requests.json?service_code=water-supply,noise'))
  t.ok(two.includes(water) && two.includes(noise))

  const open = (await api.get('/requests.json?status=open')).json()
  t.ok(open.length > 0 && open.every((r: any) => r.status === 'open'))
  const closed = (await api.get('/requests.json?status=closed')).json()
  t.ok(closed.length > 0 && closed.every((r: any) => r.status === 'closed'), 'the case closed above')

  const start = new Date(Date.now() - 125 * 86_400_000).toISOString()
  const end = new Date(Date.now() - 100 * 86_400_000).toISOString()
  const window = await api.get(`/requests.json?start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`)
  t.same(ids(window), [oldId])
  const plus = await api.get(`/requests.json?start_date=${start.slice(0, 10)}T00:00:00+08:00&end_date=${end.slice(0, 10)}T00:00:00+08:00`)
  t.same(ids(plus), [oldId], 'an unencoded + in the offset still reads')

  const xml = await api.get('/requests.xml?service_code=water-supply&status=open')
  t.equal(xml.statusCode, 200)
  t.notMatch(xml.body, RAW)
  const rows = parseXml(xml.body).service_requests.request
  const w = rows.find((r: any) => r.service_request_id === water)
  t.match(w, { status: 'open', service_code: 'water-supply', service_name: '供水', description: '停水两天了', address: '道里区安静街', lat: '45.757', long: '126.642' })
  t.notOk(rows.some((r: any) => r.service_request_id === noise))
  const none = parseXml((await api.get(`/requests.xml?end_date=${encodeURIComponent(new Date(Date.now() - 200 * 86_400_000).toISOString())}`)).body)
  t.same(none.service_requests, '', 'an empty list is an empty <service_requests>')
})
