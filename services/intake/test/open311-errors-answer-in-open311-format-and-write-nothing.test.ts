import t, { type Test } from 'tap'
import type { Channel } from '@hotline-hub/contracts'
import { buildIntake } from './helper.ts'
import { open311, parseXml } from './open311-support.ts'

const app = await buildIntake(t)
const api = open311(app)

const valid = (over: Record<string, string> = {}) => ({
  api_key: app.keys.limited,
  service_code: 'road-facilities',
  address_string: '南岗区西大直街92号',
  description: '井盖缺失',
  ...over,
})

/** Asserts an Open311 JSON error: the status, `[{ code, description }]`, never problem+json. */
function jsonError(t: Test, res: { statusCode: number; headers: Record<string, unknown>; json(): any; body: string }, status: number, description: RegExp) {
  t.equal(res.statusCode, status, res.body)
  t.match(res.headers['content-type'], /^application\/json/)
  const body = res.json()
  t.equal(body.length, 1)
  t.equal(body[0].code, status)
  t.match(body[0].description, description)
  t.same(Object.keys(body[0]).sort(), ['code', 'description'])
}

function xmlError(t: Test, res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, description: RegExp) {
  t.equal(res.statusCode, status, res.body)
  t.match(res.headers['content-type'], /^text\/xml/)
  const [error, ...more] = parseXml(res.body).errors.error
  t.same(more, [])
  t.equal(error.code, String(status))
  t.match(error.description, description)
}

t.test('a POST without a valid integrator key is 403, in JSON and XML', async (t) => {
  const before = await app.count('cases')
  const { api_key: _unused, ...noKey } = valid()
  jsonError(t, await api.postForm('/requests.json', noKey), 403, /api_key is required/)
  xmlError(t, await api.postForm('/requests.xml', noKey), 403, /api_key is required/)
  jsonError(t, await api.postForm('/requests.json', valid({ api_key: 'hk_not-a-real-key' })), 403, /invalid/)
  xmlError(t, await api.postForm('/requests.xml', valid({ api_key: app.tokens.operator })), 403, /invalid/)
  const revoked = await app.principals.createApiKey('revoked', ['web-message'] as Channel[], 100)
  await app.principals.revokeApiKey(revoked.id)
  jsonError(t, await api.postForm('/requests.json', valid({ api_key: revoked.key })), 403, /invalid/)
  const mayor = await app.principals.createApiKey('mayor line only', ['mayor-line'] as Channel[], 100)
  xmlError(t, await api.postForm('/requests.xml', valid({ api_key: mayor.key })), 403, /web-message, hotline-12345/)
  t.equal(await app.count('cases'), before, 'nothing was written')
})

t.test('bad requests are 400 with a clear description, and write nothing', async (t) => {
  const before = await app.count('cases')
  jsonError(t, await api.postForm('/requests.json', valid({ service_code: 'potholes' })), 400, /service_code potholes is not a known service/)
  xmlError(t, await api.postForm('/requests.xml', valid({ service_code: 'potholes' })), 400, /service_code potholes is not a known service/)
  jsonError(t, await api.postForm('/requests.json', valid({ service_code: '' })), 400, /service_code is required/)
  jsonError(t, await api.postForm('/requests.json', valid({ address_string: '' })), 400, /location is required/)
  jsonError(t, await api.postForm('/requests.json', valid({ address_string: '', lat: '45.75' })), 400, /lat and long go together/)
  jsonError(t, await api.postForm('/requests.json', valid({ lat: '95', long: '126' })), 400, /lat must be a number/)
  jsonError(t, await api.postForm('/requests.json', valid({ description: ' ' })), 400, /description is required/)
  jsonError(t, await api.postForm('/requests.json', valid({ phone: '12345' })), 400, /电话号码无效: phone: /)
  jsonError(t, await api.postForm('/requests.json', valid({ 'attribute[urgent]': '加急' })), 400, /attribute\[urgent\] must be one of 紧急, 一般/)
  xmlError(t, await api.postForm('/requests.xml', valid({ 'attribute[colour]': 'red' })), 400, /attribute\[colour\] is not an attribute of service road-facilities/)
  jsonError(t, await api.postForm('/requests.json', valid({ media_url: 'javascript:alert(1)' })), 400, /media_url/)
  const malformed = await app.runtime.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/json', 'x-api-key': app.keys.limited }, payload: '{"service_code":' })
  jsonError(t, malformed, 400, /JSON/)
  const array = await api.postJson('/requests.xml', [valid()], { 'x-api-key': app.keys.limited })
  xmlError(t, array, 400, /form fields .* or a JSON object/)
  t.equal(await app.count('cases'), before, 'nothing was written')
})

t.test('unknown ids, tokens, services and paths are 404 in the format asked for', async (t) => {
  jsonError(t, await api.get('/requests/HH0000000000000000.json'), 404, /service request HH0000000000000000 not found/)
  xmlError(t, await api.get('/requests/HH0000000000000000.xml'), 404, /not found/)
  jsonError(t, await api.get('/tokens/nope.json'), 404, /token nope not found/)
  xmlError(t, await api.get('/tokens/nope.xml'), 404, /token nope not found/)
  jsonError(t, await api.get('/services/potholes.json'), 404, /potholes/)
  jsonError(t, await api.get('/requests/HH0000000000000000'), 404, /add .json or .xml/)
  xmlError(t, await api.get('/nothing-here.xml'), 404, /not found/)
  jsonError(t, await api.get('/services.html'), 404, /not found/)
})

t.test('bad GET /requests parameters are 400', async (t) => {
  jsonError(t, await api.get('/requests.json?status=pending'), 400, /status must be open or closed/)
  xmlError(t, await api.get('/requests.xml?service_code=potholes'), 400, /potholes/)
  jsonError(t, await api.get('/requests.json?start_date=yesterday'), 400, /W3C date-time/)
  jsonError(t, await api.get('/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z'), 400, /90 days/)
  jsonError(t, await api.get('/requests.json?start_date=2025-06-01T00:00:00Z&end_date=2025-05-01T00:00:00Z'), 400, /after end_date/)
})

t.test('the key’s request rate applies to Open311 POSTs too (429)', async (t) => {
  const slow = await app.principals.createApiKey('slow', ['web-message'] as Channel[], 1)
  t.equal((await api.postForm('/requests.json', valid({ api_key: slow.key }))).statusCode, 201)
  const refused = await api.postForm('/requests.xml', valid({ api_key: slow.key }))
  xmlError(t, refused, 429, /请求过于频繁/)
  t.ok(Number(refused.headers['retry-after']) > 0, 'Retry-After says when to come back')
})

t.test('the rest of intake still answers problem+json', async (t) => {
  const res = await app.runtime.app.inject({ method: 'GET', url: '/api/v1/cases/NOPE', headers: app.headers('operator') })
  t.equal(res.statusCode, 404)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
})
