import type { Bucket, Lexicon, Occ } from './lexicon.ts'
import type { Layout } from './layout.ts'
import type { Signal } from './schema.ts'

/** A signal of a rule file, its word groups resolved to lexicon slots. */
export interface CompiledSignal {
  w: number
  /** One slot for `words`, one per group for `near`. */
  slots: number[]
  within: number
}

/** One place where a signal fired: its word, or one word of each near group. */
export interface Firing {
  signal: CompiledSignal
  parts: Occ[]
}

/** Texts longer than typical (50,000 characters of repeated words) must stay cheap: only so many firings per signal are looked at. */
export const MAX_FIRINGS_PER_SIGNAL = 64

export function compileSignal(s: Signal, lexicon: Lexicon): CompiledSignal {
  if ('words' in s) return { w: s.w, slots: [lexicon.slot(s.words)], within: 0 }
  return { w: s.w, slots: s.near.map((g) => lexicon.slot(g)), within: s.within }
}

function overlaps(a: Occ, b: Occ): boolean {
  return a.start < b.end && b.start < a.end
}

function gap(a: Occ, b: Occ): number {
  return Math.max(0, Math.max(a.start, b.start) - Math.min(a.end, b.end))
}

/** Where the signal fired in this text, in text order (at most MAX_FIRINGS_PER_SIGNAL). */
export function firings(signal: CompiledSignal, bucket: Bucket, layout: Layout): Firing[] {
  const first = bucket[signal.slots[0]!]
  if (!first) return []
  const out: Firing[] = []
  if (signal.slots.length === 1) {
    for (const occ of first) {
      out.push({ signal, parts: [occ] })
      if (out.length >= MAX_FIRINGS_PER_SIGNAL) break
    }
    return out
  }
  const others = signal.slots.slice(1).map((s) => bucket[s])
  if (others.some((o) => o === undefined)) return []
  for (const a of first) {
    const parts = [a]
    for (const group of others) {
      let best: Occ | undefined
      let bestGap = Infinity
      for (const b of group!) {
        if (b.start > a.end + signal.within) break
        if (parts.some((p) => overlaps(p, b))) continue
        const g = gap(a, b)
        if (g <= signal.within && g < bestGap && layout.same('sentence', a.start, b.start)) {
          best = b
          bestGap = g
        }
      }
      if (!best) break
      parts.push(best)
    }
    if (parts.length === signal.slots.length) {
      out.push({ signal, parts: parts.sort((x, y) => x.start - y.start) })
      if (out.length >= MAX_FIRINGS_PER_SIGNAL) break
    }
  }
  return out
}

/** The words of a firing as a duty officer reads them: 燃气…味道. */
export function wordsOf(f: Firing): string {
  return f.parts.map((p) => p.text).join('…')
}

/** Distinct occurrences of a slot (by word), for explanations and scores. */
export function distinctWords(occs: readonly Occ[] | undefined): string[] {
  if (!occs) return []
  return [...new Set(occs.map((o) => o.text))]
}

/** Records a word's weight, keeping the heaviest seen. */
export function keepHeaviest(words: Map<string, number>, word: string, w: number): void {
  const old = words.get(word)
  if (old === undefined || old < w) words.set(word, w)
}

/** A score summed over signals (appeal type, sentiment, subtopics), with the words that made it. */
export interface Scored {
  score: number
  /** word → its weight; a near-signal is keyed by its words joined with …. */
  words: Map<string, number>
}

/**
 * Sums the weights of the distinct words that fired (a word counts once, at
 * the highest weight any signal gives it; a near-signal counts once). A word
 * whose first occurrence is before `titleEnd` counts `titleFactor` times.
 */
export function scoreSignals(signals: readonly CompiledSignal[], bucket: Bucket, layout: Layout, titleEnd = 0, titleFactor = 1): Scored {
  if (!signals.some((s) => bucket[s.slots[0]!] !== undefined)) return NOTHING
  const words = new Map<string, number>()
  for (const s of signals) {
    if (s.slots.length === 1) {
      const occs = bucket[s.slots[0]!]
      if (!occs) continue
      // Occurrences are in text order: the first of a word decides the title factor.
      for (const o of occs) keepHeaviest(words, o.text, o.start < titleEnd ? s.w * titleFactor : s.w)
      continue
    }
    const f = firings(s, bucket, layout)[0]
    if (f) keepHeaviest(words, wordsOf(f), f.parts[0]!.start < titleEnd ? s.w * titleFactor : s.w)
  }
  let score = 0
  for (const w of words.values()) score += w
  return { score, words }
}

const NOTHING: Scored = Object.freeze({ score: 0, words: new Map<string, number>() })

/** The words of a score, heaviest first. */
export function heaviest(scored: Scored): string[] {
  return [...scored.words.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w)
}
