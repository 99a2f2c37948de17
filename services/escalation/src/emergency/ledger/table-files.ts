import ExcelJS from 'exceljs'

/** A table to export: Chinese column headers, then rows of text or numbers. */
export interface ExportTable {
  title: string
  headers: string[]
  rows: (string | number | null)[][]
}

const cell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v)
  return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s
}

/** CSV for Excel users: UTF-8 with a BOM, CRLF lines; cells that a spreadsheet would run as formulas are quoted and prefixed. */
export function toCsv(t: ExportTable): string {
  return `\uFEFF${[t.headers, ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}

/** XLSX with one sheet, a bold header row, frozen. */
export async function toXlsx(tables: ExportTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'hotline-hub'
  for (const t of tables) {
    const ws = wb.addWorksheet(t.title.slice(0, 31))
    ws.addRow(t.headers).font = { bold: true }
    for (const r of t.rows) ws.addRow(r.map((v) => (v === null ? '' : v)))
    ws.views = [{ state: 'frozen', ySplit: 1 }]
    ws.columns.forEach((c, i) => {
      c.width = Math.min(60, Math.max(10, ...[t.headers[i] ?? '', ...t.rows.map((r) => String(r[i] ?? ''))].map((s) => s.length * 2)))
    })
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
