import type { CaseFacts } from '../tracking/case-facts.ts'
import type { TriggerRule } from './rules.ts'

/** 区域: street (with its district), else district; null when the case names neither. */
export interface Area {
  district: string
  street: string
}

export const areaOf = (f: Pick<CaseFacts, 'district' | 'street'>): Area | null =>
  f.street ? { district: f.district ?? '', street: f.street } : f.district ? { district: f.district, street: '' } : null

export const areaText = (a: Area | null): string => (a ? [a.district, a.street].filter(Boolean).join('') : '地点不详')

/**
 * What a rule would open for a case: the incident key (the same hazard or
 * topic in the same area is one incident, whichever rule saw it), and for a
 * cluster the value and area to count.
 */
export interface Candidate {
  rule: TriggerRule
  key: string
  /** The hazard, subtopic or topic. */
  subject: string
  on: 'subtopic' | 'topic' | null
  area: Area | null
}

const keyOf = (subject: string, area: Area | null, caseId: string) => `${subject}@${area ? `${area.district}/${area.street}` : `case:${caseId}`}`

/** The candidates of one case under each automatic rule, in rule order (manual rules never match a case). */
export function candidatesOf(rules: readonly TriggerRule[], f: CaseFacts): Candidate[] {
  const area = areaOf(f)
  const out: Candidate[] = []
  for (const rule of rules) {
    if (rule.kind === 'single-case') {
      if (!f.urgency || !rule.urgency.includes(f.urgency)) continue
      const hazard = f.subtopics.find((s) => rule.subtopics.includes(s))
      if (hazard) out.push({ rule, key: keyOf(hazard, area, f.caseId), subject: hazard, on: null, area })
    } else if (rule.kind === 'cluster') {
      if (!area) continue // a cluster needs a place
      for (const on of rule.on) {
        const values = on === 'subtopic' ? f.subtopics : f.topic ? [f.topic] : []
        for (const v of values) if (!rule.only || rule.only.includes(v)) out.push({ rule, key: keyOf(v, area, f.caseId), subject: v, on, area })
      }
    } else if (rule.kind === 'sentiment') {
      const flags = f.sentimentFlags.filter((x) => rule.flags.includes(x))
      if (!flags.length) continue
      const subject = f.subtopics[0] ?? f.topic ?? '未分类'
      out.push({ rule, key: `舆情:${keyOf(subject, area, f.caseId)}`, subject, on: null, area })
    }
  }
  return out
}

/** Only a change of what the rules read can make one fire. */
export function worthEvaluating(before: CaseFacts | null, after: CaseFacts): boolean {
  if (!before) return true
  return (
    before.urgency !== after.urgency ||
    before.topic !== after.topic ||
    before.district !== after.district ||
    before.street !== after.street ||
    before.subtopics.join('|') !== after.subtopics.join('|') ||
    before.sentimentFlags.join('|') !== after.sentimentFlags.join('|')
  )
}

/**
 * 聚集: the cases (id, receipt) of the densest window of `windowMs` that
 * contains `at`, when it holds at least `min` cases; null otherwise.
 */
export function clusterWindow<T extends { receivedAt: Date }>(cases: readonly T[], at: Date, windowMs: number, min: number): T[] | null {
  const sorted = [...cases].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
  const t = at.getTime()
  let best: T[] | null = null
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!.receivedAt.getTime()
    if (start > t) break
    if (start + windowMs < t) continue
    const inWindow = sorted.filter((c) => c.receivedAt.getTime() >= start && c.receivedAt.getTime() <= start + windowMs)
    if (inWindow.length >= min && (!best || inWindow.length > best.length)) best = inWindow
  }
  return best
}
