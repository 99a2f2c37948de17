import type { Sql } from '@hotline-hub/db'
import { isoDay, type DayRange } from './period.ts'
import { rate, type Counts, type Rate } from './rates.ts'
import { sumRollups, type RollupFilters } from './rollup-source.ts'
import type { RankingConfig } from './stats-config.ts'

/** The three rates a unit is ranked on, with their weights' names in ranking.yaml. */
const TERMS = [
  { key: 'response', zh: '响应率', numerator: 'responded', denominator: 'dispatched' },
  { key: 'resolution', zh: '解决率', numerator: 'solved', denominator: 'followedUp' },
  { key: 'satisfaction', zh: '满意率', numerator: 'satisfied', denominator: 'followedUp' },
] as const satisfies readonly { key: keyof RankingConfig['weights']; zh: string; numerator: keyof Counts; denominator: keyof Counts }[]

export interface RankingEntry {
  /** 名次 (equal scores share a rank: 1, 1, 3); absent for 样本不足. */
  rank?: number
  key: string
  name: string
  /** 综合得分 0–100, rounded half-up to two decimals; null for 样本不足. */
  score: number | null
  scoreDisplay: string
  response: Rate
  resolution: Rate
  satisfaction: Rate
  dispatched: number
  followedUp: number
  /** For 样本不足: the rates whose sample is below the minimum. */
  shortOf?: string[]
}

export interface RankingAnswer {
  from: string
  to: string
  by: 'department' | 'district'
  filters: RollupFilters
  weights: RankingConfig['weights']
  minimumSample: number
  ranked: RankingEntry[]
  /** 样本不足: listed, never ranked. */
  insufficient: RankingEntry[]
}

/** score = Σ weight × numerator ÷ denominator (weights add up to 100), as an exact fraction. */
function scoreOf(c: Counts, w: RankingConfig['weights']): { n: bigint; d: bigint } {
  let n = 0n
  let d = 1n
  for (const t of TERMS) {
    const den = BigInt(c[t.denominator])
    if (w[t.key] === 0 || den === 0n) continue
    // n/d + w·num/den = (n·den + w·num·d) / (d·den)
    n = n * den + BigInt(w[t.key]) * BigInt(c[t.numerator]) * d
    d = d * den
  }
  return { n, d }
}

const hundredths = (s: { n: bigint; d: bigint }) => (200n * s.n + s.d) / (2n * s.d)

/**
 * 综合排名 of departments (承办单位) or districts over a period: a weighted
 * score of 响应率, 解决率 and 满意率 (weights and minimum sample from
 * data/ranking.yaml). A unit whose sample is below the minimum for a rate
 * that weighs is listed as 样本不足 and not ranked.
 */
export async function computeRanking(db: Sql, config: RankingConfig, range: DayRange, by: 'department' | 'district', filters: RollupFilters): Promise<RankingAnswer> {
  const sums = await sumRollups(db, range, by, filters)
  const scored: (RankingEntry & { exact: { n: bigint; d: bigint } })[] = []
  const insufficient: RankingEntry[] = []
  for (const [key, c] of sums) {
    if (key === '' || (c.dispatched === 0 && c.followedUp === 0)) continue
    const base = {
      key,
      name: key,
      response: rate(c.responded, c.dispatched),
      resolution: rate(c.solved, c.followedUp),
      satisfaction: rate(c.satisfied, c.followedUp),
      dispatched: c.dispatched,
      followedUp: c.followedUp,
    }
    const shortOf = TERMS.filter((t) => config.weights[t.key] > 0 && c[t.denominator] < config.minimumSample).map((t) => t.zh)
    if (shortOf.length) {
      insufficient.push({ ...base, score: null, scoreDisplay: '样本不足', shortOf })
      continue
    }
    const exact = scoreOf(c, config.weights)
    const h = hundredths(exact)
    scored.push({ ...base, score: Number(h) / 100, scoreDisplay: `${h / 100n}.${String(h % 100n).padStart(2, '0')}`, exact })
  }
  const cmp = (a: { n: bigint; d: bigint }, b: { n: bigint; d: bigint }) => {
    const x = a.n * b.d
    const y = b.n * a.d
    return x === y ? 0 : x > y ? -1 : 1
  }
  scored.sort((a, b) => cmp(a.exact, b.exact) || a.key.localeCompare(b.key))
  const ranked: RankingEntry[] = []
  scored.forEach(({ exact, ...e }, i) => {
    const tie = i > 0 && cmp(scored[i - 1]!.exact, exact) === 0
    ranked.push({ rank: tie ? ranked[i - 1]!.rank! : i + 1, ...e })
  })
  insufficient.sort((a, b) => b.dispatched - a.dispatched || a.key.localeCompare(b.key))
  return { from: isoDay(range.from), to: isoDay(range.to), by, filters, weights: config.weights, minimumSample: config.minimumSample, ranked, insufficient }
}
