import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { principalOf, type Principal } from '@hotline-hub/platform'
import type { Sql } from '@hotline-hub/db'
import { errors } from '../errors.ts'
import type { EscalationDeps } from '../module.ts'
import { isOpen, type CaseFacts, type StoredPause } from '../tracking/case-facts.ts'
import { factsOf, loadFacts } from '../tracking/case-store.ts'
import { recordLive } from './live.ts'
import { slaView, timersOf, type SlaView } from './sla-view.ts'

/** A 补正 pause as this part stores it: who started and ended it, besides the tracker's fields. */
interface PauseRecord extends StoredPause {
  startedBy?: string
  endedBy?: string
}

const CaseParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })
const PauseBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, description: '补正 reason: what the caller is asked to supply.' }) },
  { additionalProperties: false },
)

/** A department user may act only on the cases it handles. */
function assertMayTouch(p: Principal, f: CaseFacts): void {
  if (p.role === 'department' && (!p.department || f.department !== p.department)) {
    throw errors.create('CASE_OF_ANOTHER_DEPARTMENT', { pointer: '/id', detail: `case ${f.caseId} is not with ${p.department ?? 'your department'}` })
  }
}

const notTracked = (id: string) => errors.create('CASE_NOT_TRACKED', { pointer: '/id', detail: `case ${id} is not known to escalation (yet)` })

async function lockedCase(tx: Sql, id: string, p: Principal): Promise<CaseFacts> {
  const stored = await loadFacts(tx, id)
  if (!stored) throw notTracked(id)
  assertMayTouch(p, stored.facts)
  return stored.facts
}

/**
 * A case's deadlines (GET /api/v1/cases/{id}/sla) and its 补正 pauses
 * (POST …/pauses, POST …/pauses/current/end): a pause stops the resolution
 * clock; ending it recomputes the deadline (deps.tracker.update), and the
 * timers follow.
 */
export async function caseSlaRoutes(app: FastifyInstance, deps: EscalationDeps, now: () => Date): Promise<void> {
  const view = async (sql: Sql, f: CaseFacts): Promise<SlaView> => slaView(f, deps.sla.current, await timersOf(sql, f.caseId), now())
  // The facts as stored after the change, with the deadlines the tracker recomputed.
  const updated = async (tx: Sql, id: string, change: (f: CaseFacts) => CaseFacts): Promise<CaseFacts> => {
    await deps.tracker.update(tx, id, change)
    return (await loadFacts(tx, id))!.facts
  }

  app.get<{ Params: Static<typeof CaseParams> }>(
    '/api/v1/cases/:id/sla',
    { config: { roles: ['operator', 'duty_officer', 'leader', 'department', 'admin'] }, schema: { params: CaseParams } },
    async (request) => {
      const p = principalOf(request, errors)
      const [row] = await deps.db.query<Parameters<typeof factsOf>[0]>('SELECT * FROM escalation.cases WHERE case_id = $1', [request.params.id])
      if (!row) throw notTracked(request.params.id)
      const f = factsOf(row)
      assertMayTouch(p, f)
      return view(deps.db, f)
    },
  )

  const pauseRoles = { roles: ['department', 'duty_officer', 'admin'] as const }

  app.post<{ Params: Static<typeof CaseParams>; Body: Static<typeof PauseBody> }>(
    '/api/v1/cases/:id/pauses',
    { config: pauseRoles, schema: { params: CaseParams, body: PauseBody } },
    async (request, reply) => {
      const p = principalOf(request, errors)
      const out = await deps.db.transaction(async (tx) => {
        const f = await lockedCase(tx, request.params.id, p)
        if (!isOpen(f)) throw errors.create('CASE_NOT_OPEN', { pointer: '/id', detail: `case ${f.caseId} is ${f.status}` })
        if (f.pauses.some((x) => x.to === null)) throw errors.create('PAUSE_ALREADY_OPEN', { pointer: '/id', detail: `case ${f.caseId} is paused since ${f.pauses.find((x) => x.to === null)!.from}` })
        const pause: PauseRecord = { from: now().toISOString(), to: null, reason: request.body.reason, startedBy: p.id }
        const after = await updated(tx, f.caseId, (x) => ({ ...x, pauses: [...x.pauses, pause] }))
        await recordLive(tx, 'sla.paused', { caseId: f.caseId, department: f.department, from: pause.from, reason: pause.reason, by: p.id })
        return view(tx, after)
      })
      return reply.code(201).send(out)
    },
  )

  app.post<{ Params: Static<typeof CaseParams> }>(
    '/api/v1/cases/:id/pauses/current/end',
    { config: pauseRoles, schema: { params: CaseParams } },
    async (request) => {
      const p = principalOf(request, errors)
      return deps.db.transaction(async (tx) => {
        const f = await lockedCase(tx, request.params.id, p)
        const i = f.pauses.findIndex((x) => x.to === null)
        if (i < 0) throw errors.create('NO_OPEN_PAUSE', { pointer: '/id', detail: `case ${f.caseId} is not paused` })
        const to = new Date(Math.max(now().getTime(), new Date(f.pauses[i]!.from).getTime())).toISOString()
        const ended: PauseRecord = { ...(f.pauses[i] as PauseRecord), to, endedBy: p.id }
        const after = await updated(tx, f.caseId, (x) => ({ ...x, pauses: x.pauses.map((y, j) => (j === i ? ended : y)) }))
        await recordLive(tx, 'sla.resumed', { caseId: f.caseId, department: f.department, from: ended.from, to, resolutionDueAt: after.resolutionDueAt?.toISOString() ?? null, by: p.id })
        return view(tx, after)
      })
    },
  )
}
