import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from '@sinclair/typebox'
import { CHANNELS, type Channel } from '@hotline-hub/contracts'
import { normalizePhone } from '../adapters/validate-person.ts'
import { normalizePayload } from './normalize-payload.ts'
import { actorOf } from '../auth/auth-plugin.ts'
import type { CaseInput } from '../domain/case-input.ts'
import type { CreateResult } from '../domain/case-service.ts'
import { errors } from '../errors.ts'
import type { IntakeDeps } from '../intake-deps.ts'
import { CaseInputBody } from './case-input-schema.ts'

const WRITERS = ['operator', 'duty_officer', 'integrator', 'admin'] as const
const READERS = ['operator', 'duty_officer', 'leader', 'department', 'integrator', 'admin'] as const
const IdemHeader = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) })

function send(reply: FastifyReply, r: CreateResult) {
  reply.code(r.status).header('location', `/api/v1/cases/${r.body.id}`)
  if (r.replayed) reply.header('idempotent-replayed', 'true')
  return r.body
}

function assertChannel(value: string, pointer: string): asserts value is Channel {
  if (!CHANNELS.includes(value as Channel))
    throw errors.create('UNKNOWN_CHANNEL', { pointer, detail: `unknown channel ${JSON.stringify(value)}; known: ${CHANNELS.join(', ')}` })
}

/** 受理: canonical and channel-native creation, reading, listing, duplicate hints and the audited raw read. */
export async function caseRoutes(app: FastifyInstance, d: IntakeDeps) {
  app.post('/api/v1/cases', {
    schema: { body: CaseInputBody, headers: IdemHeader, tags: ['cases'], summary: '受理 a canonical case' },
    bodyLimit: d.config.CASE_BODY_LIMIT_BYTES,
    config: { roles: WRITERS },
  }, async (request, reply) => {
    const body = request.body as CaseInput & { channel: string }
    assertChannel(body.channel, '/channel')
    const input: CaseInput = { ...body, caller: body.caller ?? {}, location: body.location ?? {} }
    const r = await d.intake.create(input, {}, actorOf(request), request.headers['idempotency-key'] as string | undefined)
    return send(reply, r)
  })

  app.post('/api/v1/channels/:channel/cases', {
    schema: { params: Type.Object({ channel: Type.String() }), headers: IdemHeader, tags: ['cases'], summary: '受理 a case in its channel’s own payload' },
    bodyLimit: d.config.CASE_BODY_LIMIT_BYTES,
    config: { roles: WRITERS },
  }, async (request, reply) => {
    const { channel } = request.params as { channel: string }
    assertChannel(channel, '/params/channel')
    const { input, pointers } = normalizePayload(channel, request.body)
    const r = await d.intake.create(input, pointers, actorOf(request), request.headers['idempotency-key'] as string | undefined)
    return send(reply, r)
  })

  app.get('/api/v1/cases/:id', { schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }), tags: ['cases'] }, config: { roles: READERS } }, async (request) =>
    d.queries.get((request.params as { id: string }).id, actorOf(request)),
  )

  app.get('/api/v1/cases', {
    schema: {
      tags: ['cases'],
      querystring: Type.Object({
        channel: Type.Optional(Type.String()), status: Type.Optional(Type.String()), department: Type.Optional(Type.String()),
        topic: Type.Optional(Type.String()), urgency: Type.Optional(Type.String()), district: Type.Optional(Type.String()),
        from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })),
        q: Type.Optional(Type.String({ maxLength: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        cursor: Type.Optional(Type.String({ maxLength: 64 })),
      }, { additionalProperties: false }),
    },
    config: { roles: READERS },
  }, async (request) => d.queries.list(request.query as Record<string, never>, actorOf(request)))

  app.post('/api/v1/cases/hints', {
    schema: {
      tags: ['cases'],
      summary: '查重提示: the caller’s open cases and similar recent cases nearby',
      body: Type.Object({
        phone: Type.Optional(Type.String({ maxLength: 32 })), district: Type.Optional(Type.String({ maxLength: 64 })),
        street: Type.Optional(Type.String({ maxLength: 64 })), content: Type.Optional(Type.String({ maxLength: 50000 })),
      }, { additionalProperties: false }),
    },
    config: { roles: ['operator', 'duty_officer', 'admin'] },
  }, async (request) => {
    const b = request.body as { phone?: string; district?: string; street?: string; content?: string }
    const phoneHash = b.phone ? d.vault.phoneHash(normalizePhone(b.phone)) : null
    return d.queries.hints({ ...b, phoneHash }, actorOf(request))
  })

  app.get('/api/v1/cases/:id/caller', {
    schema: { tags: ['cases'], summary: 'Raw caller data (audited)', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) }) },
    config: { roles: ['operator', 'admin'] },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return d.queries.rawCaller((request.params as { id: string }).id, actorOf(request), (request.query as { reason?: string }).reason)
  })
}
