/**
 * 中文格式: dates in Beijing time as 2026年12月2日 09:30, numbers grouped the
 * Chinese way, durations as 1小时5分. Pure: the unit tests run it in Node.
 */
const TZ = 'Asia/Shanghai'

const dateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: 'long', day: 'numeric' })
const timeOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
const number = new Intl.NumberFormat('zh-CN')

const asDate = (v: string | number | Date) => (v instanceof Date ? v : new Date(v))

/** 2026年12月2日 09:30 (Beijing time), or — for nothing. */
export function formatDateTime(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—'
  const d = asDate(v)
  return Number.isNaN(d.getTime()) ? '—' : dateTime.format(d).replace(/\s+/, ' ')
}

/** 2026年12月2日 */
export function formatDate(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—'
  const d = asDate(v)
  return Number.isNaN(d.getTime()) ? '—' : dateOnly.format(d)
}

/** 09:30:05 */
export function formatTime(v: string | number | Date): string {
  return timeOnly.format(asDate(v))
}

/** 12,345 */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined || Number.isNaN(n) ? '—' : number.format(n)
}

/** 95.6% (one decimal, as the services round it) or — when there is no sample. */
export function formatPercent(p: number | null | undefined): string {
  return p === null || p === undefined ? '—' : `${p.toFixed(1)}%`
}

/** Minutes as 2天3小时 / 1小时5分 / 12分; 0 → 0分. */
export function formatMinutes(total: number): string {
  const m = Math.max(0, Math.round(total))
  const d = Math.floor(m / 1440)
  const h = Math.floor((m % 1440) / 60)
  const min = m % 60
  if (d > 0) return h > 0 ? `${d}天${h}小时` : `${d}天`
  if (h > 0) return min > 0 ? `${h}小时${min}分` : `${h}小时`
  return `${min}分`
}

/**
 * 倒计时 to a deadline: 剩余 25分12秒, or 已超时 3分 once past it.
 * `urgent` when under a fifth of an hour is left or it is late.
 */
export function countdown(due: string | Date, now: number = Date.now()): { text: string; late: boolean; urgent: boolean } {
  const ms = asDate(due).getTime() - now
  const late = ms < 0
  const s = Math.floor(Math.abs(ms) / 1000)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  const body = h >= 24 ? formatMinutes(Math.floor(s / 60)) : h > 0 ? `${h}小时${m}分` : m > 0 ? `${m}分${String(sec).padStart(2, '0')}秒` : `${sec}秒`
  return { text: late ? `已超时 ${body}` : `剩余 ${body}`, late, urgent: late || ms < 12 * 60_000 }
}

/** The calendar date (YYYY-MM-DD) in Beijing of an instant; the stats APIs take these. */
export function beijingDate(v: string | number | Date = Date.now()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(asDate(v))
  return parts
}

/** `days` before a YYYY-MM-DD date, as YYYY-MM-DD. */
export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - days)
  return d.toISOString().slice(0, 10)
}
