import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { Role } from '@hotline-hub/contracts'
import type { Db } from '@hotline-hub/db'
import { principalOf, type Reloadable } from '@hotline-hub/platform'
import { errors } from '../errors.ts'
import { computeStats } from './stats-compute.ts'
import { filtersOf, PeriodAndFilters, rangeOf, scopedFilters, statsQueryOf, StatsQuerystring, type StatsQuerystringT } from './stats-query.ts'
import { computeRanking } from './ranking.ts'
import { exportName, statsTable } from './export-table.ts'
import { toCsv } from './export-csv.ts'
import { notesOf, toXlsx, XLSX_TYPE } from './export-xlsx.ts'
import { today, yearOf, yearRange } from './period.ts'
import { reportText, reportTitle } from './reports/report-text.ts'
import type { StatsConfig } from './stats-config.ts'

/** Who reads statistics; a department user (承办单位) sees its own department only. */
export const STATS_READERS: Role[] = ['leader', 'duty_officer', 'admin', 'department']

const RankingQuerystring = Type.Object(
  { ...PeriodAndFilters, by: Type.Optional(Type.Union([Type.Literal('department'), Type.Literal('district')], { description: '排名对象 (default: department)' })) },
  { additionalProperties: false },
)
const AnnualQuerystring = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2200, description: '年度 (default: this year, China time)' })), ...filtersOnly() },
  { additionalProperties: false },
)

function filtersOnly() {
  const { channel, subchannel, department, topic, district } = PeriodAndFilters
  return { channel, subchannel, department, topic, district }
}

/** `attachment; filename=…` with the Chinese name for browsers that read RFC 5987 and an ASCII one for the others. */
export function attachment(reply: FastifyReply, name: string, ext: string): void {
  const ascii = name.replace(/[^\x20-\x7e]/g, '').replace(/^_+/, '') || 'export'
  reply.header('content-disposition', `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`)
}

/** 统计 API: statistics by slice, ranking, CSV/XLSX exports, the yearly summary, and the reload of the data files. */
export async function statsRoutes(app: FastifyInstance, d: { db: Db; config: Reloadable<StatsConfig> }): Promise<void> {
  const answer = (q: StatsQuerystringT, principal: ReturnType<typeof principalOf>) => computeStats(d.db, d.config.current.vocabulary, statsQueryOf(q, principal))

  app.get('/api/v1/stats', {
    schema: { tags: ['stats'], summary: '统计：受理、转办、办结及各项比率（按渠道、单位、类别、区县或时间）', querystring: StatsQuerystring },
    config: { roles: STATS_READERS },
  }, async (request) => answer(request.query as StatsQuerystringT, principalOf(request, errors)))

  app.get('/api/v1/stats/export.csv', {
    schema: { tags: ['stats'], summary: '导出统计（CSV，UTF-8 带 BOM）', querystring: StatsQuerystring },
    config: { roles: STATS_READERS },
  }, async (request, reply) => {
    const a = await answer(request.query as StatsQuerystringT, principalOf(request, errors))
    attachment(reply, exportName(a), 'csv')
    return reply.type('text/csv; charset=utf-8').send(toCsv(statsTable(a)))
  })

  app.get('/api/v1/stats/export.xlsx', {
    schema: { tags: ['stats'], summary: '导出统计（Excel）', querystring: StatsQuerystring },
    config: { roles: STATS_READERS },
  }, async (request, reply) => {
    const a = await answer(request.query as StatsQuerystringT, principalOf(request, errors))
    attachment(reply, exportName(a), 'xlsx')
    return reply.type(XLSX_TYPE).send(await toXlsx(statsTable(a), notesOf(a)))
  })

  app.get('/api/v1/stats/ranking', {
    schema: { tags: ['stats'], summary: '综合排名：响应率、解决率、满意率加权（样本不足的单位不参与排名）', querystring: RankingQuerystring },
    config: { roles: STATS_READERS },
  }, async (request) => {
    const q = request.query as Static<typeof RankingQuerystring>
    const principal = principalOf(request, errors)
    const by = q.by ?? 'department'
    // A department user sees its own place among all departments and nobody else's row;
    // ranked by district, it sees the districts of its own cases.
    const ownPlace = principal.role === 'department' && by === 'department'
    const filters = ownPlace ? filtersOf({ ...q, department: undefined }) : scopedFilters(q, principal)
    const a = await computeRanking(d.db, d.config.current.ranking, rangeOf(q), by, filters)
    if (!ownPlace) return a
    const mine = (e: { key: string }) => e.key === principal.department
    return { ...a, ranked: a.ranked.filter(mine), insufficient: a.insufficient.filter(mine) }
  })

  app.get('/api/v1/stats/annual-summary', {
    schema: { tags: ['stats'], summary: '年度统计汇总（纯文本，按渠道：受理、转办、办结、办结率）', querystring: AnnualQuerystring },
    config: { roles: STATS_READERS },
  }, async (request, reply) => {
    const q = request.query as Static<typeof AnnualQuerystring>
    const year = q.year ?? yearOf(today())
    const stats = await computeStats(d.db, d.config.current.vocabulary, { range: yearRange(year), by: 'channel', filters: scopedFilters(q, principalOf(request, errors)) })
    const now = new Date()
    const text = reportText({ title: reportTitle('yearly', stats.from), stats, generatedAt: now, complete: today(now) > yearRange(year).to, vocabulary: d.config.current.vocabulary })
    return reply.type('text/plain; charset=utf-8').send(text)
  })

  app.post('/api/v1/stats/reload', {
    schema: { tags: ['stats'], summary: '重新加载排名权重和统计口径文件；有误则保持原文件' },
    config: { roles: ['admin'] },
  }, async () => {
    const outcome = d.config.reload()
    if (!outcome.ok) throw errors.create('RELOAD_REFUSED', { detail: outcome.error!.message, pointer: outcome.error!.pointer })
    return { version: outcome.version, weights: d.config.current.ranking.weights, minimumSample: d.config.current.ranking.minimumSample }
  })
}
