import type { CaseFacts } from '../tracking/case-facts.ts'
import { REPORT_FIELDS, TRIGGER_NAMES, type ReportContent, type ReportField, type TriggerKind } from './grades.ts'
import { areaText, areaOf } from './match-rules.ts'
import { chinaTime } from './time.ts'

const CHANNEL_NAMES: Record<string, string> = {
  'hotline-12345': '12345热线',
  'hotline-12319': '12319热线',
  'mayor-line': '市长公开电话',
  'web-message': '网民留言',
  'director-mailbox': '局长信箱',
  'radio-hotline': '行风热线',
  'grid-supervisor': '数字城管监督员',
  'video-patrol': '视频监控',
  'disclosure-request': '依申请公开',
}

const STATUS_NAMES: Record<string, string> = {
  received: '已受理待派单',
  resolved_on_call: '直接办结',
  dispatched: '已派单',
  accepted: '已签收办理中',
  returned: '退单待改派',
  replied: '已答复',
  closed: '已办结',
  followed_up: '已回访',
  merged: '已并单',
  reopened: '重办',
}

const count = (values: readonly string[]): string =>
  [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>())].map(([v, n]) => `${v} ${n} 件`).join('、')

/**
 * 预填: a draft report's fields from its cases (de-identified facts only).
 * What the cases cannot tell (后果, 趋势, 措施, 报告人) is left empty for the
 * duty officer; submission names what is still missing.
 */
export function prefillFromCases(cases: readonly CaseFacts[], how: { trigger: TriggerKind; subject: string | null; receivedAt: Date }): ReportContent {
  if (!cases.length) return { receivedAt: chinaTime(how.receivedAt) }
  const first = cases[0]!
  const last = cases[cases.length - 1]!
  const area = areaText(areaOf(first))
  const ids = cases.slice(0, 20).map((c) => c.caseId).join('、') + (cases.length > 20 ? ` 等 ${cases.length} 件` : '')
  const flags = [...new Set(cases.flatMap((c) => c.sentimentFlags))]
  return {
    receivedAt: chinaTime(how.receivedAt),
    occurredAt: cases.length > 1 ? `${chinaTime(first.receivedAt)} 至 ${chinaTime(last.receivedAt)}（首次来电至最近来电）` : chinaTime(first.receivedAt),
    location: area,
    source: `${count(cases.map((c) => CHANNEL_NAMES[c.channel] ?? c.channel))}（诉求件 ${ids}）`,
    causeAndNature: `${TRIGGER_NAMES[how.trigger]}：${how.subject ?? first.topic ?? '未分类'}${flags.length ? `；舆情标记 ${flags.join('、')}` : ''}`,
    process: cases
      .slice(0, 50)
      .map((c) => `${chinaTime(c.receivedAt)} 受理 ${c.caseId}（${[c.urgency, ...c.subtopics.slice(0, 2)].filter(Boolean).join('，')}）`)
      .join('\n'),
    scope: `${area}，涉及诉求 ${cases.length} 件`,
    handling: count(cases.map((c) => (c.department ? `${STATUS_NAMES[c.status] ?? c.status}（${c.department}）` : (STATUS_NAMES[c.status] ?? c.status)))),
  }
}

/**
 * A case joined: the fields the officer has not touched (still equal to the
 * old pre-fill) take the new pre-fill; the officer's own text stays.
 */
export function refreshContent(content: ReportContent, oldPrefill: ReportContent, next: ReportContent): ReportContent {
  const out: ReportContent = { ...content }
  for (const [field] of REPORT_FIELDS) {
    const f = field as ReportField
    if ((content[f] ?? '') === (oldPrefill[f] ?? '') && next[f] !== undefined) out[f] = next[f]
  }
  return out
}

/** The fields still empty (JSON pointers), in report order. */
export function missingFields(content: ReportContent): { pointer: string; detail: string }[] {
  return REPORT_FIELDS.filter(([f]) => !(content[f] ?? '').trim()).map(([f, zh]) => ({ pointer: `/content/${f}`, detail: `必填：${zh}` }))
}
