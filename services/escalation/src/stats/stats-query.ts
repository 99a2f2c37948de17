import { Type, type Static } from '@sinclair/typebox'
import { CHANNELS } from '@hotline-hub/contracts'
import type { Principal } from '@hotline-hub/platform'
import { errors } from '../errors.ts'
import { parseDay, periodRange, today, type DayRange, type PeriodKind } from './period.ts'
import type { RollupFilters, SliceBy } from './rollup-source.ts'
import type { StatsQuery } from './stats-compute.ts'

const IsoDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description })
const Text = (description: string) => Type.String({ minLength: 1, maxLength: 128, description })
const literals = <T extends string>(values: readonly T[], description: string) => Type.Union(values.map((v) => Type.Literal(v)), { description })

export const PERIOD_KINDS = ['day', 'week', 'month', 'year'] as const satisfies readonly PeriodKind[]
export const SLICES = ['channel', 'department', 'topic', 'district', 'day', 'week', 'month'] as const satisfies readonly SliceBy[]

/** The period and filters every statistics route takes (China time, both ends inclusive). */
export const PeriodAndFilters = {
  from: Type.Optional(IsoDate('起始日期 first day (with `to`)')),
  to: Type.Optional(IsoDate('截止日期 last day, inclusive')),
  period: Type.Optional(literals(PERIOD_KINDS, '统计周期: the day, week (Monday–Sunday), month or year that contains `date`')),
  date: Type.Optional(IsoDate('the anchor of `period` (default: today, China time)')),
  channel: Type.Optional(literals(CHANNELS, '渠道 channel code')),
  subchannel: Type.Optional(Text('条线 a line within a split channel, e.g. 纠风直通车')),
  department: Type.Optional(Text('承办单位 (a department user always sees its own)')),
  topic: Type.Optional(Text('一级分类 topic')),
  district: Type.Optional(Text('区县 district')),
}

export const StatsQuerystring = Type.Object(
  { ...PeriodAndFilters, by: Type.Optional(literals(SLICES, '按…统计 the slice (none: the total only)')) },
  { additionalProperties: false },
)
export type StatsQuerystringT = Static<typeof StatsQuerystring>

/** Longest ranges, in days: a daily trend of more than a year is not a trend. */
export const MAX_DAYS = { day: 400, any: 3660 }

const bad = (pointer: string, detail: string) => errors.create('STATS_BAD_PERIOD', { pointer: `/querystring/${pointer}`, detail })

/** The range a query names: `from`–`to`, or the `period` containing `date` (default: this month). */
export function rangeOf(q: { from?: string; to?: string; period?: PeriodKind; date?: string }, now: Date = new Date()): DayRange {
  if (q.from !== undefined || q.to !== undefined) {
    if (q.period !== undefined || q.date !== undefined) throw bad('period', 'give either from and to, or period and date')
    if (q.from === undefined) throw bad('from', 'from is required with to')
    if (q.to === undefined) throw bad('to', 'to is required with from')
    const from = parseDay(q.from)
    if (from === undefined) throw bad('from', `${q.from} is not a date`)
    const to = parseDay(q.to)
    if (to === undefined) throw bad('to', `${q.to} is not a date`)
    if (to < from) throw bad('to', `to (${q.to}) is before from (${q.from})`)
    return { from, to }
  }
  const anchor = q.date === undefined ? today(now) : parseDay(q.date)
  if (anchor === undefined) throw bad('date', `${q.date} is not a date`)
  return periodRange(q.period ?? 'month', anchor)
}

/** The filters of a query string. */
export function filtersOf(q: RollupFilters): RollupFilters {
  const f: RollupFilters = {}
  for (const k of ['channel', 'subchannel', 'department', 'topic', 'district'] as const) if (q[k] !== undefined) f[k] = q[k]
  return f
}

/** A department user (承办单位) sees its own department only, whatever it asks for. */
export function scopedFilters(q: RollupFilters, principal: Principal): RollupFilters {
  const f = filtersOf(q)
  if (principal.role === 'department') {
    if (!principal.department) throw errors.create('FORBIDDEN_ROLE', { detail: 'this department user has no department' })
    f.department = principal.department
  }
  return f
}

export function statsQueryOf(q: StatsQuerystringT, principal: Principal, now: Date = new Date()): StatsQuery {
  const range = rangeOf(q, now)
  const days = range.to - range.from + 1
  if (q.by === 'day' && days > MAX_DAYS.day) throw errors.create('STATS_RANGE_TOO_LONG', { pointer: '/querystring/by', detail: `a daily trend covers at most ${MAX_DAYS.day} days, this range has ${days}` })
  if (days > MAX_DAYS.any) throw errors.create('STATS_RANGE_TOO_LONG', { pointer: '/querystring/from', detail: `a range covers at most ${MAX_DAYS.any} days, this one has ${days}` })
  return { range, by: q.by ?? null, filters: scopedFilters(q, principal) }
}
