import type { Sql } from '@hotline-hub/db'
import { COUNT_KEYS, type Counts } from './rates.ts'
import { isoDay, splitByMonth, type DayRange } from './period.ts'

/** What a statistic is sliced by (统计维度). */
export type Dimension = 'channel' | 'department' | 'topic' | 'district'
export type SliceBy = Dimension | 'day' | 'week' | 'month'

export interface RollupFilters {
  channel?: string
  /** A line within a split channel (行风热线 / 纠风直通车). */
  subchannel?: string
  department?: string
  topic?: string
  district?: string
}

const COLUMN: Record<keyof Counts, string> = {
  received: 'received',
  dispatched: 'dispatched',
  closed: 'closed',
  closedOnTime: 'closed_on_time',
  responded: 'responded',
  followedUp: 'followed_up',
  solved: 'solved',
  satisfied: 'satisfied',
  overdue: 'overdue',
}
const SUMS = COUNT_KEYS.map((k) => `sum(${COLUMN[k]})::int8 AS "${k}"`).join(', ')

function sliceExpr(by: SliceBy | null, dateColumn: string): string {
  switch (by) {
    case null:
      return `''`
    case 'day':
      return `to_char(${dateColumn}, 'YYYY-MM-DD')`
    case 'week':
      return `to_char(date_trunc('week', ${dateColumn})::date, 'YYYY-MM-DD')`
    case 'month':
      return `to_char(${dateColumn}, 'YYYY-MM')`
    default:
      return by
  }
}

class Params {
  readonly values: unknown[] = []
  add(v: unknown): string {
    this.values.push(v)
    return `$${this.values.length}`
  }
}

function filterSql(p: Params, f: RollupFilters, withSubchannel: boolean): string {
  let sql = ''
  for (const k of ['channel', 'department', 'topic', 'district'] as const) if (f[k] !== undefined) sql += ` AND ${k} = ${p.add(f[k])}`
  if (withSubchannel && f.subchannel !== undefined) sql += ` AND subchannel = ${p.add(f.subchannel)}`
  return sql
}

type Row = { k: string } & Record<keyof Counts, string | number>

const toCounts = (r: Record<keyof Counts, string | number>): Counts => {
  const c = {} as Counts
  for (const k of COUNT_KEYS) c[k] = Number(r[k])
  return c
}

/**
 * Which rollup answers a query:
 * - a sub-channel filter: rollup_subchannel_daily;
 * - no filter, or one filter and slices of that dimension or of time: the
 *   one-dimension rollups (rollup_daily_slices, rollup_monthly_slices), a few
 *   rows per day or month (every case counts once in each dimension, so the
 *   channel dimension also gives the totals);
 * - otherwise the full rollups (rollup_daily, rollup_monthly).
 */
export type Plan = { source: 'subchannel' } | { source: 'slices'; dimension: Dimension; value?: string } | { source: 'full' }

const DIMENSIONS: Dimension[] = ['channel', 'department', 'topic', 'district']
const isDimension = (by: SliceBy | null): by is Dimension => by !== null && (DIMENSIONS as string[]).includes(by)

export function planOf(by: SliceBy | null, filters: RollupFilters): Plan {
  if (filters.subchannel !== undefined) return { source: 'subchannel' }
  const active = DIMENSIONS.filter((d) => filters[d] !== undefined)
  if (active.length === 0) return { source: 'slices', dimension: isDimension(by) ? by : 'channel' }
  if (active.length === 1 && (!isDimension(by) || by === active[0])) return { source: 'slices', dimension: active[0]!, value: filters[active[0]!] }
  return { source: 'full' }
}

const TABLES = {
  full: { daily: 'escalation.rollup_daily', monthly: 'escalation.rollup_monthly' },
  slices: { daily: 'escalation.rollup_daily_slices', monthly: 'escalation.rollup_monthly_slices' },
}

/**
 * Sums of the rollup rows of a range, per slice. Whole calendar months are
 * read from the monthly rollups, the days around them from the daily ones;
 * day and week slices read the daily ones only. The monthly and the
 * one-dimension rollups are sums of escalation.rollup_daily, kept by its
 * trigger (migrations/0003_stats.sql).
 */
export async function sumRollups(db: Sql, range: DayRange, by: SliceBy | null, filters: RollupFilters): Promise<Map<string, Counts>> {
  const p = new Params()
  const parts: string[] = []
  const plan = planOf(by, filters)
  if (plan.source === 'subchannel') {
    parts.push(
      `SELECT ${sliceExpr(by, 'day')} AS k, ${SUMS} FROM escalation.rollup_subchannel_daily
        WHERE day BETWEEN ${p.add(isoDay(range.from))}::date AND ${p.add(isoDay(range.to))}::date${filterSql(p, filters, true)} GROUP BY 1`,
    )
  } else {
    const tables = TABLES[plan.source]
    const where = () =>
      plan.source === 'full'
        ? filterSql(p, filters, false)
        : ` AND dimension = ${p.add(plan.dimension)}${plan.value === undefined ? '' : ` AND value = ${p.add(plan.value)}`}`
    const expr = (dateColumn: string) => (plan.source === 'slices' && by === plan.dimension ? 'value' : sliceExpr(by, dateColumn))
    const split = by === 'day' || by === 'week' ? { daily: [range], months: null } : splitByMonth(range)
    for (const d of split.daily)
      parts.push(
        `SELECT ${expr('day')} AS k, ${SUMS} FROM ${tables.daily}
          WHERE day BETWEEN ${p.add(isoDay(d.from))}::date AND ${p.add(isoDay(d.to))}::date${where()} GROUP BY 1`,
      )
    if (split.months)
      parts.push(
        `SELECT ${expr('month')} AS k, ${SUMS} FROM ${tables.monthly}
          WHERE month BETWEEN ${p.add(isoDay(split.months.from))}::date AND ${p.add(isoDay(split.months.to))}::date${where()} GROUP BY 1`,
      )
  }
  const sql =
    parts.length === 1
      ? parts[0]!
      : `SELECT k, ${COUNT_KEYS.map((k) => `sum("${k}")::int8 AS "${k}"`).join(', ')} FROM (${parts.join(' UNION ALL ')}) r GROUP BY k`
  const rows = await db.query<Row>(sql, p.values)
  return new Map(rows.map((r) => [r.k, toCounts(r)]))
}

/** Sums per (channel, line) of the split channels over a range: how a channel's slice divides into its lines. */
export async function sumSubchannels(db: Sql, range: DayRange, filters: RollupFilters): Promise<{ channel: string; subchannel: string; counts: Counts }[]> {
  const p = new Params()
  const rows = await db.query<Row & { channel: string; subchannel: string }>(
    `SELECT channel, subchannel, '' AS k, ${SUMS} FROM escalation.rollup_subchannel_daily
      WHERE day BETWEEN ${p.add(isoDay(range.from))}::date AND ${p.add(isoDay(range.to))}::date${filterSql(p, filters, true)}
      GROUP BY channel, subchannel`,
    p.values,
  )
  return rows.map((r) => ({ channel: r.channel, subchannel: r.subchannel, counts: toCounts(r) }))
}
