import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { credentialOf } from '@hotline-hub/platform'
import type { Actor } from '../domain/actor.ts'
import { errors } from '../errors.ts'
import type { Principals } from './principals.ts'

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
    /** Requests per minute allowed to the API key that signed this request. */
    keyRate: number | null
  }
}

/**
 * Resolves who is asking and enforces each route's `config.roles`. Routes
 * without roles are refused: every route says who may call it.
 */
export const authPlugin = fp(
  async function auth(app: FastifyInstance, o: { principals: Principals }) {
    app.decorateRequest('actor', null)
    app.decorateRequest('keyRate', null)
    app.addHook('onRequest', async (request) => {
      const roles = request.routeOptions.config?.roles
      if (roles === 'public' || roles === undefined && request.routeOptions.url === undefined) return
      const credential = credentialOf(request)
      const found = credential ? await o.principals.authenticate(credential) : null
      if (!found) throw errors.create('UNAUTHENTICATED')
      request.actor = found.actor
      request.keyRate = found.ratePerMin ?? null
      if (!roles || !roles.includes(found.actor.role))
        throw errors.create('FORBIDDEN_ROLE', { detail: `${found.actor.role} may not call ${request.method} ${request.routeOptions.url}` })
    })
  },
  { name: 'intake-auth' },
)

/** The authenticated actor of a route that requires one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw errors.create('UNAUTHENTICATED')
  return request.actor
}
