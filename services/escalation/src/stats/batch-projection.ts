import type { Sql } from '@hotline-hub/db'
import type { SlaPolicy } from '../sla/policy.ts'
import { COUNTERS, countedOf, type Counted } from '../tracking/rollup.ts'
import { foldCase, type HistoryEvent } from './case-fold.ts'
import type { StatsVocabulary } from './stats-config.ts'
import { subchannelOf } from './subchannel-rollup.ts'

const SEP = '\u0001'

/**
 * Rollup rows summed in memory: key `day␁channel␁department␁topic␁district`
 * (with `␁subchannel` for the lines of split channels) → the nine counters.
 */
export class RollupAccumulator {
  readonly daily = new Map<string, number[]>()
  readonly subchannel = new Map<string, number[]>()
  cases = 0
  events = 0
  /** Events of cases whose case.received is not in the batch. */
  skipped = 0

  add(c: Counted, sub: string | null): void {
    const key = [c.day, c.channel, c.department, c.topic, c.district].join(SEP)
    bump(this.daily, key, c)
    if (sub !== null) bump(this.subchannel, key + SEP + sub, c)
  }

  /** Adds another accumulator's rows (e.g. one folded in a worker thread). */
  merge(o: { daily: Iterable<[string, number[]]>; subchannel: Iterable<[string, number[]]>; cases: number; events: number; skipped: number }): void {
    for (const [k, v] of o.daily) addRow(this.daily, k, v)
    for (const [k, v] of o.subchannel) addRow(this.subchannel, k, v)
    this.cases += o.cases
    this.events += o.events
    this.skipped += o.skipped
  }
}

function bump(m: Map<string, number[]>, key: string, c: Counted): void {
  let row = m.get(key)
  if (!row) m.set(key, (row = new Array<number>(COUNTERS.length).fill(0)))
  for (let i = 0; i < COUNTERS.length; i++) row[i]! += c.flags[COUNTERS[i]!]
}

function addRow(m: Map<string, number[]>, key: string, v: number[]): void {
  const row = m.get(key)
  if (!row) m.set(key, [...v])
  else for (let i = 0; i < v.length; i++) row[i]! += v[i]!
}

/** Folds complete case histories (grouped by case id, in order) into the accumulator. */
export function foldHistories(policy: SlaPolicy, vocabulary: StatsVocabulary, events: readonly HistoryEvent[], acc: RollupAccumulator): void {
  const byCase = new Map<string, HistoryEvent[]>()
  for (const e of events) {
    const id = e.envelope.caseId
    if (!id) continue
    let list = byCase.get(id)
    if (!list) byCase.set(id, (list = []))
    list.push(e)
  }
  for (const history of byCase.values()) {
    const folded = foldCase(policy, history)
    if (!folded) {
      acc.skipped += history.length
      continue
    }
    const field = vocabulary.subchannelField(folded.facts.channel)
    acc.add(countedOf(folded.facts), field ? subchannelOf(folded.received.case, field) : null)
    acc.cases++
    acc.events += history.length
  }
}

const ROWS_PER_STATEMENT = 20_000

async function upsert(tx: Sql, table: string, keyColumns: string[], rows: Map<string, number[]>): Promise<void> {
  const entries = [...rows]
  const types = keyColumns.map((c) => (c === 'day' || c === 'month' ? 'date' : 'text'))
  for (let at = 0; at < entries.length; at += ROWS_PER_STATEMENT) {
    const part = entries.slice(at, at + ROWS_PER_STATEMENT)
    const keys = part.map(([k]) => k.split(SEP))
    const params = [...keyColumns.map((_, i) => keys.map((k) => k[i])), ...COUNTERS.map((_, i) => part.map(([, v]) => v[i]))]
    await tx.query(
      `INSERT INTO ${table} AS r (${[...keyColumns, ...COUNTERS].join(', ')})
       SELECT * FROM unnest(${[...types, ...COUNTERS.map(() => 'int')].map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
       ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${COUNTERS.map((k) => `${k} = r.${k} + EXCLUDED.${k}`).join(', ')}`,
      params,
    )
  }
}

const DIMENSIONS = ['channel', 'department', 'topic', 'district'] as const

/** The derived rollups of some daily rows: per month, and per day and per month one dimension at a time. */
function derive(daily: Map<string, number[]>) {
  const monthly = new Map<string, number[]>()
  const dailySlices = new Map<string, number[]>()
  const monthlySlices = new Map<string, number[]>()
  for (const [key, v] of daily) {
    const [day, ...dims] = key.split(SEP) as [string, string, string, string, string]
    const month = `${day.slice(0, 7)}-01`
    addRow(monthly, [month, ...dims].join(SEP), v)
    DIMENSIONS.forEach((dim, i) => {
      addRow(dailySlices, [dim, day, dims[i]].join(SEP), v)
      addRow(monthlySlices, [dim, month, dims[i]].join(SEP), v)
    })
  }
  return { monthly, dailySlices, monthlySlices }
}

/**
 * Adds the accumulated rows to escalation.rollup_daily and to the rollups
 * derived from it (rollup_monthly, rollup_daily_slices,
 * rollup_monthly_slices), summed here rather than by rollup_daily's trigger
 * row by row (escalation.rollup_batch = 'on' for the transaction tells the
 * trigger so), and to rollup_subchannel_daily.
 */
export async function writeRollups(tx: Sql, acc: RollupAccumulator): Promise<void> {
  await tx.query(`SELECT set_config('escalation.rollup_batch', 'on', true)`)
  await upsert(tx, 'escalation.rollup_daily', ['day', 'channel', 'department', 'topic', 'district'], acc.daily)
  const d = derive(acc.daily)
  await upsert(tx, 'escalation.rollup_monthly', ['month', 'channel', 'department', 'topic', 'district'], d.monthly)
  await upsert(tx, 'escalation.rollup_daily_slices', ['dimension', 'day', 'value'], d.dailySlices)
  await upsert(tx, 'escalation.rollup_monthly_slices', ['dimension', 'month', 'value'], d.monthlySlices)
  await upsert(tx, 'escalation.rollup_subchannel_daily', ['day', 'channel', 'department', 'topic', 'district', 'subchannel'], acc.subchannel)
  await tx.query(`SELECT set_config('escalation.rollup_batch', 'off', true)`)
}

export interface BatchOutcome {
  cases: number
  events: number
  skipped: number
  rows: number
  subchannelRows: number
}

/**
 * 批量投影: the rollups of complete case histories without the bus —
 * every case folded in memory with the tracker's own functions
 * (case-facts.ts, rollup.ts, the SLA policy), its final counts summed per
 * rollup row, and the sums added with a few multi-row statements. For
 * histories escalation has not seen (a back-fill, a benchmark, a test
 * vector): it writes the rollups only, not escalation.cases, so a case
 * projected here and consumed again would count twice. Gives the rows the
 * consumer would (rows the consumer left at zero after a case moved aside).
 */
export async function projectBatch(tx: Sql, events: readonly HistoryEvent[], o: { policy: SlaPolicy; vocabulary: StatsVocabulary }): Promise<BatchOutcome> {
  const acc = new RollupAccumulator()
  foldHistories(o.policy, o.vocabulary, events, acc)
  await writeRollups(tx, acc)
  return { cases: acc.cases, events: acc.events, skipped: acc.skipped, rows: acc.daily.size, subchannelRows: acc.subchannel.size }
}
