import { compileContext, judge, type CompiledContext } from './context.ts'
import { Because, round01 } from './explain.ts'
import type { Layout } from './layout.ts'
import type { Bucket, Lexicon, Occ } from './lexicon.ts'
import { EMERGENCY_HAZARDS, type Hazard, type Scope, type UrgencyFile } from './schema.ts'
import { compileSignal, firings, wordsOf, type CompiledSignal, type Firing } from './signals.ts'

/** 紧急 / 加急 / 一般 */
export type Urgency = '紧急' | '加急' | '一般'

interface CompiledRule {
  id: string
  hazard: Hazard
  emergency: boolean
  signals: CompiledSignal[]
  /** The rule's own context rules, then the file's. */
  contexts: CompiledContext[]
}

interface CompiledBoost {
  id: string
  add: number
  slot: number
  scope: Scope
}

export interface UrgencyRules {
  threshold: number
  rules: CompiledRule[]
  boosts: CompiledBoost[]
}

export interface UrgencyOutcome {
  value: Urgency
  hazard: string | null
  confidence: number
  because: string[]
}

const EMERGENCY = new Set<string>(EMERGENCY_HAZARDS)

export function compileUrgency(file: UrgencyFile, lexicon: Lexicon): UrgencyRules {
  lexicon.masks(file.masks)
  const global = file.contexts.map((c) => compileContext(c, lexicon))
  const rules = file.rules.map((r) => ({
    id: r.id,
    hazard: r.hazard as Hazard,
    emergency: EMERGENCY.has(r.hazard),
    signals: r.signals.map((s) => compileSignal(s, lexicon)),
    contexts: [...(r.contexts ?? []).map((c) => compileContext(c, lexicon)), ...global],
  }))
  const boosts = file.boosts.map((b) => ({ id: b.id, add: b.add, slot: lexicon.slot(b.cues), scope: b.scope }))
  return { threshold: file.threshold, rules, boosts }
}

/** What fired for one hazard. */
interface Evidence {
  hazard: Hazard
  emergency: boolean
  /** Surviving firings per signal (a signal counts once, whatever its number of firings). */
  bySignal: Map<CompiledSignal, Firing[]>
  rules: string[]
  boosts: { id: string; cue: Occ; add: number }[]
  score: number
  order: number
}

function boostsFor(rules: UrgencyRules, parts: readonly Occ[], bucket: Bucket, layout: Layout): { id: string; cue: Occ; add: number }[] {
  const out: { id: string; cue: Occ; add: number }[] = []
  for (const b of rules.boosts) {
    const cue = bucket[b.slot]?.find((c) => parts.some((p) => (c.end <= p.start || c.start >= p.end) && layout.same(b.scope, c.start, p.start)))
    if (cue) out.push({ id: b.id, cue, add: b.add })
  }
  return out
}

/** Tags the urgency of a normalized, non-empty text. */
export function analyzeUrgency(rules: UrgencyRules, bucket: Bucket, layout: Layout): UrgencyOutcome {
  const evidence = new Map<Hazard, Evidence>()
  const blocked = new Because()
  const kept = new Because()
  rules.rules.forEach((rule, order) => {
    for (const signal of rule.signals) {
      if (bucket[signal.slots[0]!] === undefined) continue
      for (const f of firings(signal, bucket, layout)) {
        const j = judge(rule.contexts, rule.hazard, f.parts, bucket, layout)
        kept.add(...j.kept)
        if (j.blocked) {
          blocked.add(j.blocked)
          continue
        }
        let e = evidence.get(rule.hazard)
        if (!e) {
          e = { hazard: rule.hazard, emergency: rule.emergency, bySignal: new Map(), rules: [], boosts: [], score: 0, order }
          evidence.set(rule.hazard, e)
        }
        if (!e.rules.includes(rule.id)) e.rules.push(rule.id)
        const list = e.bySignal.get(signal) ?? []
        list.push(f)
        e.bySignal.set(signal, list)
      }
    }
  })

  for (const e of evidence.values()) {
    // A signal counts once, however many of its words fired: a pile of weak words is no emergency.
    let none = 1
    for (const s of e.bySignal.keys()) none *= 1 - s.w
    const seen = new Set<string>()
    for (const fs of e.bySignal.values())
      for (const f of fs)
        for (const b of boostsFor(rules, f.parts, bucket, layout)) {
          if (seen.has(b.id)) continue
          seen.add(b.id)
          e.boosts.push(b)
        }
    e.score = Math.min(0.99, 1 - none + e.boosts.reduce((s, b) => s + b.add, 0))
  }

  const ranked = [...evidence.values()].sort((a, b) => b.score - a.score || a.order - b.order)
  const winner =
    ranked.find((e) => e.emergency && e.score >= rules.threshold) ?? ranked.find((e) => !e.emergency && e.score >= rules.threshold)

  const because = new Because()
  if (winner) {
    const words = [...winner.bySignal.values()].flatMap((fs) => fs.flatMap((f) => f.parts)).sort((a, b) => a.start - b.start || b.end - a.end)
    because.add(...words.map((p) => p.text))
    because.add(...winner.rules.map((id) => `规则 ${id}`))
    because.add(...winner.boosts.map((b) => `加强: ${b.cue.text} (规则 ${b.id})`))
    for (const other of ranked) if (other !== winner && other.score >= rules.threshold) because.add(`另有 ${other.hazard} (${round01(other.score)})`)
    because.add(...kept.list(), ...blocked.list())
    return { value: winner.emergency ? '紧急' : '加急', hazard: winner.hazard, confidence: round01(winner.score), because: because.list() }
  }

  // 一般: say what was seen and why it did not count.
  let best = 0
  for (const e of ranked) {
    best = Math.max(best, e.score)
    const words = [...e.bySignal.values()].flat().map(wordsOf)
    because.add(`「${[...new Set(words)].join('、')}」证据不足: ${e.hazard} ${round01(e.score)} < ${rules.threshold} (规则 ${e.rules.join(', ')})`)
  }
  because.add(...kept.list(), ...blocked.list())
  if (because.length === 0) because.add('未发现危及生命财产或水电气热中断的词语')
  const doubt = Math.max(best, blocked.length > 0 ? 0.25 : 0)
  return { value: '一般', hazard: null, confidence: round01(0.95 - doubt), because: because.list() }
}
