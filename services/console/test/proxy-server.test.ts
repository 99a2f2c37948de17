import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { ConfigError } from '@hotline-hub/platform'
import { buildConsoleServer } from '../src/server/index.ts'
import { loadConsoleConfig, upstreamUrls } from '../src/server/config.ts'

/** What a stand-in service saw of a request. */
interface Echo {
  service: string
  method: string
  url: string
  authorization: string | null
  contentType: string | null
  forwardedHost: string | null
  /** The raw body as received, base64; null when there was none. */
  body: string | null
}

/**
 * A stand-in for one service on port 0: answers /readyz, and echoes every
 * /api and /open311 request with its raw body (no parsing, so any
 * re-encoding on the way would show).
 */
async function standIn(service: string, extra: (app: FastifyInstance) => void = () => {}) {
  const app = Fastify()
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
  app.get('/readyz', async () => ({ status: 'ready' }))
  const echo = async (request: FastifyRequest): Promise<Echo> => ({
    service,
    method: request.method,
    url: request.url,
    authorization: request.headers.authorization ?? null,
    contentType: request.headers['content-type'] ?? null,
    forwardedHost: (request.headers['x-forwarded-host'] as string | undefined) ?? null,
    body: Buffer.isBuffer(request.body) && request.body.length ? request.body.toString('base64') : null,
  })
  app.all('/api/*', echo)
  app.all('/open311/*', echo)
  extra(app)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, url }
}

// escalation's live stream: one event, then a second only once the test has
// read the first, so a proxy that buffered the stream would never deliver it.
let releaseSecond!: () => void
const secondMayGo = new Promise<void>((resolve) => (releaseSecond = resolve))
let secondSent = false

const intake = await standIn('intake')
const classifier = await standIn('classifier')
const escalation = await standIn('escalation', (app) =>
  app.get('/api/v1/stream', (request, reply) => {
    reply.hijack()
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' })
    const last = JSON.stringify(request.headers['last-event-id'] ?? null)
    reply.raw.write(`id: 1\nevent: alert\ndata: {"n":1,"lastEventId":${last}}\n\n`)
    void secondMayGo.then(() =>
      setTimeout(() => {
        secondSent = true
        reply.raw.write('id: 2\nevent: alert\ndata: {"n":2}\n\n')
        reply.raw.end()
      }, 100),
    )
  }),
)
t.teardown(async () => {
  releaseSecond()
  await Promise.all([intake.app.close(), classifier.app.close(), escalation.app.close()])
})

const root = mkdtempSync(join(tmpdir(), 'console-dist-'))
writeFileSync(join(root, 'index.html'), '<!doctype html><html lang="zh-CN"><title>操作台</title></html>')
t.teardown(() => rmSync(root, { recursive: true, force: true }))

const config = loadConsoleConfig({
  LOG_LEVEL: 'silent',
  INTAKE_URL: intake.url,
  CLASSIFIER_URL: classifier.url,
  ESCALATION_URL: escalation.url,
})
const app = await buildConsoleServer(config, { root })
const origin = await app.listen({ port: 0, host: '127.0.0.1' })
t.teardown(() => app.close())

const call = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(origin + path, init)
  return { res, echo: (await res.json()) as Echo }
}

t.test('the configuration: defaults, and every bad variable at once', async (t) => {
  const c = loadConsoleConfig({})
  t.equal(c.CONSOLE_PORT, 3004)
  t.equal(c.HOST, '127.0.0.1')
  t.same(upstreamUrls(c), { intake: 'http://127.0.0.1:3001', classifier: 'http://127.0.0.1:3002', escalation: 'http://127.0.0.1:3003' })
  t.same(upstreamUrls(loadConsoleConfig({ CLASSIFIER_URL: 'http://gw:8080/classifier/' })).classifier, 'http://gw:8080/classifier')
  const err = t.throws(() =>
    loadConsoleConfig({ CONSOLE_PORT: 'eighty', CLASSIFIER_URL: 'ftp://x', ESCALATION_URL: 'nope', INTAKE_URL: 'gopher://x', LOG_LEVEL: 'loud' }),
  ) as ConfigError
  t.ok(err instanceof ConfigError)
  t.same(err.issues.map((i) => i.variable).sort(), ['CLASSIFIER_URL', 'CONSOLE_PORT', 'ESCALATION_URL', 'INTAKE_URL', 'LOG_LEVEL'])
  t.match(err.message, /INTAKE_URL: must be an http:\/\/ or https:\/\/ URL/)
  t.match(err.message, /CLASSIFIER_URL: must be an http:\/\/ or https:\/\/ URL/)
  t.match(err.message, /ESCALATION_URL: must match format "uri"/)
})

t.test('each API path reaches the service that owns it, query string included', async (t) => {
  const cases: [string, string, string][] = [
    ['GET', '/api/v1/cases?status=received&q=%E4%BE%9B%E7%83%AD', 'intake'],
    ['POST', '/api/v1/cases/HH1/accept', 'intake'],
    ['GET', '/open311/v2/services.json', 'intake'],
    ['GET', '/api/v1/classifications/HH1', 'classifier'],
    ['GET', '/api/v1/cases/HH1/sla', 'escalation'],
    ['POST', '/api/v1/cases/HH1/pauses', 'escalation'],
    ['PATCH', '/api/v1/emergencies/E1/reports/R1', 'escalation'],
    ['DELETE', '/api/v1/webhooks/w1', 'intake'],
    ['GET', `/api/v1/cases/${'x'.repeat(300)}`, 'intake'],
  ]
  for (const [method, path, service] of cases) {
    const { res, echo } = await call(path, { method })
    t.equal(res.status, 200, `${method} ${path.slice(0, 60)}`)
    t.match(echo, { service, method, url: path }, `${method} ${path.slice(0, 60)} → ${service}`)
  }
})

t.test('headers and raw bodies arrive byte for byte', async (t) => {
  const gbk = Buffer.from([0xb9, 0xa9, 0xc8, 0xc8, 0xb2, 0xbb, 0xc8, 0xc8]) // 供热不热 in GBK
  const json = Buffer.from('{ "text" :"供热不热",\n  "n":1.50 }')
  const ndjson = Buffer.from('{"a":1}\n{"a":2}\n')
  const form = Buffer.from('service_code=heating&description=%B9%A9%C8%C8')
  const bodies: [string, string, Buffer, string][] = [
    ['/api/v1/channels/12345/cases', 'text/plain; charset=GBK', gbk, 'intake'],
    ['/api/v1/classify', 'application/json; charset=utf-8', json, 'classifier'],
    ['/api/v1/import', 'application/x-ndjson', ndjson, 'intake'],
    ['/open311/v2/requests.json', 'application/x-www-form-urlencoded; charset=GBK', form, 'intake'],
  ]
  for (const [path, contentType, body, service] of bodies) {
    const { res, echo } = await call(path, { method: 'POST', headers: { 'content-type': contentType, authorization: 'Bearer tok-1' }, body })
    t.equal(res.status, 200)
    t.equal(echo.service, service)
    t.equal(echo.contentType, contentType, `${path}: content-type untouched`)
    t.equal(echo.authorization, 'Bearer tok-1', `${path}: Authorization passed`)
    t.same(Buffer.from(echo.body ?? '', 'base64'), body, `${path}: body byte for byte`)
    t.match(echo.forwardedHost, /^127\.0\.0\.1:\d+$/, 'the original host is passed on as X-Forwarded-Host')
  }
  const empty = await call('/api/v1/auth/logout', { method: 'POST' })
  t.equal(empty.res.status, 200)
  t.equal(empty.echo.body, null, 'a POST without a body stays without one')
})

t.test('Server-Sent Events stream through one event at a time', async (t) => {
  // A proxy that buffered would hold even the headers back: give up rather than hang.
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(new Error('no event within 5 s: does the proxy buffer the stream?')), 5000)
  t.teardown(() => clearTimeout(timer))
  const res = await fetch(`${origin}/api/v1/stream`, {
    headers: { accept: 'text/event-stream', 'last-event-id': '41', authorization: 'Bearer tok-2' },
    signal: abort.signal,
  })
  t.equal(res.status, 200)
  t.match(res.headers.get('content-type'), /^text\/event-stream/)
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  /** Reads until `enough` says so; true when the stream ended first. */
  const readUntil = async (enough: (s: string) => boolean) => {
    while (!enough(text)) {
      const chunk = await reader.read()
      if (chunk.done) return true
      text += decoder.decode(chunk.value, { stream: true })
    }
    return false
  }
  await readUntil((s) => s.includes('\n\n'))
  t.match(text, /^id: 1\nevent: alert\ndata: \{"n":1,"lastEventId":"41"\}\n\n$/, 'the first event, with Last-Event-ID passed on')
  t.notOk(secondSent, 'the first event arrived before the second was even sent')
  releaseSecond()
  t.ok(await readUntil(() => false), 'the stream ends when the service ends it')
  t.match(text, /id: 2\nevent: alert\ndata: \{"n":2\}\n\n$/)
})

t.test('/console/ serves the console, / redirects to it, /healthz answers', async (t) => {
  const page = await fetch(`${origin}/console/`)
  t.equal(page.status, 200)
  t.match(page.headers.get('content-type'), /^text\/html/)
  t.match(await page.text(), /操作台/)
  const home = await fetch(`${origin}/`, { redirect: 'manual' })
  t.equal(home.status, 302)
  t.equal(home.headers.get('location'), '/console/')
  const health = await fetch(`${origin}/healthz`)
  t.same(await health.json(), { status: 'ok' })
  const unknown = await fetch(`${origin}/nowhere`)
  t.equal(unknown.status, 404)
  t.match(unknown.headers.get('content-type'), /^application\/problem\+json/)
})

t.test('a service that does not answer: 503 problem+json with Retry-After; /readyz says which', async (t) => {
  const ready = await fetch(`${origin}/readyz`)
  t.equal(ready.status, 200)
  t.match(await ready.json(), { status: 'ready', services: { intake: { ready: true }, classifier: { ready: true }, escalation: { ready: true } } })

  await classifier.app.close()
  const res = await fetch(`${origin}/api/v1/classify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"供热"}' })
  t.equal(res.status, 503)
  t.match(res.headers.get('content-type'), /^application\/problem\+json/)
  t.match(res.headers.get('retry-after'), /^\d+$/)
  t.match(await res.json(), {
    type: String,
    title: String,
    status: 503,
    code: 'CONSOLE_ERR_UPSTREAM_UNAVAILABLE',
    message_zh: '服务暂时不可用，请稍后重试',
    detail: `classifier at ${classifier.url} did not answer`,
  })

  const others = await call('/api/v1/cases')
  t.equal(others.echo.service, 'intake', 'the other services are still reached')

  const notReady = await fetch(`${origin}/readyz`)
  t.equal(notReady.status, 503)
  t.ok(notReady.headers.get('retry-after'))
  t.match(await notReady.json(), { status: 'not_ready', services: { intake: { ready: true }, classifier: { ready: false, url: classifier.url }, escalation: { ready: true } } })
})
