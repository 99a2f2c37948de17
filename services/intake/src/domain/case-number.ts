import type { Sql } from '@hotline-hub/db'

const CHINA_OFFSET_MS = 8 * 3600_000

/**
 * 受理编号: `HH` + the China date of receipt + an 8-digit serial, e.g.
 * HH2026112200000123 — short enough to read back to a caller.
 */
export async function nextCaseNumber(tx: Sql, now: Date): Promise<string> {
  const [row] = await tx.query<{ n: string }>(`SELECT nextval('intake.case_number_seq')::text AS n`)
  const d = new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '')
  return `HH${d}${row!.n.padStart(8, '0')}`
}
