/**
 * 比率 rates (DOMAIN.md, Statistics), computed from integer counts exactly:
 * the display string is rounded half-up to one decimal with integer
 * arithmetic, so 48039/50252 prints "95.6%" and 399/400 prints "99.8%"
 * (99.75 rounds up), with no binary floating-point error on the way.
 */

/** The counters of a slice, as the API names them. */
export interface Counts {
  /** 受理 received */
  received: number
  /** 转办 dispatched (a 监督员 case: 立案) */
  dispatched: number
  /** 办结 closed */
  closed: number
  /** 按期办结 closed on time */
  closedOnTime: number
  /** 响应 first contact within the response deadline */
  responded: number
  /** 回访 followed up */
  followedUp: number
  /** 解决 solved at follow-up */
  solved: number
  /** 满意 (满意 + 基本满意) */
  satisfied: number
  /** 超期 overdue */
  overdue: number
}

export const COUNT_KEYS = ['received', 'dispatched', 'closed', 'closedOnTime', 'responded', 'followedUp', 'solved', 'satisfied', 'overdue'] as const satisfies readonly (keyof Counts)[]

export const zeroCounts = (): Counts => ({ received: 0, dispatched: 0, closed: 0, closedOnTime: 0, responded: 0, followedUp: 0, solved: 0, satisfied: 0, overdue: 0 })

export function addCounts(into: Counts, c: Counts, sign = 1): Counts {
  for (const k of COUNT_KEYS) into[k] += sign * c[k]
  return into
}

/** One rate with the sample it was computed on. */
export interface Rate {
  /** Rounded half-up to one decimal, as a number (95.6); null when the sample is 0. */
  percent: number | null
  /** "95.6%", or "—" when the sample is 0. */
  display: string
  numerator: number
  /** 样本量: the denominator. */
  sample: number
}

/** The rates of DOMAIN.md, each numerator over its denominator. */
export const RATES = [
  { key: 'closure', zh: '办结率', numerator: 'closed', denominator: 'dispatched' },
  { key: 'onTime', zh: '按期办结率', numerator: 'closedOnTime', denominator: 'closed' },
  { key: 'response', zh: '响应率', numerator: 'responded', denominator: 'dispatched' },
  { key: 'resolution', zh: '解决率', numerator: 'solved', denominator: 'followedUp' },
  { key: 'satisfaction', zh: '满意率', numerator: 'satisfied', denominator: 'followedUp' },
] as const satisfies readonly { key: string; zh: string; numerator: keyof Counts; denominator: keyof Counts }[]

export type RateKey = (typeof RATES)[number]['key']
export type Rates = Record<RateKey, Rate>

/** Tenths of a percent, rounded half-up: round(1000 · n / d). Exact for any integers. */
export function tenthsOfPercent(numerator: number, denominator: number): bigint {
  const n = BigInt(numerator)
  const d = BigInt(denominator)
  // floor((2·1000·n + d) / (2·d)) = floor(1000·n/d + 1/2); counts are never negative in a sum that has a rate.
  return (2000n * n + d) / (2n * d)
}

export function rate(numerator: number, denominator: number): Rate {
  if (denominator <= 0) return { percent: null, display: '—', numerator, sample: denominator }
  const t = tenthsOfPercent(numerator, denominator)
  const display = `${t / 10n}.${t % 10n}%`
  return { percent: Number(t) / 10, display, numerator, sample: denominator }
}

export function ratesOf(c: Counts): Rates {
  const out = {} as Rates
  for (const r of RATES) out[r.key] = rate(c[r.numerator], c[r.denominator])
  return out
}
