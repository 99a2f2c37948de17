import { Because, fmt, round01 } from './explain.ts'
import type { Layout } from './layout.ts'
import type { Bucket, Lexicon } from './lexicon.ts'
import type { AppealType, AppealTypeFile } from './schema.ts'
import { compileSignal, heaviest, scoreSignals, type CompiledSignal } from './signals.ts'

export interface AppealTypeRules {
  default: AppealType
  defaultReason: string
  tieOrder: AppealType[]
  titleFactor: number
  types: { value: AppealType; signals: CompiledSignal[] }[]
}

export interface AppealTypeOutcome {
  value: AppealType
  confidence: number
  because: string[]
}

export function compileAppealType(file: AppealTypeFile, lexicon: Lexicon): AppealTypeRules {
  lexicon.masks(file.masks)
  const merged = new Map<AppealType, CompiledSignal[]>()
  for (const t of file.types) {
    const list = merged.get(t.value as AppealType) ?? []
    list.push(...t.signals.map((s) => compileSignal(s, lexicon)))
    merged.set(t.value as AppealType, list)
  }
  return {
    default: file.default as AppealType,
    defaultReason: file.defaultReason,
    tieOrder: file.tieOrder as AppealType[],
    titleFactor: file.titleFactor,
    types: [...merged].map(([value, signals]) => ({ value, signals })),
  }
}

/** Where a type stands in the tie order (first wins). */
function rankOf(rules: AppealTypeRules, v: AppealType): number {
  const i = rules.tieOrder.indexOf(v)
  return i < 0 ? rules.tieOrder.length : i
}

/** The appeal type of a normalized, non-empty text. */
export function analyzeAppealType(rules: AppealTypeRules, bucket: Bucket, layout: Layout): AppealTypeOutcome {
  const scored = rules.types
    .map((t) => ({ value: t.value, ...scoreSignals(t.signals, bucket, layout, layout.titleEnd, rules.titleFactor) }))
    .filter((t) => t.score > 0)
    .sort((a, b) => b.score - a.score || rankOf(rules, a.value) - rankOf(rules, b.value))
  const best = scored[0]
  if (!best) return { value: rules.default, confidence: 0.3, because: [rules.defaultReason] }
  const second = scored[1]?.score ?? 0
  // Strong when the evidence is large and one-sided.
  const confidence = (1 - Math.exp(-best.score)) * (best.score / (best.score + second))
  const because = new Because().add(...heaviest(best))
  because.add(`得分 ${best.value} ${fmt(best.score)}${second > 0 ? `，次之 ${scored[1]!.value} ${fmt(second)}` : ''}`)
  return { value: best.value, confidence: round01(confidence), because: because.list() }
}
