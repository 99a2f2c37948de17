import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Static } from '@sinclair/typebox'
import { principalOf } from '@hotline-hub/platform'
import type { Role } from '@hotline-hub/contracts'
import { errors } from '../errors.ts'
import { factsOf } from '../tracking/case-store.ts'
import type { EmergencyContext } from './context.ts'
import { getIncident, type IncidentRow } from './incident-store.ts'
import { openIncident } from './open-incident.ts'
import { LiveBatch } from './live.ts'
import { stageLabel } from './grades.ts'
import { IncidentParams, ListQuery, ManualIncidentBody } from './schemas.ts'
import { incidentSummary, incidentView } from './views.ts'

export const READERS: Role[] = ['duty_officer', 'leader', 'admin']
export const DRAFTERS: Role[] = ['duty_officer', 'admin']

/** 突发事件: list, one with its cases and reports, open one by hand, the rules in force and their reload. */
export async function incidentRoutes(app: FastifyInstance, ctx: EmergencyContext): Promise<void> {
  const db = ctx.deps.db

  app.get('/api/v1/emergencies', { schema: { tags: ['emergency'], summary: '突发事件列表', querystring: ListQuery }, config: { roles: READERS } }, async (request) => {
    const q = request.query as Static<typeof ListQuery>
    const rows = await db.query<IncidentRow & { case_count: number; reports: { id: string; stage: 'initial' | 'follow-up' | 'final'; seq: number; status: string; grade: string }[] }>(
      `SELECT i.*, (SELECT count(*)::int FROM escalation.emergency_incident_cases l WHERE l.incident_id = i.id) AS case_count,
              coalesce((SELECT jsonb_agg(jsonb_build_object('id', r.id, 'stage', r.stage, 'seq', r.seq, 'status', r.status, 'grade', r.grade) ORDER BY r.created_at)
                          FROM escalation.emergency_reports r WHERE r.incident_id = i.id), '[]'::jsonb) AS reports
         FROM escalation.emergency_incidents i WHERE ($1::text IS NULL OR i.status = $1)
        ORDER BY i.created_at DESC, i.id LIMIT $2 OFFSET $3`,
      [q.status ?? null, q.limit, q.offset],
    )
    return { items: rows.map((r) => ({ ...incidentSummary(r), reports: r.reports.map((x) => ({ ...x, label: stageLabel(x.stage, x.seq) })) })) }
  })

  app.get('/api/v1/emergencies/rules', { schema: { tags: ['emergency'], summary: '当前生效的触发规则与报告时限' }, config: { roles: READERS } }, async () => ({
    ...ctx.rules.current.data,
    fileVersion: ctx.rules.current.data.version,
    version: ctx.rules.current.version,
  }))

  app.post('/api/v1/emergencies/rules/reload', { schema: { tags: ['emergency'], summary: '重新加载触发规则文件（有误则拒绝，原规则继续生效）' }, config: { roles: ['admin'] } }, async () => {
    const outcome = ctx.rules.reload()
    if (!outcome.ok) throw errors.create('RELOAD_REFUSED', { detail: outcome.error!.message, pointer: outcome.error!.pointer || '' })
    return { version: outcome.version }
  })

  app.get('/api/v1/emergencies/:id', { schema: { tags: ['emergency'], summary: '突发事件详情（诉求件、各期报告、时限倒计时）', params: IncidentParams }, config: { roles: READERS } }, async (request) => {
    const { id } = request.params as Static<typeof IncidentParams>
    const incident = await getIncident(db, id)
    if (!incident) throw errors.create('EMERGENCY_NOT_FOUND', { pointer: '/id', detail: `no incident ${id}` })
    return incidentView(db, incident, ctx.now())
  })

  app.post('/api/v1/emergencies', { schema: { tags: ['emergency'], summary: '值班员人工发起突发事件（生成初报草稿）', body: ManualIncidentBody }, config: { roles: DRAFTERS } }, async (request, reply) => {
    const who = principalOf(request, errors)
    const b = request.body as Static<typeof ManualIncidentBody>
    const rule = ctx.rules.current.manual
    const id = await db.transaction(async (tx) => {
      const rows = b.caseIds?.length ? await tx.query<Parameters<typeof factsOf>[0]>('SELECT * FROM escalation.cases WHERE case_id = ANY($1::text[]) ORDER BY received_at', [b.caseIds]) : []
      const cases = rows.map(factsOf)
      const unknown = (b.caseIds ?? []).filter((c) => !cases.some((x) => x.caseId === c))
      if (unknown.length) throw errors.create('CASE_NOT_TRACKED', { pointer: `/caseIds/${b.caseIds!.indexOf(unknown[0]!)}`, detail: `unknown cases: ${unknown.join(', ')}` })
      const receivedAt = b.receivedAt ? new Date(b.receivedAt) : cases[0]?.receivedAt ?? ctx.now()
      const area = b.street || b.district ? { district: b.district ?? '', street: b.street ?? '' } : null
      const live = new LiveBatch()
      const { incident } = await openIncident(ctx, tx, {
        key: `manual:${randomUUID()}`,
        trigger: 'manual',
        ruleId: rule.id,
        grade: b.grade ?? rule.grade,
        title: b.title,
        subject: b.topic ?? null,
        area,
        cases,
        receivedAt,
        createdBy: who.id,
        ...(b.content ? { content: b.content } : {}),
      }, live)
      await live.flush(tx)
      return incident.id
    })
    const incident = (await getIncident(db, id))!
    return reply.code(201).send(await incidentView(db, incident, ctx.now()))
  })
}
