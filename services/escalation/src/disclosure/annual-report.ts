import type { Sql } from '@hotline-hub/db'
import { errors } from '../errors.ts'
import { APPLICANT_CODES, APPLICANT_TYPES, OUTCOMES, type ApplicantType } from './form.ts'
import { yearStart } from './store.ts'

export type Column = ApplicantType | 'total'
export type Counts = Record<Column, number>

export interface AnnualRow {
  /** new | carried-in | outcome:<code>[:<reason>] | outcomes-total | carried-forward */
  code: string
  /** 一、本年新收 … */
  section: string
  label: string
  values: Counts
}

export interface AnnualReport {
  year: number
  form: '国办公开办函〔2021〕30号'
  columns: { code: Column; label: string; group: string | null }[]
  rows: AnnualRow[]
  /** 勾稽关系 per column: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度. */
  reconciliation: { column: Column; label: string; left: number; right: number; ok: boolean }[]
}

const zero = (): Counts => Object.fromEntries([...APPLICANT_CODES, 'total'].map((c) => [c, 0])) as Counts

function tally(rows: { applicant_type: string | null; n: number }[]): Counts {
  const c = zero()
  for (const r of rows) {
    c[r.applicant_type as ApplicantType] += Number(r.n)
    c.total += Number(r.n)
  }
  return c
}

/** Requests received before `end` with no outcome before it: what is carried into the next period. */
async function openAt(tx: Sql, end: Date): Promise<Counts> {
  return tally(
    await tx.query<{ applicant_type: string; n: number }>(
      `SELECT applicant_type, count(*)::int AS n FROM escalation.disclosure_requests
        WHERE received_at < $1 AND (outcome_at IS NULL OR outcome_at >= $1) GROUP BY applicant_type`,
      [end],
    ),
  )
}

/**
 * 年度报表 table 三 for `year` (China time). 上年结转 is the previous year's
 * 结转下年度; the table is refused when a request in it has no applicant
 * type, or when a column does not reconcile.
 */
export async function annualReport(tx: Sql, year: number): Promise<AnnualReport> {
  const from = yearStart(year)
  const to = yearStart(year + 1)
  const [untyped] = await tx.query<{ ids: string[] | null; n: number }>(
    `SELECT (array_agg(case_id ORDER BY received_at))[1:20] AS ids, count(*)::int AS n FROM escalation.disclosure_requests
      WHERE applicant_type IS NULL AND received_at < $2 AND (outcome_at IS NULL OR outcome_at >= $1)`,
    [from, to],
  )
  if (untyped && untyped.n > 0) {
    throw errors.create('DISCLOSURE_APPLICANT_TYPE_MISSING', {
      pointer: '/applicantType',
      detail: `${untyped.n} requests have no applicant type (set it with PATCH /api/v1/disclosures/{caseId}): ${(untyped.ids ?? []).join(', ')}`,
    })
  }
  const received = tally(
    await tx.query(`SELECT applicant_type, count(*)::int AS n FROM escalation.disclosure_requests WHERE received_at >= $1 AND received_at < $2 GROUP BY applicant_type`, [from, to]),
  )
  const carriedIn = await openAt(tx, from)
  const outcomeRows = await tx.query<{ outcome: string; outcome_reason: string | null; applicant_type: string; n: number }>(
    `SELECT outcome, outcome_reason, applicant_type, count(*)::int AS n FROM escalation.disclosure_requests
      WHERE outcome_at >= $1 AND outcome_at < $2 GROUP BY outcome, outcome_reason, applicant_type`,
    [from, to],
  )
  const carriedForward = await openAt(tx, to)

  const rows: AnnualRow[] = [
    { code: 'new', section: '一', label: '一、本年新收政府信息公开申请数量', values: received },
    { code: 'carried-in', section: '二', label: '二、上年结转政府信息公开申请数量', values: carriedIn },
  ]
  const total = zero()
  for (const o of OUTCOMES) {
    const subs = o.reasons.length ? o.reasons.map((r) => ({ code: `outcome:${o.code}:${r.code}`, label: `${o.label} ${r.label}`, reason: r.code as string | null })) : [{ code: `outcome:${o.code}`, label: o.label, reason: null }]
    for (const s of subs) {
      const values = tally(outcomeRows.filter((x) => x.outcome === o.code && (s.reason === null || x.outcome_reason === s.reason)))
      for (const k of Object.keys(total) as Column[]) total[k] += values[k]
      rows.push({ code: s.code, section: '三', label: `三、本年度办理结果 ${s.label}`, values })
    }
  }
  rows.push({ code: 'outcomes-total', section: '三', label: '三、本年度办理结果 （七）总计', values: total })
  rows.push({ code: 'carried-forward', section: '四', label: '四、结转下年度继续办理', values: carriedForward })

  const columns = [...APPLICANT_TYPES.map((a) => ({ code: a.code as Column, label: a.label as string, group: a.group as string | null })), { code: 'total' as Column, label: '总计', group: null }]
  const reconciliation = columns.map((c) => {
    const left = received[c.code] + carriedIn[c.code]
    const right = total[c.code] + carriedForward[c.code]
    return { column: c.code, label: c.label, left, right, ok: left === right }
  })
  const bad = reconciliation.filter((r) => !r.ok)
  if (bad.length) {
    throw errors.create('DISCLOSURE_TABLE_UNBALANCED', {
      detail: bad.map((b) => `${b.label}: 本年新收 + 上年结转 = ${b.left}, 办理结果总计 + 结转下年度 = ${b.right}`).join('; '),
      errors: bad.map((b) => ({ pointer: `/columns/${b.column}`, detail: `${b.label}: ${b.left} ≠ ${b.right}` })),
    })
  }
  return { year, form: '国办公开办函〔2021〕30号', columns, rows, reconciliation }
}
