import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Static } from '@sinclair/typebox'
import { principalOf } from '@hotline-hub/platform'
import { errors } from '../errors.ts'
import { approveReport, rejectReport, submitReport } from './approval-actions.ts'
import type { EmergencyContext } from './context.ts'
import { getIncident, getReport } from './incident-store.ts'
import { completeCommitment, recordMilestone } from './milestone-actions.ts'
import { createNextReport, patchReport, type Who } from './report-actions.ts'
import { DRAFTERS, READERS } from './incident-routes.ts'
import {
  ApproveBody, CommitmentParams, DoneBody, IncidentParams, MilestoneBody, NextReportBody, PatchReportBody, PhoneReportBody, RejectBody, ReportParams,
} from './schemas.ts'
import { reportView } from './views.ts'

const tags = ['emergency']

/** 报告: 续报/终报, edit, submit, approve or reject (分管领导), phone report and milestones, deliveries, commitments. */
export async function reportRoutes(app: FastifyInstance, ctx: EmergencyContext): Promise<void> {
  const db = ctx.deps.db
  const who = (request: FastifyRequest): Who => {
    const p = principalOf(request, errors)
    return { id: p.id, role: p.role }
  }
  const view = async (incidentId: string, reportId: string) => {
    const r = await getReport(db, incidentId, reportId)
    if (!r) throw errors.create('REPORT_NOT_FOUND', { pointer: '/reportId' })
    return reportView(db, r, ctx.now())
  }
  const base = '/api/v1/emergencies/:id/reports/:reportId'

  app.post('/api/v1/emergencies/:id/reports', { schema: { tags, summary: '起草续报或终报', params: IncidentParams, body: NextReportBody }, config: { roles: DRAFTERS } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IncidentParams>
    const { stage } = request.body as Static<typeof NextReportBody>
    const r = await createNextReport(ctx, who(request), id, stage)
    return reply.code(201).send(await view(id, r.id))
  })

  app.get(base, { schema: { tags, summary: '报告详情（含时限倒计时）', params: ReportParams }, config: { roles: READERS } }, async (request) => {
    const p = request.params as Static<typeof ReportParams>
    return view(p.id, p.reportId)
  })

  app.patch(base, { schema: { tags, summary: '修改报告草稿（要素、分级、承诺事项）', params: ReportParams, body: PatchReportBody }, config: { roles: DRAFTERS } }, async (request) => {
    const p = request.params as Static<typeof ReportParams>
    await patchReport(ctx, who(request), p.id, p.reportId, request.body as Static<typeof PatchReportBody>)
    return view(p.id, p.reportId)
  })

  app.post(`${base}/submit`, { schema: { tags, summary: '提交分管领导审批', params: ReportParams }, config: { roles: DRAFTERS } }, async (request) => {
    const p = request.params as Static<typeof ReportParams>
    await submitReport(ctx, who(request), p.id, p.reportId)
    return view(p.id, p.reportId)
  })

  app.post(`${base}/approve`, { schema: { tags, summary: '分管领导审批通过（随即报送）', params: ReportParams, body: ApproveBody }, config: { roles: ['leader'] } }, async (request) => {
    const p = request.params as Static<typeof ReportParams>
    const b = (request.body ?? {}) as Static<typeof ApproveBody>
    await approveReport(ctx, who(request), p.id, p.reportId, b.comment ?? null)
    return view(p.id, p.reportId)
  })

  app.post(`${base}/reject`, { schema: { tags, summary: '分管领导退回（须写明理由）', params: ReportParams, body: RejectBody }, config: { roles: ['leader'] } }, async (request) => {
    const p = request.params as Static<typeof ReportParams>
    await rejectReport(ctx, who(request), p.id, p.reportId, (request.body as Static<typeof RejectBody>).comment)
    return view(p.id, p.reportId)
  })

  app.post(`${base}/phone-report`, { schema: { tags, summary: '登记电话报告', params: ReportParams, body: PhoneReportBody }, config: { roles: DRAFTERS } }, async (request) => {
    const p = request.params as Static<typeof ReportParams>
    const b = (request.body ?? {}) as Static<typeof PhoneReportBody>
    await recordMilestone(ctx, who(request), p.id, p.reportId, { how: 'phone', ...b })
    return view(p.id, p.reportId)
  })

  app.post(`${base}/milestones`, { schema: { tags, summary: '登记舆情回应节点（权威信息发布、新闻发布会、舆情回应）', params: ReportParams, body: MilestoneBody }, config: { roles: DRAFTERS } }, async (request) => {
    const p = request.params as Static<typeof ReportParams>
    await recordMilestone(ctx, who(request), p.id, p.reportId, { how: 'milestone', ...(request.body as Static<typeof MilestoneBody>) })
    return view(p.id, p.reportId)
  })

  app.get(`${base}/deliveries`, { schema: { tags, summary: '报送记录（每次尝试）', params: ReportParams }, config: { roles: READERS } }, async (request) => {
    const p = request.params as Static<typeof ReportParams>
    if (!(await getReport(db, p.id, p.reportId))) throw errors.create('REPORT_NOT_FOUND', { pointer: '/reportId' })
    const deliveries = await db.query<{ id: string; url: string; status: string; attempts: number; next_attempt_at: Date; delivered_at: Date | null; created_at: Date }>(
      'SELECT id, url, status, attempts, next_attempt_at, delivered_at, created_at FROM escalation.emergency_deliveries WHERE report_id = $1',
      [p.reportId],
    )
    const items = []
    for (const d of deliveries) {
      const attempts = await db.query<{ attempt: number; status_code: number | null; error: string | null; duration_ms: number; at: Date }>(
        'SELECT attempt, status_code, error, duration_ms, at FROM escalation.emergency_delivery_attempts WHERE delivery_id = $1 ORDER BY attempt',
        [d.id],
      )
      items.push({
        id: d.id,
        url: d.url,
        status: d.status,
        createdAt: d.created_at.toISOString(),
        deliveredAt: d.delivered_at?.toISOString() ?? null,
        nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null,
        attempts: attempts.map((a) => ({ attempt: a.attempt, statusCode: a.status_code, error: a.error, durationMs: a.duration_ms, at: a.at.toISOString() })),
      })
    }
    return { items }
  })

  app.post('/api/v1/emergencies/:id/commitments/:commitmentId/done', { schema: { tags, summary: '承诺事项已兑现', params: CommitmentParams, body: DoneBody }, config: { roles: [...DRAFTERS, 'leader'] } }, async (request) => {
    const p = request.params as Static<typeof CommitmentParams>
    await completeCommitment(ctx, who(request), p.id, p.commitmentId, (request.body as Static<typeof DoneBody> | undefined)?.at)
    const incident = await getIncident(db, p.id)
    return { ok: true, incidentId: incident!.id, commitmentId: p.commitmentId }
  })
}
