/**
 * A small Aho–Corasick automaton (多模式匹配) over UTF-16 code units: one
 * pass over a text finds every occurrence of every word, overlaps included.
 *
 * Code units outside the words' alphabet reset the automaton to the root
 * without a lookup, which is most of a Chinese text's characters; the others
 * cost one Map lookup each (plus the failure links taken).
 */
export class AhoCorasick {
  /** Code unit → symbol (1-based); 0 = in no word. */
  private readonly symbolOf = new Uint16Array(65536)
  private readonly symbols: number
  /** Transitions while building, keyed by state * symbols + symbol. */
  private readonly next = new Map<number, number>()
  /** The same transitions in an open-addressing table (keys + 1, 0 = empty), faster to look up than the Map. */
  private readonly keys: Int32Array
  private readonly values: Int32Array
  private readonly mask: number
  /** Transitions from the root, by symbol (0 = stay at the root). */
  private readonly rootNext: Int32Array
  private readonly fail: Int32Array
  /** Per state, the ids of the words that end there (its own and through failure links), or undefined. */
  private readonly out: (number[] | undefined)[]
  /** Length of each word, by id. */
  readonly lengths: Int32Array

  /** Word ids are the words' indices; duplicates and empty words are not allowed. */
  constructor(words: readonly string[]) {
    let symbols = 0
    for (const w of words) {
      if (w.length === 0) throw new Error('AhoCorasick: empty word')
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i)
        if (this.symbolOf[c] === 0) this.symbolOf[c] = ++symbols
      }
    }
    if (symbols >= 65535) throw new Error('AhoCorasick: alphabet too large')
    this.symbols = symbols + 1
    this.lengths = Int32Array.from(words, (w) => w.length)

    // The trie.
    const outs: (number[] | undefined)[] = [undefined]
    let states = 1
    words.forEach((w, id) => {
      let s = 0
      for (let i = 0; i < w.length; i++) {
        const key = s * this.symbols + this.symbolOf[w.charCodeAt(i)]!
        let t = this.next.get(key)
        if (t === undefined) {
          t = states++
          this.next.set(key, t)
          outs.push(undefined)
        }
        s = t
      }
      if (outs[s]) throw new Error(`AhoCorasick: duplicate word ${w}`)
      outs[s] = [id]
    })

    // Failure links, breadth first.
    this.fail = new Int32Array(states)
    this.rootNext = new Int32Array(this.symbols)
    const children: [number, number][][] = Array.from({ length: states }, () => [])
    for (const [key, t] of this.next) {
      const s = Math.floor(key / this.symbols)
      children[s]!.push([key % this.symbols, t])
    }
    const queue: number[] = []
    for (const [sym, t] of children[0]!) {
      this.rootNext[sym] = t
      queue.push(t)
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!
      for (const [sym, t] of children[s]!) {
        let f = this.fail[s]!
        while (f !== 0 && !this.next.has(f * this.symbols + sym)) f = this.fail[f]!
        const ft = f === 0 ? this.rootNext[sym]! : this.next.get(f * this.symbols + sym)!
        this.fail[t] = ft === t ? 0 : ft
        const inherited = outs[this.fail[t]!]
        if (inherited) outs[t] = outs[t] ? [...outs[t]!, ...inherited] : inherited
        queue.push(t)
      }
    }
    this.out = outs

    let size = 16
    while (size < this.next.size * 2) size *= 2
    this.mask = size - 1
    this.keys = new Int32Array(size)
    this.values = new Int32Array(size)
    for (const [key, t] of this.next) {
      let h = hash(key) & this.mask
      while (this.keys[h] !== 0) h = (h + 1) & this.mask
      this.keys[h] = key + 1
      this.values[h] = t
    }
  }

  /** The transition from `s` (not the root) on `sym`, or -1. */
  private step(s: number, sym: number): number {
    const key = s * this.symbols + sym + 1
    let h = hash(key - 1) & this.mask
    for (;;) {
      const k = this.keys[h]!
      if (k === key) return this.values[h]!
      if (k === 0) return -1
      h = (h + 1) & this.mask
    }
  }

  /**
   * Every occurrence, in order of its end, as pairs in `out`: word id, end
   * (the start is end - lengths[id]). A flat array and no callback: this is
   * the hot loop.
   */
  scan(text: string, out: number[] = []): number[] {
    const { symbolOf, rootNext, fail } = this
    const outputs = this.out
    let s = 0
    for (let i = 0; i < text.length; i++) {
      const sym = symbolOf[text.charCodeAt(i)]!
      if (sym === 0) {
        s = 0
        continue
      }
      for (;;) {
        if (s === 0) {
          s = rootNext[sym]!
          break
        }
        const t = this.step(s, sym)
        if (t !== -1) {
          s = t
          break
        }
        s = fail[s]!
      }
      const ids = outputs[s]
      if (ids) for (let k = 0; k < ids.length; k++) out.push(ids[k]!, i + 1)
    }
    return out
  }
}

function hash(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 7
}
