import { isRate, type Cell } from './export-table.ts'

/** UTF-8 byte order mark: Excel (as used in China) reads a CSV as GBK without it. */
export const BOM = '\uFEFF'

const field = (c: Cell): string => {
  const s = isRate(c) ? c.display : String(c)
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** RFC 4180 CSV with CRLF line ends, rates as their display strings; with the BOM unless `bom: false` (stored copies: a text column's reader may drop a leading BOM). */
export function toCsv(table: { headers: string[]; rows: Cell[][] }, o: { bom?: boolean } = {}): string {
  return (o.bom === false ? '' : BOM) + [table.headers, ...table.rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n'
}

/** A stored CSV as sent: with the BOM. */
export const withBom = (csv: string): string => (csv.startsWith(BOM) ? csv : BOM + csv)
