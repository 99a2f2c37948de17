import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { principalOf, type Principal } from '@hotline-hub/platform'
import { errors } from '../errors.ts'
import type { EscalationDeps } from '../module.ts'
import { listNotices, listOverdue } from './overdue.ts'
import { recomputeOpenCases } from './recompute.ts'

const ListQuery = Type.Object(
  {
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '承办单位; a department user always gets its own.' })),
    kind: Type.Optional(Type.Union([Type.Literal('response'), Type.Literal('resolution')])),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
    includeWithdrawn: Type.Optional(Type.Boolean({ description: 'Notices only: also those withdrawn because the case had met the deadline.' })),
  },
  { additionalProperties: false },
)
type ListQuery = Static<typeof ListQuery>

const listRoles = { roles: ['leader', 'duty_officer', 'admin', 'department'] as const }

/** A department user sees its own department only, whatever it asks for. */
function departmentFor(p: Principal, asked: string | undefined): string | undefined {
  if (p.role !== 'department') return asked
  if (!p.department) throw errors.create('FORBIDDEN_ROLE', { detail: 'this department user is not attached to a department' })
  return p.department
}

/**
 * 超期清单 (GET /api/v1/overdue), 督办通知 (GET /api/v1/notices) and the
 * policy reload (POST /api/v1/sla/reload).
 */
export async function listRoutes(app: FastifyInstance, deps: EscalationDeps, now: () => Date): Promise<void> {
  app.get<{ Querystring: ListQuery }>('/api/v1/overdue', { config: listRoles, schema: { querystring: ListQuery } }, async (request) => {
    const q = request.query
    const at = now()
    const out = await listOverdue(deps.db, { ...q, department: departmentFor(principalOf(request, errors), q.department) }, at)
    return { at: at.toISOString(), ...out }
  })

  app.get<{ Querystring: ListQuery }>('/api/v1/notices', { config: listRoles, schema: { querystring: ListQuery } }, async (request) => {
    const q = request.query
    return listNotices(deps.db, { ...q, department: departmentFor(principalOf(request, errors), q.department) })
  })

  app.post('/api/v1/sla/reload', { config: { roles: ['admin'] } }, async () => {
    const previous = deps.sla.current.version
    const outcome = deps.sla.reload()
    if (!outcome.ok) {
      const e = outcome.error!
      throw errors.create('RELOAD_REFUSED', { detail: `${e.file}:${e.line}: ${e.reason}${e.pointer ? ` (at ${e.pointer})` : ''}` })
    }
    const recomputed = outcome.version === previous ? { open: 0, changed: 0 } : await recomputeOpenCases(deps)
    deps.logger.info({ version: outcome.version, previous, ...recomputed }, 'SLA policy reloaded')
    return { ok: true, version: outcome.version, previousVersion: previous, recomputed }
  })
}
