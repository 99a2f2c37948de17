/**
 * Every kind of bad input gets a 4xx application/problem+json answer with a
 * stable INTAKE_ERR_* code, a Chinese and an English message and the JSON
 * pointer of the offending field — and writes no case, history row or event.
 */
import t from 'tap'
import { modes } from '../../../tests/support/infra.ts'
import iconv from 'iconv-lite'
import type { InjectOptions } from 'fastify'
import { buildIntake, caseBody } from './helper.ts'
import { ADAPTERS } from '../src/adapters/index.ts'

for (const m of await modes()) {
  t.test(m.name, { skip: m.skip }, async (t) => {
  const mode = await m.setup()
  const app = await buildIntake(t, mode.env, () => mode.cleanup())
  const inject = app.runtime.app.inject.bind(app.runtime.app)
  const existing = (await inject({ method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody() })).json().id

  async function snapshot() {
    return { cases: await app.count('cases'), history: await app.count('case_events'), outbox: await app.count('outbox') }
  }

  interface Case {
    name: string
    request: InjectOptions
    status: number
    code: string
    pointer?: string
  }

  const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...app.headers('operator'), ...extra })
  const example12345 = ADAPTERS['hotline-12345'].examples[0]!.payload as Record<string, unknown>

  const cases: Case[] = [
    { name: 'malformed JSON', request: { method: 'POST', url: '/api/v1/cases', headers: json(), payload: '{"channel": "hotline-12345", ' }, status: 400, code: 'INTAKE_ERR_MALFORMED_JSON', pointer: '' },
    { name: 'wrong type', request: { method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody({ content: 12345 }) }, status: 400, code: 'INTAKE_ERR_VALIDATION', pointer: '/content' },
    { name: 'missing required field', request: { method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: { ...caseBody(), receivedAt: undefined } }, status: 400, code: 'INTAKE_ERR_VALIDATION', pointer: '/receivedAt' },
    { name: 'unknown channel', request: { method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody({ channel: 'fax-machine' }) }, status: 400, code: 'INTAKE_ERR_UNKNOWN_CHANNEL', pointer: '/channel' },
    { name: 'unknown channel in the path', request: { method: 'POST', url: '/api/v1/channels/fax-machine/cases', headers: app.headers('operator'), payload: {} }, status: 400, code: 'INTAKE_ERR_UNKNOWN_CHANNEL', pointer: '/params/channel' },
    { name: 'channel payload missing a field', request: { method: 'POST', url: '/api/v1/channels/hotline-12345/cases', headers: app.headers('operator'), payload: { ...example12345, sqnr: undefined } }, status: 400, code: 'INTAKE_ERR_VALIDATION', pointer: '/sqnr' },
    { name: 'body over the limit', request: { method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody({ content: '燃'.repeat(100_000) }) }, status: 413, code: 'INTAKE_ERR_BODY_TOO_LARGE' },
    { name: 'invalid UTF-8', request: { method: 'POST', url: '/api/v1/cases', headers: json(), payload: Buffer.concat([Buffer.from('{"channel":"hotline-12345","content":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]) }, status: 400, code: 'INTAKE_ERR_BAD_ENCODING', pointer: '' },
    { name: 'invalid GBK', request: { method: 'POST', url: '/api/v1/cases', headers: json({ 'content-type': 'application/json; charset=gbk' }), payload: Buffer.concat([Buffer.from('{"content":"'), Buffer.from([0x81, 0x20, 0xff]), Buffer.from('"}')]) }, status: 400, code: 'INTAKE_ERR_BAD_ENCODING', pointer: '' },
    { name: 'unsupported charset', request: { method: 'POST', url: '/api/v1/cases', headers: json({ 'content-type': 'application/json; charset=ebcdic' }), payload: '{}' }, status: 415, code: 'INTAKE_ERR_UNSUPPORTED_MEDIA_TYPE' },
    { name: 'impossible phone number', request: { method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody({ caller: { phone: '12345678901' } }) }, status: 400, code: 'INTAKE_ERR_INVALID_PHONE', pointer: '/caller/phone' },
    { name: 'impossible phone number in a channel payload', request: { method: 'POST', url: '/api/v1/channels/hotline-12345/cases', headers: app.headers('operator'), payload: { ...example12345, gdbh: 'ZZ-BAD-PHONE-1', lxdh: '10086100861' } }, status: 400, code: 'INTAKE_ERR_INVALID_PHONE', pointer: '/lxdh' },
    { name: 'ID number with a wrong checksum', request: { method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody({ caller: { idNumber: '110105194912310021' } }) }, status: 400, code: 'INTAKE_ERR_INVALID_ID_NUMBER', pointer: '/caller/idNumber' },
    { name: 'timestamp in the future', request: { method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody({ receivedAt: new Date(Date.now() + 86_400_000).toISOString() }) }, status: 400, code: 'INTAKE_ERR_FUTURE_TIMESTAMP', pointer: '/receivedAt' },
    { name: 'illegal lifecycle transition', request: { method: 'POST', url: `/api/v1/cases/${existing}/close`, headers: app.headers('operator'), payload: {} }, status: 409, code: 'INTAKE_ERR_ILLEGAL_TRANSITION', pointer: '/status' },
    { name: 'forbidden role', request: { method: 'POST', url: '/api/v1/cases', headers: app.headers('leader'), payload: caseBody() }, status: 403, code: 'INTAKE_ERR_FORBIDDEN_ROLE' },
    { name: 'no credential', request: { method: 'POST', url: '/api/v1/cases', payload: caseBody() }, status: 401, code: 'INTAKE_ERR_UNAUTHENTICATED' },
    { name: 'a key used outside its channels', request: { method: 'POST', url: '/api/v1/cases', headers: app.headers('key'), payload: caseBody({ channel: 'mayor-line' }) }, status: 403, code: 'INTAKE_ERR_CHANNEL_NOT_ALLOWED', pointer: '/channel' },
  ]

  for (const c of cases) {
    t.test(c.name, async (t) => {
      const before = await snapshot()
      const res = await inject(c.request)
      t.equal(res.statusCode, c.status, res.body.slice(0, 500))
      t.match(res.headers['content-type'], /^application\/problem\+json/)
      const p = res.json()
      t.equal(p.code, c.code)
      t.equal(p.status, c.status)
      t.match(p.message_zh, /[\u4e00-\u9fff]/, 'a message in Chinese')
      t.ok(p.message_en, 'a message in English')
      if (c.pointer !== undefined) t.equal(p.pointer, c.pointer, 'the offending field')
      t.same(await snapshot(), before, 'nothing was written')
    })
  }

  t.test('a GBK body is accepted and stored as the same text', async (t) => {
    const body = JSON.stringify(caseBody({ content: '暖气片不热，室温只有十二度' }))
    const res = await inject({ method: 'POST', url: '/api/v1/cases', headers: { ...app.headers('operator'), 'content-type': 'application/json; charset=GBK' }, payload: iconv.encode(body, 'gbk') })
    t.equal(res.statusCode, 201, res.body)
    t.equal(res.json().content, '暖气片不热，室温只有十二度')
    const gb18030 = await inject({ method: 'POST', url: '/api/v1/cases', headers: { ...app.headers('operator'), 'content-type': 'application/json; charset=gb18030' }, payload: iconv.encode(JSON.stringify(caseBody({ content: '䶮字也能收' })), 'gb18030') })
    t.equal(gb18030.json().content, '䶮字也能收')
  })
  })
}
