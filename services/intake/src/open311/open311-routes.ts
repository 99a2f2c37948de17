import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import formbody from '@fastify/formbody'
import type { Channel } from '@hotline-hub/contracts'
import { credentialOf } from '@hotline-hub/platform'
import { actorOf } from '../auth/auth-plugin.ts'
import type { IntakeDeps } from '../intake-deps.ts'
import { SERVICES, serviceByCode, type Open311Service } from './catalogue.ts'
import { discovery } from './discovery.ts'
import { createIdempotent } from './idempotent-create.ts'
import { FORMATS, endpointUrl, sendFormatted, splitExtension, type Format } from './format.ts'
import { installOpen311ErrorHandlers, open311Error } from './open311-errors.ts'
import { toCaseInput, type RequestBody } from './request-input.ts'
import { parseRequestFilter } from './request-filter.ts'
import { Open311Store } from './request-store.ts'
import { toOpen311Request } from './request-view.ts'

/**
 * Channels an Open311 request may land in, by preference: a GeoReport client
 * is a citizen reporting online, which is 网民留言 (web-message); a key of
 * the 12345 platform that may only write hotline-12345 lands there. A key
 * with neither is refused (403).
 */
export const OPEN311_CHANNELS: readonly Channel[] = ['web-message', 'hotline-12345']

const PUBLIC = { roles: 'public' } as const
const REQUESTS = { root: 'service_requests', item: 'request' }
const doc = (summary: string) => ({ tags: ['open311'], summary })

/** Open311 GeoReport v2 under /open311/v2, in JSON and XML. */
export async function open311Routes(app: FastifyInstance, deps: IntakeDeps): Promise<void> {
  await app.register(open311Plugin, { prefix: '/open311/v2', deps })
}

async function open311Plugin(app: FastifyInstance, { deps }: { deps: IntakeDeps }) {
  installOpen311ErrorHandlers(app)
  await app.register(formbody, { bodyLimit: deps.config.CASE_BODY_LIMIT_BYTES })
  const store = new Open311Store(deps.db)

  /** POST needs an integrator key: `api_key` (form or JSON), `X-Api-Key` or `Authorization: Bearer`. */
  async function authenticateKey(request: FastifyRequest) {
    const body = request.body as RequestBody | undefined
    const fromBody = body && typeof body === 'object' && typeof body.api_key === 'string' ? body.api_key.trim() : ''
    const header = credentialOf(request)
    const credential = header?.startsWith('hk_') ? header : fromBody || header
    if (!credential) throw open311Error(403, 'api_key is required')
    const found = credential.startsWith('hk_') ? await deps.principals.authenticate(credential) : null
    if (!found || found.actor.role !== 'integrator') throw open311Error(403, 'api_key is invalid, expired or revoked')
    request.actor = found.actor
    request.keyRate = found.ratePerMin ?? null
  }

  for (const format of FORMATS) {
    app.get(`/discovery.${format}`, { config: PUBLIC, schema: doc('服务发现 service discovery') }, async (request, reply) =>
      sendFormatted(reply, format, discovery(endpointUrl(request)), { root: 'discovery' }, { endpoints: 'endpoint', formats: 'format' }),
    )

    app.get(`/services.${format}`, { config: PUBLIC, schema: doc('服务目录 service list') }, async (_request, reply) =>
      sendFormatted(reply, format, SERVICES.map(serviceSummary), { root: 'services', item: 'service' }),
    )

    app.post(`/requests.${format}`, {
      config: PUBLIC,
      schema: doc('提交诉求 create a service request (integrator key)'),
      bodyLimit: deps.config.CASE_BODY_LIMIT_BYTES,
      preValidation: authenticateKey,
    }, async (request, reply) => createRequest(request, reply, format))

    app.get(`/requests.${format}`, { config: PUBLIC, schema: doc('诉求列表 service requests (de-identified)') }, async (request, reply) => {
      const rows = await store.list(parseRequestFilter(request.query as Record<string, unknown>, new Date()))
      return sendFormatted(reply, format, rows.map(toOpen311Request), REQUESTS)
    })
  }

  app.get('/services/:file', { config: PUBLIC, schema: doc('服务定义 service definition') }, async (request, reply) => {
    const { id, format } = fileParam(request)
    const service = serviceByCode(id)
    if (!service) throw open311Error(404, `service_code ${id} is not a known service`)
    return sendFormatted(reply, format, serviceDefinition(service), { root: 'service_definition' }, { attributes: 'attribute', values: 'value' })
  })

  app.get('/requests/:file', { config: PUBLIC, schema: doc('诉求详情 one service request (de-identified)') }, async (request, reply) => {
    const { id, format } = fileParam(request)
    const row = await store.get(id)
    if (!row) throw open311Error(404, `service request ${id} not found`)
    return sendFormatted(reply, format, [toOpen311Request(row)], REQUESTS)
  })

  app.get('/tokens/:file', { config: PUBLIC, schema: doc('令牌查询 service request id from a token') }, async (request, reply) => {
    const { id: token, format } = fileParam(request)
    const caseId = await store.caseOfToken(token)
    if (!caseId) throw open311Error(404, `token ${token} not found`)
    return sendFormatted(reply, format, [{ service_request_id: caseId, token }], REQUESTS)
  })

  async function createRequest(request: FastifyRequest, reply: FastifyReply, format: Format) {
    const body = request.body
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw open311Error(400, 'send the request as form fields (application/x-www-form-urlencoded) or a JSON object')
    const actor = actorOf(request)
    const channel = OPEN311_CHANNELS.find((c) => actor.channels?.includes(c))
    if (!channel) throw open311Error(403, `this api_key may not create cases through Open311 (it needs one of the channels ${OPEN311_CHANNELS.join(', ')})`)
    const { input, pointers } = toCaseInput(body as RequestBody, channel, new Date())
    const r = await createIdempotent(deps, input, pointers, actor, idempotencyKey(request))
    const token = await store.tokenFor(r.body.id, actor.id.replace(/^key:/, ''))
    reply.code(r.status)
    if (r.replayed) reply.header('idempotent-replayed', 'true')
    return sendFormatted(reply, format, [{ service_request_id: r.body.id, token, service_notice: null, account_id: null }], REQUESTS)
  }
}

function fileParam(request: FastifyRequest): { id: string; format: Format } {
  const file = (request.params as { file: string }).file
  const parsed = splitExtension(file)
  if (!parsed) throw open311Error(404, `${file}: add .json or .xml`)
  if (parsed.id.length > 128) throw open311Error(404, 'not found')
  return parsed
}

function idempotencyKey(request: FastifyRequest): string | undefined {
  const v = request.headers['idempotency-key']
  if (v === undefined) return undefined
  if (typeof v !== 'string' || v.length < 1 || v.length > 200) throw open311Error(400, 'Idempotency-Key must be one value of 1 to 200 characters')
  return v
}

function serviceSummary(s: Open311Service) {
  return {
    service_code: s.service_code,
    service_name: s.service_name,
    description: s.description,
    metadata: s.attributes.length > 0,
    type: 'realtime',
    keywords: s.keywords.join(', '),
    group: s.group,
  }
}

function serviceDefinition(s: Open311Service) {
  return {
    service_code: s.service_code,
    attributes: s.attributes.map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatype_description,
      order: i + 1,
      description: a.description,
      ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: v.name })) } : {}),
    })),
  }
}
