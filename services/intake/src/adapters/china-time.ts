/**
 * Times from legacy channel systems. A time without an offset is China
 * Standard Time (北京时间, UTC+08:00, no daylight saving). Every normalized
 * `receivedAt` is written in China time with an explicit `+08:00`.
 */
import { AdapterError } from './adapter-error.ts'

const CST_OFFSET_MS = 8 * 60 * 60 * 1000
const LOCAL =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/

/** `2026-03-02T09:15:00+08:00` (milliseconds only when non-zero). */
export function formatChinaTime(epochMs: number): string {
  const shifted = new Date(epochMs + CST_OFFSET_MS).toISOString() // YYYY-MM-DDTHH:mm:ss.sssZ
  const ms = shifted.slice(19, 23)
  return `${shifted.slice(0, 19)}${ms === '.000' ? '' : ms}+08:00`
}

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:mm`, `YYYY-MM-DD HH:mm:ss` (a `T` may
 * replace the space; an optional offset or `Z`) and returns the instant in
 * China time with offset. Impossible dates (2 月 30 日, 24:00) are refused.
 * @param pointer JSON pointer of the source field, for the error.
 */
export function parseChinaTime(text: string, pointer: string): string {
  const m = LOCAL.exec(text.trim())
  if (!m) throw new AdapterError([{ pointer, message: `not a recognised date-time: ${JSON.stringify(text)}` }])
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0)) as [
    number, number, number, number, number, number,
  ]
  const ms = Number((m[7] ?? '').padEnd(3, '0') || 0)
  const utcGuess = Date.UTC(y, mo - 1, d, h, mi, s, ms)
  const check = new Date(utcGuess)
  const real =
    check.getUTCFullYear() === y &&
    check.getUTCMonth() === mo - 1 &&
    check.getUTCDate() === d &&
    check.getUTCHours() === h &&
    check.getUTCMinutes() === mi &&
    check.getUTCSeconds() === s
  if (!real) throw new AdapterError([{ pointer, message: `no such date-time: ${JSON.stringify(text)}` }])
  const offset = m[8]
  let offsetMs = CST_OFFSET_MS
  if (offset === 'Z') offsetMs = 0
  else if (offset) offsetMs = (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60000
  return formatChinaTime(utcGuess - offsetMs)
}

/** Epoch milliseconds (Java-style systems) to China time with offset. */
export function epochToChinaTime(epochMs: number, pointer: string): string {
  if (!Number.isSafeInteger(epochMs) || epochMs < 0)
    throw new AdapterError([{ pointer, message: `not an epoch-millisecond timestamp: ${epochMs}` }])
  return formatChinaTime(epochMs)
}
