import { Because, fmt, round01 } from './explain.ts'
import type { Layout } from './layout.ts'
import type { Bucket, Lexicon } from './lexicon.ts'
import type { SentimentFile, SentimentFlag } from './schema.ts'
import { compileSignal, firings, heaviest, scoreSignals, wordsOf, type CompiledSignal } from './signals.ts'

export interface SentimentRules {
  scale: number
  negative: CompiledSignal[]
  positive: CompiledSignal[]
  intensifier: { slot: number; factor: number; window: number }
  exclamation: { slot: number; each: number; max: number }
  flags: { flag: SentimentFlag; signals: CompiledSignal[] }[]
}

export interface SentimentOutcome {
  negativity: number
  flags: SentimentFlag[]
  because: string[]
}

/** Explanations show at most this many negative words. */
const SHOWN_WORDS = 12

export function compileSentiment(file: SentimentFile, lexicon: Lexicon): SentimentRules {
  lexicon.masks(file.masks)
  return {
    scale: file.scale,
    negative: file.negative.map((s) => compileSignal(s, lexicon)),
    positive: file.positive.map((s) => compileSignal(s, lexicon)),
    intensifier: { slot: lexicon.slot(file.intensifiers.words), factor: file.intensifiers.factor, window: file.intensifiers.window },
    exclamation: { slot: lexicon.slot(file.exclamation.marks), each: file.exclamation.each, max: file.exclamation.max },
    flags: file.flags.map((f) => ({ flag: f.flag as SentimentFlag, signals: f.signals.map((s) => compileSignal(s, lexicon)) })),
  }
}

/** Negative words, each once at its highest weight, ×factor after an intensifier (非常愤怒). */
function negativeWords(rules: SentimentRules, bucket: Bucket, layout: Layout): Map<string, { w: number; by?: string }> {
  const out = new Map<string, { w: number; by?: string }>()
  const intensifiers = bucket[rules.intensifier.slot] ?? []
  for (const s of rules.negative) {
    if (s.slots.length > 1) {
      const f = firings(s, bucket, layout)[0]
      if (f) keepStrongest(out, wordsOf(f), s.w, undefined)
      continue
    }
    for (const o of bucket[s.slots[0]!] ?? []) {
      const by = intensifiers.find(
        (i) => i.end <= o.start && o.start - i.end <= rules.intensifier.window && layout.same('clause', i.start, o.start),
      )
      keepStrongest(out, o.text, by ? s.w * rules.intensifier.factor : s.w, by?.text)
    }
  }
  return out
}

function keepStrongest(out: Map<string, { w: number; by?: string }>, word: string, w: number, by: string | undefined): void {
  const old = out.get(word)
  if (old === undefined || old.w < w) out.set(word, by ? { w, by } : { w })
}

/** Negativity and flags of a normalized, non-empty text. */
export function analyzeSentiment(rules: SentimentRules, bucket: Bucket, layout: Layout): SentimentOutcome {
  const because = new Because()
  const negative = negativeWords(rules, bucket, layout)
  let score = 0
  for (const v of negative.values()) score += v.w
  const shown = [...negative.entries()].sort((a, b) => b[1].w - a[1].w).slice(0, SHOWN_WORDS)
  because.add(...shown.map(([word, v]) => (v.by ? `${word} (${v.by}, ×${fmt(rules.intensifier.factor)})` : word)))

  const positive = scoreSignals(rules.positive, bucket, layout)
  if (positive.score > 0) {
    score -= positive.score
    because.add(`正面: ${heaviest(positive).slice(0, 5).join('、')} (−${fmt(positive.score)})`)
  }
  const marks = bucket[rules.exclamation.slot]?.length ?? 0
  if (marks > 0) {
    const add = Math.min(rules.exclamation.max, marks * rules.exclamation.each)
    score += add
    because.add(`感叹号 ${marks} 个 (+${fmt(add)})`)
  }
  const negativity = score > 0 ? 1 - Math.exp(-rules.scale * score) : 0

  const flags: SentimentFlag[] = []
  for (const f of rules.flags) {
    const words: string[] = []
    for (const s of f.signals) for (const fired of firings(s, bucket, layout)) words.push(wordsOf(fired))
    if (words.length === 0) continue
    if (!flags.includes(f.flag)) flags.push(f.flag)
    because.add(`${f.flag}: ${[...new Set(words)].slice(0, 5).join('、')}`)
  }
  if (because.length === 0) because.add('无负面情绪词')
  return { negativity: round01(negativity), flags, because: because.list() }
}
