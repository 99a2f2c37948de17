import type { GazetteerIndex } from './build-index.ts'
import { matchWhole, type CompiledRule } from './rules.ts'
import type { Anchor, Scan, Span } from './find-mentions.ts'
import type { Level, Mention, StartKind } from './types.ts'

const RANK: Record<Level, number> = { city: 0, district: 1, street: 2 }

/** CJK ideographs (基本区 and 扩展A) and 〇. */
function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || c === 0x3007
}

/** Longer than any word or match: spans further away cannot touch an anchor. */
const LONGEST = 64

interface Barrier extends Span {
  m?: Mention
}

/**
 * The fallback rules' names (<2–6 characters>街道, …县): at each anchor the
 * chosen places and false friends left free, the name starts right after a
 * place of a higher level, after a cue word, or at the start of the run of
 * Chinese characters; the shortest name the rule accepts wins.
 */
export function findFallbacks(index: GazetteerIndex, text: string, found: Scan, selected: Mention[]): Mention[] {
  const anchors = found.anchors.filter((a) => a.rules.some((r) => r.fallback))
  if (anchors.length === 0) return []
  anchors.sort((a, b) => a.start - b.start || b.end - a.end)
  const barriers: Barrier[] = [...selected.map((m) => ({ start: m.start, end: m.end, m })), ...found.blockers].sort((a, b) => a.end - b.end)
  const cues = found.cues // in order of their end
  const out: Mention[] = []
  let bi = 0 // barriers[0..bi) end at or before the anchor
  let last: Barrier | undefined
  let ci = 0
  for (const a of anchors) {
    while (bi < barriers.length && barriers[bi]!.end <= a.start) {
      const b = barriers[bi++]!
      if (!last || b.end >= last.end) last = b
    }
    const prev = out.at(-1)
    if (prev && prev.end > a.start) continue
    const before: Barrier | undefined = prev && (!last || prev.end >= last.end) ? { start: prev.start, end: prev.end, m: prev } : last
    if (isCovered(a, barriers, bi, before)) continue
    while (ci < cues.length && cues[ci]!.end < a.start - LONGEST) ci++
    for (const rule of a.rules) {
      if (!rule.fallback) continue
      const m = tryRule(index, text, rule, a, before, cues, ci)
      if (m) {
        out.push(m)
        break
      }
    }
  }
  return out
}

/** An anchor inside a false friend or overlapping a chosen place is no anchor. */
function isCovered(a: Anchor, barriers: Barrier[], bi: number, before: Barrier | undefined): boolean {
  if (before && before.end > a.start) return true
  for (let i = bi; i < barriers.length; i++) {
    const b = barriers[i]!
    if (b.end > a.end + LONGEST) break
    if (b.start < a.end && (b.m || (b.start <= a.start && b.end >= a.end))) return true
  }
  return false
}

function tryRule(index: GazetteerIndex, text: string, rule: CompiledRule, a: Anchor, before: Barrier | undefined, cues: Span[], ci: number): Mention | undefined {
  const floorByLength = Math.max(0, a.start - (rule.maxLength - (a.end - a.start)))
  const barrierEnd = before ? before.end : 0
  const floor = Math.max(floorByLength, barrierEnd)
  let i = a.start
  while (i > floor && isHan(text.charCodeAt(i - 1))) i--
  let runKind: StartKind | undefined
  let after: Mention | undefined
  if (before && i === barrierEnd) {
    if (before.m && RANK[before.m.level] < RANK[rule.level] && !before.m.fallback) {
      runKind = 'place'
      after = before.m
    } else runKind = 'boundary'
  } else if (i === 0 || !isHan(text.charCodeAt(i - 1))) runKind = 'boundary'

  const starts: [number, StartKind][] = []
  if (runKind) starts.push([i, runKind])
  for (let k = ci; k < cues.length && cues[k]!.end <= a.start; k++) {
    const c = cues[k]!
    if (c.end === a.start) return undefined
    if (c.start >= i) starts.push([c.end, 'cue'])
  }
  starts.sort((x, y) => y[0] - x[0])
  for (const [s, kind] of starts) {
    const confidence = rule.after[kind]
    if (confidence === undefined) continue
    const name = text.slice(s, a.start)
    if (name.length === 0 || index.notNames.has(name)) continue
    let bad = false
    for (const ch of name) if (index.forbiddenChars.has(ch)) bad = true
    if (bad) continue
    const surface = text.slice(s, a.end)
    const canonical = matchWhole(rule, surface)
    if (canonical === undefined) continue
    return { start: s, end: a.end, level: rule.level, surface, canonical, ruleId: rule.id, fallback: true, confidence, startKind: kind, ...(after && kind === 'place' ? { after } : {}) }
  }
  return undefined
}
