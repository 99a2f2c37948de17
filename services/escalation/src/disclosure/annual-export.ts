import type { ExportTable } from '../emergency/ledger/table-files.ts'
import type { AnnualReport } from './annual-report.ts'

/** The table as rows of text: 项目, then one column per applicant type, then 总计. */
export function annualTable(r: AnnualReport): ExportTable {
  return {
    title: `${r.year}年政府信息公开申请情况`,
    headers: ['项目', ...r.columns.map((c) => (c.group ? `${c.group}·${c.label}` : c.label))],
    rows: r.rows.map((row) => [row.label, ...r.columns.map((c) => row.values[c.code])]),
  }
}

const width = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)))

/** Plain text for pasting into the annual report (本列数据的勾稽关系 stated at the top). */
export function annualText(r: AnnualReport): string {
  const t = annualTable(r)
  const labelWidth = Math.max(...t.rows.map((x) => width(String(x[0]))), width(t.headers[0]!))
  const colWidth = Math.max(...t.headers.slice(1).map(width)) + 2
  const line = (cells: (string | number | null)[]) => [pad(String(cells[0]), labelWidth), ...cells.slice(1).map((c) => pad(String(c), colWidth))].join(' | ').trimEnd()
  return [
    `三、收到和处理政府信息公开申请情况（${r.year}年，${r.form}）`,
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    line(t.headers),
    ...t.rows.map(line),
    '',
    `勾稽关系：${r.reconciliation.map((x) => `${x.label} ${x.left} = ${x.right}`).join('；')}`,
    '',
  ].join('\n')
}
