import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { Role } from '@hotline-hub/contracts'
import { principalOf } from '@hotline-hub/platform'
import { errors } from '../errors.ts'
import { toCsv, toXlsx, XLSX_TYPE } from '../emergency/ledger/table-files.ts'
import { answer, consult, extend, noticeCorrection, receiveCorrection, setApplicantType, type DisclosureContext } from './actions.ts'
import { annualTable, annualText } from './annual-export.ts'
import { annualReport } from './annual-report.ts'
import { disclosureView } from './deadline.ts'
import { APPLICANT_CODES, OUTCOME_CODES, type ApplicantType, type OutcomeCode } from './form.ts'
import { getDisclosure, listDisclosures } from './store.ts'

const HANDLERS: Role[] = ['operator', 'duty_officer', 'department', 'admin']
const READERS: Role[] = [...HANDLERS, 'leader']
const REPORTERS: Role[] = ['duty_officer', 'leader', 'admin']
const tags = ['disclosure']
const At = Type.Optional(Type.String({ format: 'date-time', description: 'When it happened; default now.' }))
const Params = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })
const enumOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)))

const Bodies = {
  patch: Type.Object({ applicantType: enumOf(APPLICANT_CODES) }, { additionalProperties: false }),
  extension: Type.Object(
    {
      days: Type.Integer({ minimum: 1, maximum: 365, description: '延长的工作日数 (≤ the policy maximum, 20)' }),
      reason: Type.String({ minLength: 1, maxLength: 2000 }),
      approvedBy: Type.String({ minLength: 1, maxLength: 128, description: '同意延期的政府信息公开工作机构负责人' }),
      approvedAt: At,
      noticeSentAt: Type.String({ format: 'date-time', description: '延期告知书送达申请人的时间' }),
    },
    { additionalProperties: false },
  ),
  correction: Type.Object({ items: Type.String({ minLength: 1, maxLength: 4000, description: '需要补正的事项（一次性告知）' }), at: At }, { additionalProperties: false }),
  at: Type.Object({ at: At }, { additionalProperties: false }),
  consult: Type.Object({ thirdParty: Type.String({ minLength: 1, maxLength: 200 }), at: At }, { additionalProperties: false }),
  outcome: Type.Object(
    { outcome: enumOf(OUTCOME_CODES), reason: Type.Optional(Type.String({ maxLength: 64 })), at: At, note: Type.Optional(Type.String({ maxLength: 4000 })) },
    { additionalProperties: false },
  ),
}
const ListQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    open: Type.Optional(Type.Boolean()),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
)
const YearQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false })

/** 依申请公开: requests with their deadlines, the disclosure-specific actions, and the annual report table. */
export async function disclosureRoutes(app: FastifyInstance, ctx: DisclosureContext): Promise<void> {
  const view = async (caseId: string) => disclosureView(ctx.calendar, ctx.policy.current, (await getDisclosure(ctx.db, caseId))!, ctx.now())

  app.get('/api/v1/disclosures', { schema: { tags, summary: '依申请公开件列表（答复期限、超期）', querystring: ListQuery }, config: { roles: READERS } }, async (request) => {
    const p = principalOf(request, errors)
    const q = request.query as Static<typeof ListQuery>
    const rows = await listDisclosures(ctx.db, { ...q, ...(p.role === 'department' ? { department: p.department ?? '' } : {}) })
    const now = ctx.now()
    return { items: rows.map((r) => disclosureView(ctx.calendar, ctx.policy.current, r, now)) }
  })

  const report = (format: 'json' | 'csv' | 'xlsx' | 'txt') => async (request: { query: unknown }, reply: FastifyReply) => {
    const { year } = request.query as Static<typeof YearQuery>
    const r = await annualReport(ctx.db, year)
    const name = (ext: string) => `attachment; filename="disclosure-${year}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${year}年政府信息公开申请情况.${ext}`)}`
    if (format === 'json') return r
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', name('csv')).send(toCsv(annualTable(r)))
    if (format === 'txt') return reply.type('text/plain; charset=utf-8').header('content-disposition', name('txt')).send(annualText(r))
    return reply.type(XLSX_TYPE).header('content-disposition', name('xlsx')).send(await toXlsx([annualTable(r)]))
  }
  for (const [suffix, format] of [['', 'json'], ['.csv', 'csv'], ['.xlsx', 'xlsx'], ['.txt', 'txt']] as const) {
    app.get(`/api/v1/disclosures/annual-report${suffix}`, { schema: { tags, summary: `年度报告：收到和处理政府信息公开申请情况 (${format})`, querystring: YearQuery }, config: { roles: REPORTERS } }, report(format))
  }

  app.post('/api/v1/disclosures/policy/reload', { schema: { tags, summary: '重新加载依申请公开时限文件' }, config: { roles: ['admin'] } }, async () => {
    const outcome = ctx.policy.reload()
    if (!outcome.ok) throw errors.create('RELOAD_REFUSED', { detail: outcome.error!.message, pointer: outcome.error!.pointer || '' })
    return { version: outcome.version }
  })

  app.get('/api/v1/disclosures/:caseId', { schema: { tags, summary: '依申请公开件详情', params: Params }, config: { roles: READERS } }, async (request) => {
    const p = principalOf(request, errors)
    const { caseId } = request.params as Static<typeof Params>
    const r = await getDisclosure(ctx.db, caseId)
    if (!r || (p.role === 'department' && r.department !== p.department)) throw errors.create('DISCLOSURE_NOT_FOUND', { pointer: '/caseId' })
    return disclosureView(ctx.calendar, ctx.policy.current, r, ctx.now())
  })

  const action = <B>(path: string, summary: string, body: object, run: (caseId: string, b: B, who: ReturnType<typeof principalOf>) => Promise<void>, method: 'POST' | 'PATCH' = 'POST') =>
    app.route({
      method,
      url: `/api/v1/disclosures/:caseId${path}`,
      schema: { tags, summary, params: Params, body },
      config: { roles: HANDLERS },
      handler: async (request) => {
        const { caseId } = request.params as Static<typeof Params>
        await run(caseId, request.body as B, principalOf(request, errors))
        return view(caseId)
      },
    })
  action<Static<typeof Bodies.patch>>('', '登记申请人类型', Bodies.patch, (id, b, who) => setApplicantType(ctx, who, id, b.applicantType as ApplicantType), 'PATCH')
  action<Static<typeof Bodies.extension>>('/extension', '延期答复（一次，经机构负责人同意并告知申请人）', Bodies.extension, (id, b, who) => extend(ctx, who, id, b))
  action<Static<typeof Bodies.correction>>('/correction-notice', '一次性告知补正（答复期限暂停）', Bodies.correction, (id, b, who) => noticeCorrection(ctx, who, id, b))
  action<Static<typeof Bodies.at>>('/correction-received', '收到补正（答复期限重新起算）', Bodies.at, (id, b, who) => receiveCorrection(ctx, who, id, b))
  action<Static<typeof Bodies.consult>>('/consultations', '征求第三方意见（时间不计入答复期限）', Bodies.consult, (id, b, who) => consult(ctx, who, id, b, false))
  action<Static<typeof Bodies.at>>('/consultations/end', '第三方意见已收到或期满', Bodies.at, (id, b, who) => consult(ctx, who, id, b, true))
  action<Static<typeof Bodies.outcome>>('/outcome', '登记办理结果', Bodies.outcome, (id, b, who) => answer(ctx, who, id, { ...b, outcome: b.outcome as OutcomeCode }))
}
