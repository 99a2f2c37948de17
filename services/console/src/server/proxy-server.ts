import type { IncomingHttpHeaders } from 'node:http'
import replyFrom from '@fastify/reply-from'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { PROBLEM_JSON, defineErrorCatalog, installProblemHandlers, problemBody } from '@hotline-hub/platform'
import { upstreamUrls, type ConsoleConfig } from './config.ts'
import { OPEN311_PREFIX, UPSTREAMS, upstreamOf, type Upstream } from './routing.ts'
import { consoleStatic } from './static.ts'

/** The console server's own codes (CONSOLE_ERR_*), on top of the common ones every catalog has. */
export const errors = defineErrorCatalog('CONSOLE', {
  UPSTREAM_UNAVAILABLE: {
    status: 503,
    zh: '服务暂时不可用，请稍后重试',
    en: 'The service behind this path did not answer; retry later',
  },
})

/** What the browser is told to wait after an upstream failed to answer. */
const RETRY_AFTER_SECONDS = 5
/** How long /readyz waits for each service's own /readyz. */
const READY_TIMEOUT_MS = 2000
/**
 * Longest silence allowed between two chunks of an upstream body. Above the
 * longest heartbeat escalation allows on /api/v1/stream (300 s), so a quiet
 * live stream is never cut; a dead one still is, eventually.
 */
const BODY_IDLE_TIMEOUT_MS = 10 * 60_000
/** Headers about one connection, not the message: never copied from an upstream's answer onto ours. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']

export interface ConsoleServerOptions {
  /** The built console; default services/console/dist. */
  root?: string
}

const pathOf = (url: string): string => {
  const q = url.indexOf('?')
  return q === -1 ? url : url.slice(0, q)
}

/**
 * Distributed mode: the console's own server. It serves the built console
 * under /console/ and forwards /api/* (and Open311) to the service that owns
 * the path, so that the browser talks to one origin, as in embedded mode,
 * and no service needs CORS. Requests and answers pass through untouched:
 * headers (Authorization, Last-Event-ID, Idempotency-Key…), bodies byte for
 * byte (JSON, NDJSON, forms, GBK), and Server-Sent Events as they come.
 * Does not listen.
 */
export async function buildConsoleServer(config: ConsoleConfig, o: ConsoleServerOptions = {}): Promise<FastifyInstance> {
  const urls = upstreamUrls(config)
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      name: 'console',
      // The same line shape as the services' logger (ISO time, level as a label).
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label: string) => ({ level: label }) },
      // Query strings carry searches (q=, a caller's phone number…): log the path only.
      serializers: {
        req: (req: { method?: string; url?: string; ip?: string }) => ({ method: req.method, url: pathOf(req.url ?? ''), remoteAddress: req.ip }),
      },
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    forceCloseConnections: true,
    return503OnClosing: true,
  })
  installProblemHandlers(app, errors, { notFound: true })

  // Bodies are never parsed here: the request stream itself is handed to the
  // proxy, so what the service receives is exactly what the browser sent
  // (charset and all). Each service enforces its own body limits.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload))

  await app.register(replyFrom, {
    // Fastify already logs each request; reply-from's two extra lines per request are noise.
    disableRequestLogging: true,
    // Close the pooled upstream connections (live streams included) when the server closes.
    destroyAgent: true,
    undici: { bodyTimeout: BODY_IDLE_TIMEOUT_MS },
  })

  await consoleStatic(app, o.root === undefined ? {} : { root: o.root })
  app.get('/', async (_request, reply) => reply.redirect('/console/'))
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }))
  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    const probes = await Promise.all(UPSTREAMS.map(async (name) => [name, await probe(urls[name])] as const))
    const ready = probes.every(([, p]) => p.ready)
    if (!ready) reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS))
    return { status: ready ? 'ready' : 'not_ready', services: Object.fromEntries(probes) }
  })

  // A plain (not async) handler that returns nothing: the answer is the upstream's, sent by reply.from.
  const proxy = (request: FastifyRequest, reply: FastifyReply): void => {
    const path = pathOf(request.url)
    const upstream = upstreamOf(path)
    if (upstream === null) return void reply.callNotFound()
    const base = urls[upstream]
    reply.from(base + path, {
      // Never replay: a POST may have had its effect, and a GET's 503 is the service's answer to show.
      retryDelay: () => null,
      rewriteRequestHeaders: (_req, headers) => forwardedHeaders(request, headers as IncomingHttpHeaders),
      rewriteHeaders: (headers) => withoutHopByHop(headers as IncomingHttpHeaders),
      // Refused, reset or timed out before an answer (reply-from has logged the cause at warn).
      onError: () => sendUnavailable(reply, request, upstream, base),
    })
  }
  app.all('/api/*', proxy)
  app.all(`${OPEN311_PREFIX}*`, proxy)
  return app
}

/** What the service learns of the original request; the request id ties its log lines to ours. */
function forwardedHeaders(request: FastifyRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const prior = request.headers['x-forwarded-for']
  return {
    ...headers,
    'x-request-id': String(request.id),
    'x-forwarded-for': prior ? `${String(prior)}, ${request.ip}` : request.ip,
    'x-forwarded-proto': request.protocol,
    ...(request.headers.host ? { 'x-forwarded-host': request.headers.host } : {}),
  }
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out = { ...headers }
  for (const h of HOP_BY_HOP) delete out[h]
  return out
}

/** 503 problem+json: the console shows message_zh and retries after Retry-After. */
function sendUnavailable(reply: FastifyReply, request: FastifyRequest, upstream: Upstream, base: string): void {
  const p = errors.create('UPSTREAM_UNAVAILABLE', { detail: `${upstream} at ${base} did not answer`, retryAfterSeconds: RETRY_AFTER_SECONDS })
  // problemBody hides the detail of 5xx answers (internal errors); this one names only the service, which is the point.
  const body = { ...problemBody(p, request), detail: p.message, message_en: errors.specs.UPSTREAM_UNAVAILABLE.en }
  reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).type(PROBLEM_JSON).send(body)
}

interface Probe {
  ready: boolean
  url: string
  /** The HTTP status of the service's /readyz, when it answered. */
  status?: number
  detail?: string
}

/** One service's readiness, by its own /readyz (database and log reachable). */
async function probe(base: string): Promise<Probe> {
  try {
    const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(READY_TIMEOUT_MS) })
    await res.body?.cancel()
    return res.ok ? { ready: true, url: base, status: res.status } : { ready: false, url: base, status: res.status, detail: `its /readyz answered ${res.status}` }
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } }
    return { ready: false, url: base, detail: `did not answer (${e.cause?.code ?? e.name})` }
  }
}
