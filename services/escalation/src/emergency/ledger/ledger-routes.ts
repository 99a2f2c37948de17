import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { Role } from '@hotline-hub/contracts'
import type { Db } from '@hotline-hub/db'
import { LEDGER_KINDS, ledgerView, listLedger, type LedgerKind, type LedgerView } from './ledger-store.ts'
import { toCsv, toXlsx, XLSX_TYPE, type ExportTable } from './table-files.ts'
import { chinaTime } from '../time.ts'

const ROLES: Role[] = ['leader', 'admin']

const Query = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'recorded at or after' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'recorded before' })),
    kind: Type.Optional(Type.Union(Object.keys(LEDGER_KINDS).map((k) => Type.Literal(k)))),
    limit: Type.Integer({ minimum: 1, maximum: 10000, default: 1000 }),
  },
  { additionalProperties: false },
)

const HEADERS = ['记录时间', '类别', '事件编号', '报告', '事项', '责任人', '报告单位', '记录人', '当时状态', '时限', '完成时间', '超时（分钟）', '是否仍未完成', '说明']

const t = (iso: string | null) => (iso ? chinaTime(new Date(iso)) : '')

function table(items: LedgerView[]): ExportTable {
  return {
    title: '舆情回应台账',
    headers: HEADERS,
    rows: items.map((e) => [
      t(e.recordedAt), e.kindName, e.incidentId, e.reportLabel ?? '', e.subjectLabel, e.responsible, e.unit ?? '', e.actor, e.state ?? '', t(e.dueAt), t(e.metAt),
      e.lateMinutes, e.open ? '是' : '否', e.detail ?? '',
    ]),
  }
}

/** 舆情回应台账 (seed 003 三.3): late reports, rejections, unfulfilled commitments, for leaders; with CSV and XLSX exports. */
export async function ledgerRoutes(app: FastifyInstance, o: { db: Db; now: () => Date }): Promise<void> {
  const load = async (q: Static<typeof Query>) => {
    const rows = await listLedger(o.db, {
      ...(q.from ? { from: new Date(q.from) } : {}),
      ...(q.to ? { to: new Date(q.to) } : {}),
      ...(q.kind ? { kind: q.kind as LedgerKind } : {}),
      limit: q.limit,
    })
    const now = o.now()
    return rows.map((r) => ledgerView(r, now))
  }
  app.get('/api/v1/ledger', { schema: { tags: ['ledger'], summary: '舆情回应台账（迟报、退回、承诺未兑现）', querystring: Query }, config: { roles: ROLES } }, async (request) => ({
    items: await load(request.query as Static<typeof Query>),
  }))
  app.get('/api/v1/ledger/export.csv', { schema: { tags: ['ledger'], summary: '台账导出 CSV（UTF-8 BOM）', querystring: Query }, config: { roles: ROLES } }, async (request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="ledger.csv"; filename*=UTF-8''${encodeURIComponent('舆情回应台账.csv')}`)
      .send(toCsv(table(await load(request.query as Static<typeof Query>)))),
  )
  app.get('/api/v1/ledger/export.xlsx', { schema: { tags: ['ledger'], summary: '台账导出 XLSX', querystring: Query }, config: { roles: ROLES } }, async (request, reply) =>
    reply
      .type(XLSX_TYPE)
      .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('舆情回应台账.xlsx')}`)
      .send(await toXlsx([table(await load(request.query as Static<typeof Query>))])),
  )
}
