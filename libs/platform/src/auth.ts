import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Channel, Role } from '@hotline-hub/contracts'
import type { ErrorCatalog } from './errors.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles that may call the route; 'public' needs no credential. */
    roles?: readonly Role[] | 'public'
  }
}

/** Who is asking: a signed-in user or an integrator's API key (as intake knows them). */
export interface Principal {
  /** `user:<id>` or `key:<id>` */
  id: string
  role: Role
  /** For the department role: the unit (承办单位) it speaks for. */
  department?: string
  /** For integrators: the channels the key may use. */
  channels?: Channel[]
}

export type Authenticate = (credential: string) => Promise<Principal | null>

/** The credential of a request: `Authorization: Bearer …` or `X-Api-Key: …`. */
export function credentialOf(request: FastifyRequest): string | null {
  const auth = request.headers.authorization
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim()
  const key = request.headers['x-api-key']
  return typeof key === 'string' && key ? key : null
}

/** intake could not be asked who a credential belongs to: the request cannot be decided. */
export class AuthUnavailableError extends Error {
  constructor(detail: string) {
    super(`the sign-in service (intake) is unreachable: ${detail}`)
    this.name = 'AuthUnavailableError'
  }
}

/**
 * Who a credential belongs to. Users, sessions and keys live in intake; in
 * embedded mode intake registers its own lookup here, and a standalone
 * classifier or escalation asks intake's `GET /api/v1/auth/me` at
 * `INTAKE_URL` (answers are cached for `cacheMs`, so that a revoked session
 * stops working within that time).
 */
export class AuthDirectory {
  private local: Authenticate | null = null
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>()

  constructor(private readonly o: { intakeUrl?: string; cacheMs?: number; fetchTimeoutMs?: number } = {}) {}

  /** intake's own lookup, in the same process. */
  register(fn: Authenticate): void {
    this.local = fn
  }

  get mode(): 'local' | 'remote' | 'none' {
    return this.local ? 'local' : this.o.intakeUrl ? 'remote' : 'none'
  }

  async authenticate(credential: string): Promise<Principal | null> {
    if (this.local) return this.local(credential)
    if (!this.o.intakeUrl) throw new AuthUnavailableError('INTAKE_URL is not set and intake does not run in this process')
    const key = createHash('sha256').update(credential).digest('hex')
    const hit = this.cache.get(key)
    if (hit && hit.until > Date.now()) return hit.principal
    const principal = await this.introspect(credential)
    if (this.cache.size > 10_000) this.cache.clear()
    this.cache.set(key, { principal, until: Date.now() + (principal ? (this.o.cacheMs ?? 30_000) : 2_000) })
    return principal
  }

  private async introspect(credential: string): Promise<Principal | null> {
    let res: Response
    try {
      res = await fetch(new URL('/api/v1/auth/me', this.o.intakeUrl), {
        headers: { authorization: `Bearer ${credential}` },
        signal: AbortSignal.timeout(this.o.fetchTimeoutMs ?? 3000),
      })
    } catch (err) {
      throw new AuthUnavailableError((err as Error).message)
    }
    if (res.status === 401 || res.status === 403) return null
    if (!res.ok) throw new AuthUnavailableError(`GET /api/v1/auth/me answered ${res.status}`)
    const p = (await res.json()) as Principal
    return { id: p.id, role: p.role, ...(p.department ? { department: p.department } : {}), ...(p.channels ? { channels: p.channels } : {}) }
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
  }
}

/**
 * Enforces each route's `config.roles` in a service that does not own the
 * users (classifier, escalation). Routes without roles are refused: every
 * route says who may call it.
 */
export const rolesPlugin = fp(
  async function roles(app: FastifyInstance, o: { auth: AuthDirectory; errors: ErrorCatalog<'UNAUTHENTICATED' | 'FORBIDDEN_ROLE'> }) {
    app.decorateRequest('principal', null)
    app.addHook('onRequest', async (request) => {
      const roles = request.routeOptions.config?.roles
      if (roles === 'public' || (roles === undefined && request.routeOptions.url === undefined)) return
      const credential = credentialOf(request)
      let found: Principal | null = null
      if (credential) {
        try {
          found = await o.auth.authenticate(credential)
        } catch (err) {
          if (err instanceof AuthUnavailableError) throw o.errors.create('UNAVAILABLE', { detail: err.message, retryAfterSeconds: 5 })
          throw err
        }
      }
      if (!found) throw o.errors.create('UNAUTHENTICATED')
      request.principal = found
      if (!roles || !roles.includes(found.role))
        throw o.errors.create('FORBIDDEN_ROLE', { detail: `${found.role} may not call ${request.method} ${request.routeOptions.url}` })
    })
  },
  { name: 'hotline-roles' },
)

/** The authenticated principal of a route that requires one. */
export function principalOf(request: FastifyRequest, errors: ErrorCatalog<'UNAUTHENTICATED'>): Principal {
  if (!request.principal) throw errors.create('UNAUTHENTICATED')
  return request.principal
}
