import { chineseDate, chineseDateTime, parseDay, timeSliceName, yearOf } from '../period.ts'
import type { StatsAnswer, StatsRow } from '../stats-compute.ts'
import type { StatsVocabulary } from '../stats-config.ts'

export const REPORT_KINDS = ['daily', 'weekly', 'monthly', 'yearly'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

/** 日报 / 周报 / 月报 / 年报 and the period they cover. */
export function reportTitle(kind: ReportKind, from: string): string {
  const day = parseDay(from)!
  switch (kind) {
    case 'daily':
      return `统计日报（${chineseDate(day)}）`
    case 'weekly':
      return `统计周报（${timeSliceName('week', from)}）`
    case 'monthly':
      return `统计月报（${timeSliceName('month', from.slice(0, 7))}）`
    case 'yearly':
      return `统计年报（${yearOf(day)}年）`
  }
}

/** 「12319热线：受理115777件，转办50252件，办结48039件，办结率95.6%」, in the channel's own words (监督员: 采集 / 立案). */
export function lineText(name: string, r: StatsRow, terms: { received: string; dispatched: string; closed: string }): string {
  return `${name}：${terms.received}${r.received}件，${terms.dispatched}${r.dispatched}件，${terms.closed}${r.closed}件，办结率${r.rates.closure.display}`
}

const sampled = (label: string, r: StatsRow['rates'][keyof StatsRow['rates']]) => `${label}${r.display}（样本${r.sample}件）`

/**
 * The plain Chinese text of a report, laid out like seed 002 (哈尔滨市城管局
 * 2009 年报): the period, then for each line of work its counts and 办结率,
 * the total, and the quality rates with their samples.
 */
export function reportText(o: { title: string; stats: StatsAnswer; generatedAt: Date; complete: boolean; vocabulary: StatsVocabulary }): string {
  const { stats, vocabulary } = o
  const from = parseDay(stats.from)!
  const to = parseDay(stats.to)!
  const out = [o.title, `本报告所列数据的统计期限自${chineseDate(from)}起至${chineseDate(to)}止（按受理日统计，北京时间）。`]
  if (!o.complete) out.push('（统计期尚未结束，数据截至生成时间。）')
  const filters = Object.entries(stats.filters).filter(([, v]) => v !== undefined)
  if (filters.length) out.push(`统计范围：${filters.map(([k, v]) => `${k}=${v}`).join('；')}。`)
  out.push('一、各渠道受理和办结情况')
  const lines = stats.slices.filter((s) => s.received > 0 || s.dispatched > 0)
  if (lines.length === 0) out.push('本期无受理件。')
  for (const s of lines) out.push(lineText(s.name, s, vocabulary.terms(s.channel ?? s.key)))
  const t = stats.total
  out.push(lineText('合计', t, { received: '受理', dispatched: '转办', closed: '办结' }))
  out.push('二、办理质量')
  out.push(
    `${sampled('按期办结率', t.rates.onTime)}，${sampled('响应率', t.rates.response)}，${sampled('解决率', t.rates.resolution)}，${sampled('满意率', t.rates.satisfaction)}，超期${t.overdue}件。`,
  )
  out.push(`生成时间：${chineseDateTime(o.generatedAt)}（北京时间）`)
  return out.join('\n') + '\n'
}
