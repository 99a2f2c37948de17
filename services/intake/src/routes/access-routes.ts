import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import { CHANNELS, ROLES, type Channel, type Role } from '@hotline-hub/contracts'
import { credentialOf } from '@hotline-hub/platform'
import { actorOf } from '../auth/auth-plugin.ts'
import { errors } from '../errors.ts'
import type { IntakeDeps } from '../intake-deps.ts'

const ChannelList = Type.Array(Type.Unsafe<Channel>({ type: 'string', enum: [...CHANNELS] }), { minItems: 1, uniqueItems: true })

/** Sign-in, users and integrators' API keys. */
export async function accessRoutes(app: FastifyInstance, d: IntakeDeps) {
  app.post('/api/v1/auth/login', {
    schema: { tags: ['access'], body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }) },
    config: { roles: 'public' },
  }, async (request) => {
    const { username, password } = request.body as { username: string; password: string }
    const session = await d.principals.login(username, password)
    if (!session) throw errors.create('BAD_CREDENTIALS')
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), role: session.actor.role, department: session.actor.department ?? null }
  })

  app.post('/api/v1/auth/logout', { schema: { tags: ['access'] }, config: { roles: ROLES } }, async (request, reply) => {
    await d.principals.logout(credentialOf(request) ?? '')
    return reply.code(204).send()
  })

  app.get('/api/v1/auth/me', { schema: { tags: ['access'] }, config: { roles: ROLES } }, async (request) => actorOf(request))

  app.post('/api/v1/users', {
    schema: {
      tags: ['access'],
      body: Type.Object({
        username: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
        password: Type.String({ minLength: 12, maxLength: 200 }),
        role: Type.Unsafe<Role>({ type: 'string', enum: ROLES.filter((r) => r !== 'integrator') }),
        department: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
        displayName: Type.Optional(Type.String({ maxLength: 64 })),
      }, { additionalProperties: false }),
    },
    config: { roles: ['admin'] },
  }, async (request, reply) => {
    const body = request.body as { username: string; password: string; role: Role; department?: string }
    if (body.role === 'department' && !body.department) throw errors.create('VALIDATION', { pointer: '/department', detail: 'a department user needs its department' })
    const user = await d.principals.createUser(body)
    return reply.code(201).send({ id: user.id, username: body.username, role: body.role })
  })

  app.post('/api/v1/api-keys', {
    schema: { tags: ['access'], body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), channels: ChannelList, ratePerMin: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) }, { additionalProperties: false }) },
    config: { roles: ['admin'] },
  }, async (request, reply) => {
    const b = request.body as { name: string; channels: Channel[]; ratePerMin?: number }
    const key = await d.principals.createApiKey(b.name, b.channels, b.ratePerMin ?? d.config.API_KEY_RATE_PER_MIN)
    return reply.code(201).send({ ...key, channels: b.channels, note: 'The key is shown once; it is stored hashed.' })
  })

  app.post('/api/v1/api-keys/:id/rotate', { schema: { tags: ['access'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }) }, config: { roles: ['admin'] } }, async (request, reply) => {
    const graceMs = d.config.API_KEY_ROTATION_GRACE_HOURS * 3600_000
    const key = await d.principals.rotateApiKey((request.params as { id: string }).id, graceMs)
    if (!key) throw errors.create('NOT_FOUND', { pointer: '/id', detail: 'no such active key' })
    return reply.code(201).send({ ...key, previousKeyValidUntil: new Date(Date.now() + graceMs).toISOString() })
  })

  app.delete('/api/v1/api-keys/:id', { schema: { tags: ['access'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }) }, config: { roles: ['admin'] } }, async (request, reply) => {
    if (!(await d.principals.revokeApiKey((request.params as { id: string }).id))) throw errors.create('NOT_FOUND', { pointer: '/id' })
    return reply.code(204).send()
  })
}
