import { Matcher, type Hit } from './matcher.ts'

/** A word found in the text. */
export interface Occ {
  start: number
  end: number
  text: string
}

/** The occurrences of each slot (a list of words) of one rule file, for one text. */
export type Bucket = (Occ[] | undefined)[]

/**
 * The words of one rule file, grouped in slots (a signal's word group, a
 * context rule's cues …). All files' lexicons share one Matcher: the text is
 * scanned once, and each lexicon picks its own words out of the hits.
 *
 * Masks are a file's false friends (火锅 for 大火, 没有电梯 for 没有电): a
 * word of the same file that overlaps a mask in the text is ignored, unless
 * the word contains the whole mask (打不着火 is not hidden by 打不着).
 */
export class Lexicon {
  private readonly slotWords: string[][] = []
  private readonly maskWords: string[] = []
  private slotsOf: (number[] | undefined)[] = []
  private isMask = new Uint8Array(0)
  private buffer: Bucket = []
  private readonly touched: number[] = []

  /** A new slot collecting these words; returns its number. */
  slot(words: readonly string[]): number {
    this.slotWords.push([...words])
    return this.slotWords.length - 1
  }

  masks(words: readonly string[]): void {
    this.maskWords.push(...words)
  }

  get size(): number {
    return this.slotWords.length
  }

  /** Every word this lexicon needs the matcher to find. */
  *allWords(): Iterable<string> {
    for (const ws of this.slotWords) yield* ws
    yield* this.maskWords
  }

  /** Resolves words to the shared matcher's ids; call once, after the matcher is built. */
  bind(matcher: Matcher): void {
    this.slotsOf = new Array(matcher.words.length)
    this.isMask = new Uint8Array(matcher.words.length)
    this.slotWords.forEach((ws, slot) => {
      for (const w of ws) {
        const id = matcher.idOf(w)
        const list = (this.slotsOf[id] ??= [])
        if (!list.includes(slot)) list.push(slot)
      }
    })
    for (const w of this.maskWords) this.isMask[matcher.idOf(w)] = 1
    this.buffer = new Array<Occ[] | undefined>(this.slotWords.length).fill(undefined)
  }

  /**
   * Sorts the hits by start (longest first) in place, and returns their
   * occurrences (shared by all lexicons of one text): collecting them in this
   * order gives every slot its occurrences in text order.
   */
  static occurrences(hits: Hit[], words: readonly string[]): Occ[] {
    hits.sort(byStartHit)
    return hits.map((h) => ({ start: h.start, end: h.end, text: words[h.word]! }))
  }

  /**
   * This lexicon's occurrences, per slot, masked words left out. `hits` are
   * sorted by Lexicon.occurrences, and `occs[i]` is hit i, so every slot lists
   * its occurrences in text order. The bucket is reused by the next call: use
   * it before collecting again (analysis is synchronous, so it is).
   */
  collect(hits: readonly Hit[], occs: readonly Occ[]): Bucket {
    let masks: Hit[] | undefined
    for (const h of hits) if (this.isMask[h.word] === 1) (masks ??= []).push(h)
    const out = this.buffer
    for (const s of this.touched) out[s] = undefined
    const touched = this.touched
    touched.length = 0
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i]!
      const slots = this.slotsOf[h.word]
      if (slots === undefined) continue
      if (masks !== undefined && isHidden(masks, h)) continue
      const occ = occs[i]!
      for (const s of slots) {
        const list = out[s]
        if (list === undefined) {
          out[s] = [occ]
          touched.push(s)
        } else list.push(occ)
      }
    }
    return out
  }
}

function byStartHit(a: Hit, b: Hit): number {
  return a.start - b.start || b.end - a.end
}

/** Whether a mask occurrence hides word occurrence h: they overlap and the mask is not inside h. */
function isHidden(masks: readonly Hit[], h: Hit): boolean {
  for (const m of masks) if (m.start < h.end && h.start < m.end && !(m.start >= h.start && m.end <= h.end)) return true
  return false
}

/** Builds the one matcher over the lexicons' words and binds them to it. */
export function bindLexicons(lexicons: readonly Lexicon[]): Matcher {
  const words = new Set<string>()
  for (const l of lexicons) for (const w of l.allWords()) words.add(w)
  const matcher = new Matcher(words)
  for (const l of lexicons) l.bind(matcher)
  return matcher
}
