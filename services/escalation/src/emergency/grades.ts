/** 分级 grades of an emergency (the red/orange/yellow/blue colours belong to 预警 warnings, not here). */
export const GRADES = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'] as const
export type Grade = (typeof GRADES)[number]

export const GRADE_NAMES: Record<Grade, string> = { Ⅰ: '特别重大', Ⅱ: '重大', Ⅲ: '较大', Ⅳ: '一般' }

/** Severity carried on alert.raised.v1. */
export const GRADE_SEVERITY: Record<Grade, string> = { Ⅰ: 'critical', Ⅱ: 'critical', Ⅲ: 'major', Ⅳ: 'minor' }

/** Trigger kinds (触发方式). */
export const TRIGGER_KINDS = ['single-case', 'cluster', 'sentiment', 'manual'] as const
export type TriggerKind = (typeof TRIGGER_KINDS)[number]

export const TRIGGER_NAMES: Record<TriggerKind, string> = { 'single-case': '单件紧急诉求', cluster: '同类诉求聚集', sentiment: '敏感舆情', manual: '值班员人工发起' }

/** Report stages: 初报 → 续报 (numbered) → 终报. */
export type Stage = 'initial' | 'follow-up' | 'final'

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`
  const rest = n % 100
  return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest)}`
}

/** 初报, 续报一, 续报二 …, 终报. */
export function stageLabel(stage: Stage, seq: number): string {
  if (stage === 'initial') return '初报'
  if (stage === 'final') return '终报'
  return `续报${chineseNumber(seq)}`
}

/**
 * 报告要素: the fields every report holds (DOMAIN.md, Report content), in
 * order, with their Chinese names. All are required on submission.
 */
export const REPORT_FIELDS = [
  ['receivedAt', '接报时间'],
  ['occurredAt', '时间'],
  ['location', '地点'],
  ['source', '信息来源'],
  ['causeAndNature', '事件起因和性质'],
  ['process', '基本过程'],
  ['consequences', '已造成后果'],
  ['scope', '影响范围'],
  ['trend', '发展趋势'],
  ['handling', '处置情况'],
  ['measures', '拟采取措施及下一步建议'],
  ['reportingUnit', '报告单位'],
  ['reporter', '报告人'],
  ['contact', '联系方式'],
] as const
export type ReportField = (typeof REPORT_FIELDS)[number][0]
export type ReportContent = Partial<Record<ReportField, string>>
