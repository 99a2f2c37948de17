import { CHINA_OFFSET_MS } from '@hotline-hub/calendar'
import type { CaseFacts } from '../tracking/case-facts.ts'
import type { DeadlineKind } from './policy.ts'

/** `2026-03-12 10:00` in China time (北京时间). */
export const chinaTime = (d: Date): string => new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')

/** 响应 (first contact) or 办结 (resolution). */
export const kindWord = (kind: DeadlineKind): string => (kind === 'response' ? '响应' : '办结')
const duty = (kind: DeadlineKind): string => (kind === 'response' ? '首次联系诉求人' : '办结')

/** How late, in words: `3 小时 20 分钟`, `2 天 1 小时`. */
export function lateness(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  const d = Math.floor(minutes / 1440)
  const h = Math.floor((minutes % 1440) / 60)
  const m = minutes % 60
  const parts = [d ? `${d} 天` : '', h ? `${h} 小时` : '', !d && m ? `${m} 分钟` : ''].filter(Boolean)
  return parts.length ? parts.join(' ') : '不足 1 分钟'
}

const about = (f: CaseFacts) => {
  const bits = [f.appealType, f.department ?? '未派单'].filter(Boolean)
  return `诉求件 ${f.caseId}（${bits.join('，')}）`
}

/** 预警: the warning's message. */
export function warningMessage(f: CaseFacts, kind: DeadlineKind, due: Date, fraction: number): string {
  return `时限预警：${about(f)}${kindWord(kind)}时限已用 ${Math.round(fraction * 100)}%，应于 ${chinaTime(due)} 前${duty(kind)}。`
}

/** 超期: the breach alert's message. */
export function breachMessage(f: CaseFacts, kind: DeadlineKind, due: Date): string {
  return `超期督办：${about(f)}已超过${kindWord(kind)}时限（应于 ${chinaTime(due)} 前${duty(kind)}），请立即办理并反馈。`
}

/** 督办通知: the notice to the department. */
export function noticeText(f: CaseFacts, kind: DeadlineKind, due: Date, breachedAt: Date): string {
  const to = f.department ?? '派单部门'
  return (
    `督办通知：${to}：诉求件 ${f.caseId} 应于 ${chinaTime(due)} 前${duty(kind)}，` +
    `截至 ${chinaTime(breachedAt)} 已超过${kindWord(kind)}时限。请立即办理，并将办理情况及时反馈。`
  )
}
