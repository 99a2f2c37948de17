import type { Bucket, Lexicon, Occ } from './lexicon.ts'
import type { Layout } from './layout.ts'
import { EMERGENCY_HAZARDS, OUTAGES, type ContextRule, type Scope } from './schema.ts'

/**
 * Context rules: a cue near a word that fired (a negation, a past-time word,
 * a bill question …) blocks the word, unless a restoring cue (刚才, 至今 …)
 * is in the word's clause or sentence. Windows are counted in characters
 * from the word's start (cues before) or end (cues after), and never cross
 * the rule's scope (clause or sentence).
 */
export interface CompiledContext {
  id: string
  label: string
  slot: number
  before: number
  after: number
  scope: Scope
  /** Restoring cues: a slot and where its cue must be ('between': between the blocking cue and the word). */
  unless: { slot: number; scope: Scope | 'between' }[]
  /** Categories it applies to; null = all. */
  categories: ReadonlySet<string> | null
}

/** What the context rules say about one firing. */
export interface Judgement {
  /** The explanation of the block, when a rule blocked the firing. */
  blocked?: string
  /** Explanations of rules that would have blocked it but were overruled. */
  kept: string[]
}

function expand(selectors: readonly string[]): string[] {
  return selectors.flatMap((s) => (s === '紧急' ? [...EMERGENCY_HAZARDS] : s === '加急' ? [...OUTAGES] : [s]))
}

export function compileContext(rule: ContextRule, lexicon: Lexicon): CompiledContext {
  let categories: Set<string> | null = null
  if (rule.only) categories = new Set(expand(rule.only))
  if (rule.except) {
    const except = new Set(expand(rule.except))
    categories = new Set([...(categories ?? [...EMERGENCY_HAZARDS, ...OUTAGES])].filter((c) => !except.has(c)))
  }
  return {
    id: rule.id,
    label: rule.label,
    slot: lexicon.slot(rule.cues),
    before: rule.before,
    after: rule.after,
    scope: rule.scope,
    unless: (rule.unless === undefined ? [] : Array.isArray(rule.unless) ? rule.unless : [rule.unless]).map((u) => ({
      slot: lexicon.slot(u.cues),
      scope: u.scope,
    })),
    categories,
  }
}

/** The first index of a list sorted by start whose start is ≥ pos. */
function lowerBound(list: readonly Occ[], pos: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]!.start < pos) lo = mid + 1
    else hi = mid
  }
  return lo
}

const LONGEST_CUE = 40

function touchesAny(c: Occ, parts: readonly Occ[]): boolean {
  return parts.some((p) => c.start < p.end && p.start < c.end)
}

/**
 * A cue of the rule within its window, or undefined. Cues before count
 * before any word of the firing (燃气没有泄漏: 没有 stands before 泄漏); cues
 * after count only after its last word (井盖问题…小孩掉进去了 is no 问题).
 */
function findCue(ctx: CompiledContext, cues: readonly Occ[], parts: readonly Occ[], layout: Layout): Occ | undefined {
  const lastPart = parts[parts.length - 1]!
  // A cue that contains a part is a phrase the part belongs to (退暖气费 for 暖气, 没有人 for 有人): it blocks, whatever cue stands nearer.
  for (const p of parts) {
    for (let i = lowerBound(cues, p.start - LONGEST_CUE); i < cues.length; i++) {
      const c = cues[i]!
      if (c.start > p.start) break
      if (p.end <= c.end && c.end - c.start > p.end - p.start) return c
    }
  }
  for (const p of parts) {
    const after = p === lastPart ? ctx.after : 0
    const from = ctx.before >= p.start ? 0 : lowerBound(cues, p.start - ctx.before - LONGEST_CUE)
    for (let i = from; i < cues.length; i++) {
      const c = cues[i]!
      if (c.start > p.end + after) break
      // A cue that contains a part is a phrase the part belongs to (退暖气费 for 暖气): it blocks.
      if (c.start <= p.start && p.end <= c.end && c.end - c.start > p.end - p.start) return c
      if (touchesAny(c, parts)) continue
      const isBefore = c.end <= p.start && p.start - c.end <= ctx.before && layout.same(ctx.scope, c.start, p.start)
      const isAfter = c.start >= p.end && c.start - p.end <= after && layout.same(ctx.scope, c.start, p.end - 1)
      if (isBefore || isAfter) return c
    }
  }
  return undefined
}

function findRestorer(ctx: CompiledContext, bucket: Bucket, parts: readonly Occ[], cue: Occ, layout: Layout): Occ | undefined {
  const first = parts[0]!.start
  const last = parts[parts.length - 1]!.end
  for (const { slot, scope } of ctx.unless) {
    const list = bucket[slot]
    if (!list) continue
    for (const u of list) {
      if (touchesAny(u, parts)) continue
      if (scope === 'between') {
        const between = cue.end <= first ? u.start >= cue.end && u.end <= first : u.start >= last && u.end <= cue.start
        if (between) return u
      } else if (parts.some((p) => layout.same(scope, u.start, p.start))) return u
    }
  }
  return undefined
}

/** Runs the context rules that apply to `category` over one firing. */
export function judge(
  contexts: readonly CompiledContext[],
  category: string,
  parts: readonly Occ[],
  bucket: Bucket,
  layout: Layout,
): Judgement {
  const kept: string[] = []
  const word = parts.map((p) => p.text).join('…')
  for (const ctx of contexts) {
    if (ctx.categories && !ctx.categories.has(category)) continue
    const cues = bucket[ctx.slot]
    if (!cues) continue
    const cue = findCue(ctx, cues, parts, layout)
    if (!cue) continue
    const restorer = findRestorer(ctx, bucket, parts, cue, layout)
    if (restorer) {
      kept.push(`「${word}」虽有「${cue.text}」(${ctx.label})，但有「${restorer.text}」，不排除 (规则 ${ctx.id})`)
      continue
    }
    return { blocked: `「${word}」${ctx.label}: ${cue.text} (规则 ${ctx.id})`, kept }
  }
  return { kept }
}
