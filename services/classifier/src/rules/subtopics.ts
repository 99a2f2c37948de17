import { Because, fmt, round01 } from './explain.ts'
import type { Layout } from './layout.ts'
import type { Bucket, Lexicon } from './lexicon.ts'
import type { SubtopicsFile } from './schema.ts'
import { compileSignal, heaviest, scoreSignals, type CompiledSignal } from './signals.ts'

export interface SubtopicRules {
  minScore: number
  subtopics: { value: string; signals: CompiledSignal[] }[]
}

export interface SubtopicOutcome {
  value: string
  confidence: number
  because: string[]
}

/** A subtopic's explanation names at most this many words. */
const SHOWN_WORDS = 10

export function compileSubtopics(file: SubtopicsFile, lexicon: Lexicon): SubtopicRules {
  lexicon.masks(file.masks)
  const merged = new Map<string, CompiledSignal[]>()
  for (const s of file.subtopics) {
    const list = merged.get(s.value) ?? []
    list.push(...s.signals.map((x) => compileSignal(x, lexicon)))
    merged.set(s.value, list)
  }
  return { minScore: file.minScore, subtopics: [...merged].map(([value, signals]) => ({ value, signals })) }
}

/** Every subtopic whose score reaches minScore, strongest first (file order on ties). */
export function analyzeSubtopics(rules: SubtopicRules, bucket: Bucket, layout: Layout): SubtopicOutcome[] {
  return rules.subtopics
    .map((s, order) => ({ value: s.value, order, ...scoreSignals(s.signals, bucket, layout) }))
    .filter((s) => s.score > 0 && s.score >= rules.minScore)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((s) => ({
      value: s.value,
      confidence: round01(1 - Math.exp(-s.score)),
      because: new Because()
        .add(...heaviest(s).slice(0, SHOWN_WORDS))
        .add(`得分 ${fmt(s.score)}`)
        .list(),
    }))
}
