import type { Sql } from '@hotline-hub/db'
import { addCounts, COUNT_KEYS, ratesOf, zeroCounts, type Counts, type Rates } from './rates.ts'
import { isoDay, timeKeys, timeSliceName, type DayRange } from './period.ts'
import { sumRollups, sumSubchannels, type RollupFilters, type SliceBy } from './rollup-source.ts'
import type { StatsVocabulary } from './stats-config.ts'

export interface StatsQuery {
  range: DayRange
  /** null: the total only. */
  by: SliceBy | null
  filters: RollupFilters
}

/** One slice (or the total): the counts, and each rate with its sample. */
export interface StatsRow extends Counts {
  rates: Rates
}

export interface Slice extends StatsRow {
  /** The slice's value: a channel code (a split channel's line: `radio-hotline/纠风直通车`), a department, `2026-03-09`, `2026-03` … */
  key: string
  /** Its display name (12319热线, 纠风直通车, 2026年3月9日 …). */
  name: string
  channel?: string
  subchannel?: string
}

export interface StatsAnswer {
  from: string
  to: string
  by: SliceBy | null
  filters: RollupFilters
  total: StatsRow
  slices: Slice[]
}

const row = (c: Counts): StatsRow => ({ ...c, rates: ratesOf(c) })
const nonZero = (c: Counts) => COUNT_KEYS.some((k) => c[k] !== 0)

/** 统计: the counts and rates of a period, per slice and in total, from the rollups. */
export async function computeStats(db: Sql, vocabulary: StatsVocabulary, q: StatsQuery): Promise<StatsAnswer> {
  const sums = await sumRollups(db, q.range, q.by, q.filters)
  const total = zeroCounts()
  for (const c of sums.values()) addCounts(total, c)
  let slices: Slice[]
  if (q.by === null) slices = []
  else if (q.by === 'day' || q.by === 'week' || q.by === 'month') {
    const by = q.by
    slices = timeKeys(by, q.range).map((key) => ({ key, name: timeSliceName(by, key), ...row(sums.get(key) ?? zeroCounts()) }))
  } else if (q.by === 'channel') slices = await channelSlices(db, vocabulary, q, sums)
  else {
    const dim = q.by
    slices = [...sums]
      .filter(([, c]) => nonZero(c))
      .map(([key, c]) => ({ key, name: key === '' ? vocabulary.unknownName(dim) : key, ...row(c) }))
      .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key))
  }
  return { from: isoDay(q.range.from), to: isoDay(q.range.to), by: q.by, filters: q.filters, total: row(total), slices }
}

/** Channel slices, a split channel's slice replaced by its lines (and what no line claims, if anything). */
async function channelSlices(db: Sql, vocabulary: StatsVocabulary, q: StatsQuery, sums: Map<string, Counts>): Promise<Slice[]> {
  const split = new Set(vocabulary.splitChannels().filter((c) => sums.has(c)))
  const lines = split.size ? await sumSubchannels(db, q.range, q.filters) : []
  const out: (Slice & { order: number[] })[] = []
  for (const [channel, counts] of sums) {
    if (!nonZero(counts)) continue
    const name = vocabulary.channelName(channel)
    if (!split.has(channel)) {
      out.push({ key: channel, name, channel, ...row(counts), order: [vocabulary.order(channel), 0] })
      continue
    }
    const rest = { ...counts }
    for (const l of lines.filter((l) => l.channel === channel && nonZero(l.counts))) {
      addCounts(rest, l.counts, -1)
      const order = [vocabulary.order(channel), vocabulary.subchannelOrder(channel, l.subchannel)]
      out.push({ key: `${channel}/${l.subchannel}`, name: l.subchannel, channel, subchannel: l.subchannel, ...row(l.counts), order })
    }
    if (nonZero(rest))
      out.push({ key: `${channel}/`, name: `${name}（${vocabulary.unknownName('subchannel')}）`, channel, subchannel: '', ...row(rest), order: [vocabulary.order(channel), Infinity] })
  }
  out.sort((a, b) => a.order[0]! - b.order[0]! || a.order[1]! - b.order[1]! || a.key.localeCompare(b.key))
  return out.map(({ order: _order, ...s }) => s)
}
