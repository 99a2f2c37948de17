import { DataFileError } from '@hotline-hub/platform'
import type { RuleData } from './schema.ts'
import type { Level, StartKind } from './types.ts'
import { lineContaining, positionOf } from './line-of.ts'

/** A pattern rule of patterns.yaml, compiled. */
export interface CompiledRule {
  id: string
  level: Level
  anchors: string[]
  fallback: boolean
  /** Exact rules: the pattern, anchored at the end (flags iu). */
  atEnd: RegExp
  /** Fallback rules: the pattern, anchored at both ends. */
  whole: RegExp
  maxLength: number
  upper: boolean
  rename?: string
  city?: string
  confidence: number
  after: Partial<Record<StartKind, number>>
}

/** How far before a match an exact rule's lookbehind may look. */
const LOOKBEHIND = 8

export function compileRule(rule: RuleData, index: number, file: string, text: string): CompiledRule {
  const refuse = (reason: string, field: string): never => {
    const at = (field === 'pattern' && lineContaining(text, rule.pattern)) || positionOf(text, rule.id)
    throw new DataFileError(file, at.line, at.column, `rule ${rule.id}: ${reason}`, `/rules/${index}/${field}`)
  }
  let atEnd: RegExp
  let whole: RegExp
  try {
    atEnd = new RegExp(`(?:${rule.pattern})$`, 'iu')
    whole = new RegExp(`^(?:${rule.pattern})$`, 'iu')
  } catch (err) {
    return refuse(`the pattern does not compile: ${(err as Error).message}`, 'pattern')
  }
  const fallback = rule.fallback === true
  if (fallback && (!rule.after || Object.keys(rule.after).length === 0)) refuse('a fallback rule needs `after` (where a name may start, and the confidence of each)', 'after')
  if (!fallback && rule.confidence === undefined) refuse('an exact rule needs a `confidence`', 'confidence')
  if (!fallback && rule.after) refuse('`after` is for fallback rules only', 'after')
  if (rule.city && rule.level === 'city') refuse('a city rule cannot imply a city', 'city')
  return {
    id: rule.id,
    level: rule.level,
    anchors: rule.anchors,
    fallback,
    atEnd,
    whole,
    maxLength: rule.maxLength ?? 12,
    upper: rule.canonical === 'upper',
    rename: rule.rename,
    city: rule.city,
    confidence: rule.confidence ?? 0,
    after: rule.after ?? {},
  }
}

export interface ExactMatch {
  start: number
  canonical: string
  impliedCity?: string
}

/** An exact rule's match ending at `end` (where its anchor ends), if any. */
export function matchExact(rule: CompiledRule, text: string, end: number): ExactMatch | undefined {
  const from = Math.max(0, end - rule.maxLength - LOOKBEHIND)
  const m = rule.atEnd.exec(text.slice(from, end))
  if (!m || m[0].length === 0 || m[0].length > rule.maxLength) return undefined
  const city = rule.city && fill(rule.city, m)
  return { start: from + m.index, canonical: canonicalOf(rule, m), impliedCity: city && (rule.upper ? city.toUpperCase() : city) }
}

/** A fallback rule's canonical name for `surface` (which starts at a candidate start and ends at the anchor), or undefined if the pattern does not match it whole. */
export function matchWhole(rule: CompiledRule, surface: string): string | undefined {
  const m = rule.whole.exec(surface)
  return m ? canonicalOf(rule, m) : undefined
}

function canonicalOf(rule: CompiledRule, m: RegExpExecArray): string {
  const name = rule.rename ? fill(rule.rename, m) : m[0]
  return rule.upper ? name.toUpperCase() : name
}

function fill(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '')
}
