import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import { CHANNELS, type Channel } from '@hotline-hub/contracts'
import { actorOf } from '../auth/auth-plugin.ts'
import type { IntakeDeps } from '../intake-deps.ts'
import { DELIVERY_STATUSES, recentDeliveries } from './delivery-history.ts'
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhook-events.ts'
import { WebhookSubscriptions, type NewSubscription } from './webhook-subscriptions.ts'

const MANAGERS = ['integrator', 'admin'] as const
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

const SubscriptionBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) URL that receives the POSTs.' }),
    secret: Type.Optional(Type.String({ minLength: 16, maxLength: 256, description: 'HMAC signing secret; generated (and shown once) when absent.' })),
    events: Type.Array(Type.Unsafe<WebhookEvent>({ type: 'string', enum: [...WEBHOOK_EVENTS] }), { minItems: 1, uniqueItems: true }),
    channels: Type.Optional(Type.Array(Type.Unsafe<Channel>({ type: 'string', enum: [...CHANNELS] }), { minItems: 1, uniqueItems: true })),
  },
  { additionalProperties: false },
)

/** 集成方回调: subscriptions and their delivery history. */
export async function webhookRoutes(app: FastifyInstance, d: Pick<IntakeDeps, 'db' | 'vault'>) {
  const subscriptions = new WebhookSubscriptions(d)

  app.post('/api/v1/webhooks', {
    schema: { tags: ['webhooks'], summary: 'Subscribe a URL to case events (signed with X-Hotline-Signature)', body: SubscriptionBody },
    config: { roles: MANAGERS },
  }, async (request, reply) => {
    const created = await subscriptions.create(request.body as NewSubscription, actorOf(request))
    reply.header('cache-control', 'no-store').header('location', `/api/v1/webhooks/${created.id}`)
    return reply.code(201).send({ ...created, note: 'The secret is shown once; it is stored encrypted.' })
  })

  app.get('/api/v1/webhooks', { schema: { tags: ['webhooks'] }, config: { roles: MANAGERS } }, async (request) => ({
    items: await subscriptions.list(actorOf(request)),
  }))

  app.delete('/api/v1/webhooks/:id', { schema: { tags: ['webhooks'], params: IdParams }, config: { roles: MANAGERS } }, async (request, reply) => {
    await subscriptions.remove((request.params as { id: string }).id, actorOf(request))
    return reply.code(204).send()
  })

  app.get('/api/v1/webhooks/:id/deliveries', {
    schema: {
      tags: ['webhooks'],
      summary: 'Recent deliveries, newest first, with every attempt',
      params: IdParams,
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        status: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: [...DELIVERY_STATUSES] })),
      }, { additionalProperties: false }),
    },
    config: { roles: MANAGERS },
  }, async (request) => {
    const { id } = request.params as { id: string }
    await subscriptions.get(id, actorOf(request))
    return recentDeliveries(d.db, id, request.query as { limit?: number; status?: string })
  })
}
