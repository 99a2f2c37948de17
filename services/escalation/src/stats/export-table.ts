import type { Counts, Rate, RateKey } from './rates.ts'
import type { SliceBy } from './rollup-source.ts'
import type { StatsAnswer, StatsRow } from './stats-compute.ts'

/** A cell of an exported table: text, a count, or a rate (shown as "95.6%" / "—"). */
export type Cell = string | number | Rate

const SLICE_HEADER: Record<SliceBy | 'none', string> = {
  channel: '渠道/条线',
  department: '承办单位',
  topic: '类别',
  district: '区县',
  day: '日期',
  week: '周',
  month: '月份',
  none: '统计期间',
}

/** The columns after the slice's name; each rate's sample is the count column it divides by. */
const COLUMNS: { header: string; count?: keyof Counts; rate?: RateKey }[] = [
  { header: '受理量', count: 'received' },
  { header: '转办量', count: 'dispatched' },
  { header: '办结量', count: 'closed' },
  { header: '办结率', rate: 'closure' },
  { header: '按期办结量', count: 'closedOnTime' },
  { header: '按期办结率', rate: 'onTime' },
  { header: '响应量', count: 'responded' },
  { header: '响应率', rate: 'response' },
  { header: '回访量', count: 'followedUp' },
  { header: '解决量', count: 'solved' },
  { header: '解决率', rate: 'resolution' },
  { header: '满意量', count: 'satisfied' },
  { header: '满意率', rate: 'satisfaction' },
  { header: '超期量', count: 'overdue' },
]

const cells = (name: string, r: StatsRow): Cell[] => [name, ...COLUMNS.map((c) => (c.count ? r[c.count] : r.rates[c.rate!]))]

/** The table of a statistics answer: a header row in Chinese, one row per slice, then 合计. */
export function statsTable(a: StatsAnswer, sliceHeader?: string): { headers: string[]; rows: Cell[][] } {
  const headers = [sliceHeader ?? SLICE_HEADER[a.by ?? 'none'], ...COLUMNS.map((c) => c.header)]
  const rows = a.slices.map((s) => cells(s.name, s))
  rows.push(cells(a.by === null ? `${a.from}至${a.to}` : '合计', a.total))
  return { headers, rows }
}

export const isRate = (c: Cell): c is Rate => typeof c === 'object'

/** A name for downloads: 统计_2026-03-01_2026-03-31_channel */
export const exportName = (a: StatsAnswer): string => `统计_${a.from}_${a.to}${a.by ? `_${a.by}` : ''}`
