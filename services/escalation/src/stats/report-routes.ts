import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { Role } from '@hotline-hub/contracts'
import type { Db } from '@hotline-hub/db'
import { principalOf, type Reloadable } from '@hotline-hub/platform'
import { errors } from '../errors.ts'
import { lastFinished, parseDay, periodRange, today } from './period.ts'
import { statsTable } from './export-table.ts'
import { notesOf, toXlsx, XLSX_TYPE } from './export-xlsx.ts'
import { withBom } from './export-csv.ts'
import { attachment } from './stats-routes.ts'
import { findReport, listReports, type StoredReport } from './reports/report-store.ts'
import { ensureReport, PERIOD_OF } from './reports/report-service.ts'
import { REPORT_KINDS, type ReportKind } from './reports/report-text.ts'
import type { StatsConfig } from './stats-config.ts'

const READERS: Role[] = ['leader', 'duty_officer', 'admin']
const MAKERS: Role[] = ['leader', 'admin']
const Kind = Type.Union(REPORT_KINDS.map((k) => Type.Literal(k)), { description: 'daily 日报, weekly 周报 (Monday–Sunday), monthly 月报, yearly 年报' })

const ListQuerystring = Type.Object(
  {
    kind: Type.Optional(Kind),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
)
const GenerateBody = Type.Object(
  {
    kind: Kind,
    /** A day inside the period (default: the last finished period of the kind). */
    date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    /** Make it again even if it exists (the same id keeps its place). */
    regenerate: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

const REF = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\.(json|csv|xlsx|txt))?$/

const links = (id: string) => ({ json: `/api/v1/reports/${id}`, csv: `/api/v1/reports/${id}.csv`, xlsx: `/api/v1/reports/${id}.xlsx`, txt: `/api/v1/reports/${id}.txt` })

const summary = (r: Omit<StoredReport, 'body' | 'text' | 'csv'>) => ({
  id: r.id,
  kind: r.kind,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  generatedAt: r.generatedAt.toISOString(),
  generatedBy: r.generatedBy,
  links: links(r.id),
})

const full = (r: StoredReport) => ({ ...summary(r), title: r.body.title, complete: r.body.complete, stats: r.body.stats, text: r.text })

/** 统计报表 API: the list of reports, one report as JSON, CSV, XLSX or text, and a report made on demand. */
export async function reportRoutes(app: FastifyInstance, d: { db: Db; config: Reloadable<StatsConfig> }): Promise<void> {
  app.get('/api/v1/reports', {
    schema: { tags: ['reports'], summary: '统计报表列表（日报、周报、月报、年报）', querystring: ListQuerystring },
    config: { roles: READERS },
  }, async (request) => {
    const q = request.query as Static<typeof ListQuerystring>
    const { items, total } = await listReports(d.db, q)
    return { items: items.map(summary), total }
  })

  app.post('/api/v1/reports', {
    schema: { tags: ['reports'], summary: '按需生成某一期的统计报表', body: GenerateBody },
    config: { roles: MAKERS },
  }, async (request, reply) => {
    const b = request.body as Static<typeof GenerateBody>
    const principal = principalOf(request, errors)
    const kind: ReportKind = b.kind
    let range = lastFinished(PERIOD_OF[kind], today())
    if (b.date !== undefined) {
      const day = parseDay(b.date)
      if (day === undefined) throw errors.create('STATS_BAD_PERIOD', { pointer: '/date', detail: `${b.date} is not a date` })
      range = periodRange(PERIOD_OF[kind], day)
    }
    const { report, created } = await ensureReport(d.db, d.config.current.vocabulary, kind, range, { by: principal.id, regenerate: b.regenerate ?? false })
    return reply.code(created ? 201 : 200).send(full(report))
  })

  app.get('/api/v1/reports/:ref', {
    schema: { tags: ['reports'], summary: '下载统计报表：{id}（JSON）、{id}.csv、{id}.xlsx、{id}.txt', params: Type.Object({ ref: Type.String({ maxLength: 64 }) }) },
    config: { roles: READERS },
  }, async (request, reply) => {
    const { ref } = request.params as { ref: string }
    const m = REF.exec(ref.toLowerCase())
    const report = m ? await findReport(d.db, m[1]!) : null
    if (!m || !report) throw errors.create('STATS_REPORT_NOT_FOUND', { pointer: '/ref', detail: `no report ${ref}` })
    const name = `${report.body.title}`
    switch (m[2]) {
      case 'csv':
        attachment(reply, name, 'csv')
        return reply.type('text/csv; charset=utf-8').send(withBom(report.csv))
      case 'txt':
        return reply.type('text/plain; charset=utf-8').send(report.text)
      case 'xlsx':
        attachment(reply, name, 'xlsx')
        return reply.type(XLSX_TYPE).send(await toXlsx(statsTable(report.body.stats, '渠道/条线'), [['报表', report.body.title], ...notesOf(report.body.stats)]))
      default:
        return full(report)
    }
  })
}
