/** Sign-in, integrator keys (scoped, hashed, rotatable, rate-limited) and the one-time admin credential. */
import t from 'tap'
import { createHash } from 'node:crypto'
import { TOPICS, makeEnvelope } from '@hotline-hub/contracts'
import { bootstrapAdmin } from '../src/bootstrap-admin.ts'
import { buildIntake, caseBody } from './helper.ts'

const app = await buildIntake(t)
const inject = app.runtime.app.inject.bind(app.runtime.app)

t.test('sign in, who am I, sign out', async (t) => {
  await app.principals.createUser({ username: 'wang.operator', password: 'a-long-enough-password', role: 'operator' })
  const bad = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'wang.operator', password: 'wrong' } })
  t.equal(bad.statusCode, 401)
  t.equal(bad.json().code, 'INTAKE_ERR_BAD_CREDENTIALS')
  const ok = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'wang.operator', password: 'a-long-enough-password' } })
  t.equal(ok.statusCode, 200)
  const token = ok.json().token
  const me = await inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })
  t.equal(me.json().role, 'operator')
  t.equal((await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${token}` } })).statusCode, 204)
  t.equal((await inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 401, 'the session is gone')
})

t.test('an expired session is refused', async (t) => {
  const { token } = (await app.principals.login('wang.operator', 'a-long-enough-password'))!
  await app.runtime.db.query(`UPDATE intake.sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [createHash('sha256').update(token).digest('hex')])
  t.equal((await inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 401)
})

t.test('API keys: shown once, stored hashed, scoped, rotated with grace, revoked', async (t) => {
  const created = await inject({ method: 'POST', url: '/api/v1/api-keys', headers: app.headers('admin'), payload: { name: '网站留言系统', channels: ['web-message'], ratePerMin: 1000 } })
  t.equal(created.statusCode, 201)
  const { id, key } = created.json()
  t.match(key, /^hk_/)
  const stored = await app.runtime.db.query<{ key_hash: string }>('SELECT key_hash FROM intake.api_keys WHERE id = $1', [id])
  t.not(stored[0]!.key_hash, key, 'the key is not stored in clear')
  t.equal(stored[0]!.key_hash, createHash('sha256').update(key).digest('hex'))
  const post = (k: string, channel = 'web-message') => inject({ method: 'POST', url: '/api/v1/cases', headers: { 'x-api-key': k }, payload: caseBody({ channel }) })
  t.equal((await post(key)).statusCode, 201)
  t.equal((await post(key, 'hotline-12345')).json().code, 'INTAKE_ERR_CHANNEL_NOT_ALLOWED')
  const rotated = (await inject({ method: 'POST', url: `/api/v1/api-keys/${id}/rotate`, headers: app.headers('admin') })).json()
  t.equal((await post(rotated.key)).statusCode, 201, 'the new key works')
  t.equal((await post(key)).statusCode, 201, 'the old key works during the grace period')
  await app.runtime.db.query(`UPDATE intake.api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [id])
  t.equal((await post(key)).statusCode, 401, 'and not after it')
  t.equal((await inject({ method: 'DELETE', url: `/api/v1/api-keys/${rotated.id}`, headers: app.headers('admin') })).statusCode, 204)
  t.equal((await post(rotated.key)).statusCode, 401, 'a revoked key is refused')
  t.equal((await inject({ method: 'POST', url: '/api/v1/api-keys', headers: app.headers('operator'), payload: { name: 'x', channels: ['web-message'] } })).statusCode, 403, 'only admins manage keys')
})

t.test('each key has its own rate limit', async (t) => {
  const { key } = await app.principals.createApiKey('slow integrator', ['web-message'], 3)
  const codes: number[] = []
  for (let i = 0; i < 5; i++) codes.push((await inject({ url: '/api/v1/cases?limit=1', headers: { 'x-api-key': key } })).statusCode)
  t.same(codes, [200, 200, 200, 429, 429])
  const limited = await inject({ url: '/api/v1/cases?limit=1', headers: { 'x-api-key': key } })
  t.equal(limited.json().code, 'INTAKE_ERR_RATE_LIMITED')
  t.ok(Number(limited.headers['retry-after']) > 0, 'with Retry-After')
  t.equal((await inject({ url: '/api/v1/cases?limit=1', headers: app.headers('key') })).statusCode, 200, 'other keys are not affected')
})

t.test('the first start creates an admin with a one-time password, printed once', async (t) => {
  let printed = ''
  t.equal(await bootstrapAdmin(app.principals, (s) => (printed += s)), false, 'users exist: nothing is created')
  t.equal(printed, '')
  const fresh = await buildIntake(t)
  await fresh.runtime.db.query('DELETE FROM intake.sessions')
  await fresh.runtime.db.query('DELETE FROM intake.users')
  t.equal(await bootstrapAdmin(fresh.principals, (s) => (printed += s)), true)
  const password = /password: (\S+)/.exec(printed)?.[1]
  t.ok(password && password.length >= 20, 'a random password')
  t.ok(await fresh.principals.login('admin', password!), 'it signs in')
  t.equal(await bootstrapAdmin(fresh.principals, (s) => (printed += s)), false, 'only once')
})

t.test('classifier tags show on the case, without overruling a person’s choice', async (t) => {
  const c = (await inject({ method: 'POST', url: '/api/v1/cases', headers: app.headers('operator'), payload: caseBody({ urgency: '一般' }) })).json()
  const tag = (value: string) => ({ value, confidence: 0.9, because: ['燃气味', '泄漏'] })
  const data = {
    modelVersion: 'test-1', topic: tag('城乡建设'), subtopics: [tag('燃气')], appealType: tag('求助'), urgency: tag('紧急'),
    sentiment: { negativity: 0.4, flags: [], because: [] }, location: { district: '道里区', because: ['道里区'] },
  }
  await app.runtime.db.transaction((tx) =>
    app.runtime.bus.publish(tx, [{ topic: TOPICS.caseClassified, key: c.id, envelope: makeEnvelope(TOPICS.caseClassified, { source: 'classifier', caseId: c.id, data }) }]),
  )
  let view: any
  for (let i = 0; i < 100; i++) {
    view = (await inject({ url: `/api/v1/cases/${c.id}`, headers: app.headers('operator') })).json()
    if (view.classification) break
    await new Promise((r) => setTimeout(r, 50))
  }
  t.equal(view.classification?.urgency.value, '紧急', 'the tags and their explanations are on the case')
  t.same(view.classification?.urgency.because, ['燃气味', '泄漏'])
  t.equal(view.topic, '城乡建设', 'an empty topic is filled')
  t.equal(view.urgency, '一般', 'the operator’s urgency stays')
})

t.test('the OpenAPI document covers the API', async (t) => {
  const doc = (await inject({ url: '/docs/json' })).json()
  t.equal(doc.openapi.slice(0, 2), '3.')
  for (const p of ['/api/v1/cases', '/api/v1/cases/{id}', '/api/v1/channels/{channel}/cases', '/api/v1/cases/{id}/dispatch', '/api/v1/import', '/api/v1/api-keys'])
    t.ok(doc.paths[p], `documents ${p}`)
  t.equal((await inject({ url: '/docs' })).statusCode < 400, true, 'the UI is served (no CDN)')
})
