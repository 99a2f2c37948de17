/** Limits of an explanation (`because`): at most 50 items, each at most 200 characters. */
export const MAX_BECAUSE = 50
export const MAX_BECAUSE_CHARS = 200

/** 文本为空: nothing to analyze. */
export const EMPTY_TEXT = '文本为空'
/** 无可识别的文字: only punctuation, symbols or emoji. */
export const NO_USABLE_TEXT = '无可识别的文字'

/** Collects explanation items: distinct, in order, cut to the limits. */
export class Because {
  private readonly items: string[] = []
  private readonly seen = new Set<string>()

  add(...items: readonly string[]): this {
    for (const raw of items) {
      if (this.items.length >= MAX_BECAUSE) break
      const item = raw.length > MAX_BECAUSE_CHARS ? `${raw.slice(0, MAX_BECAUSE_CHARS - 1)}…` : raw
      if (item.length === 0 || this.seen.has(item)) continue
      this.seen.add(item)
      this.items.push(item)
    }
    return this
  }

  get length(): number {
    return this.items.length
  }

  list(): string[] {
    return [...this.items]
  }
}

/** Rounds a score for display and output (3 decimals), clamped to 0..1. */
export function round01(x: number): number {
  if (!Number.isFinite(x)) return 0
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000
}

/** A score for an explanation: at most two decimals. */
export function fmt(x: number): string {
  return String(Math.round(x * 100) / 100)
}
