import ExcelJS from 'exceljs'
import { isRate, type Cell } from './export-table.ts'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * An .xlsx workbook (exceljs): the table on sheet 统计 (rates as numbers
 * with a 0.0% format, "—" where the sample is 0) and the period, filters and
 * definitions on sheet 说明.
 */
export async function toXlsx(table: { headers: string[]; rows: Cell[][] }, notes: [string, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'hotline-hub'
  const ws = wb.addWorksheet('统计', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.addRow(table.headers).font = { bold: true }
  for (const r of table.rows) {
    const row = ws.addRow(r.map((c) => (isRate(c) ? (c.percent === null ? '—' : c.percent / 100) : c)))
    r.forEach((c, i) => {
      if (isRate(c) && c.percent !== null) row.getCell(i + 1).numFmt = '0.0%'
    })
  }
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 24 : Math.max(8, (table.headers[i]?.length ?? 4) * 2 + 2)
  })
  const about = wb.addWorksheet('说明')
  for (const n of notes) about.addRow(n)
  about.getColumn(1).width = 16
  about.getColumn(2).width = 80
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** What sheet 说明 says about a table. */
export function notesOf(a: { from: string; to: string; filters: object }): [string, string][] {
  const filters = Object.entries(a.filters as Record<string, unknown>).filter(([, v]) => v !== undefined)
  return [
    ['统计期间', `${a.from} 至 ${a.to}（北京时间，含首尾两日；按受理日统计）`],
    ['筛选条件', filters.length ? filters.map(([k, v]) => `${k}=${String(v)}`).join('；') : '无'],
    ['办结率', '办结量 ÷ 转办量'],
    ['按期办结率', '按期办结量 ÷ 办结量'],
    ['响应率', '响应量（响应时限内首次联系）÷ 转办量'],
    ['解决率', '解决量 ÷ 回访量'],
    ['满意率', '满意量（满意＋基本满意）÷ 回访量'],
    ['超期量', '逾期未办结及超期办结的件数'],
    ['取整', '百分比四舍五入保留一位小数；分母为 0 时显示“—”'],
  ]
}
