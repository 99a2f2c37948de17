/**
 * One Aho–Corasick automaton over every word of every rule file: a single
 * pass over the text finds all occurrences of all words (overlapping ones
 * included), in time linear in the text plus the number of hits.
 *
 * Words are matched on UTF-16 code units, so supplementary-plane characters
 * work (as two units) without special cases. A word that starts or ends with
 * an ASCII letter or digit (119, 110, wifi) only matches at a boundary, so
 * that 120 does not fire inside 1200元.
 */

/** One occurrence: text.slice(start, end) === words[word]. */
export interface Hit {
  start: number
  end: number
  /** Index into the matcher's word list. */
  word: number
}

const ALNUM = /[a-z0-9]/

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
}

/**
 * The trie's edges, (state, code unit) → next state, in one open-addressing
 * hash table of typed arrays: faster than a Map on the hot path.
 */
class EdgeTable {
  private readonly mask: number
  private readonly from: Int32Array
  private readonly code: Uint16Array
  private readonly to: Int32Array

  constructor(edges: readonly (readonly [number, number, number])[]) {
    let size = 16
    while (size < edges.length * 2) size <<= 1
    this.mask = size - 1
    this.from = new Int32Array(size).fill(-1)
    this.code = new Uint16Array(size)
    this.to = new Int32Array(size)
    for (const [s, c, t] of edges) {
      let i = this.slot(s, c)
      while (this.from[i] !== -1) i = (i + 1) & this.mask
      this.from[i] = s
      this.code[i] = c
      this.to[i] = t
    }
  }

  private slot(s: number, c: number): number {
    return (Math.imul(s, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) >>> 0 & this.mask
  }

  /** The next state, or 0 when there is no edge. */
  get(s: number, c: number): number {
    let i = this.slot(s, c)
    for (;;) {
      const f = this.from[i]!
      if (f === -1) return 0
      if (f === s && this.code[i] === c) return this.to[i]!
      i = (i + 1) & this.mask
    }
  }
}

export class Matcher {
  /** The distinct words, in the order they were first given. */
  readonly words: readonly string[]
  private readonly index = new Map<string, number>()
  private readonly edges: EdgeTable
  /** Next state from the root for each code unit (0 = stay at the root): the hot path. */
  private readonly rootNext = new Int32Array(65536)
  private readonly fail: Int32Array
  /** Words that end at each state, own and inherited through failure links. */
  private readonly outputs: (number[] | undefined)[]
  private readonly length: Int32Array
  private readonly boundaryStart: Uint8Array
  private readonly boundaryEnd: Uint8Array

  constructor(words: Iterable<string>) {
    const list: string[] = []
    for (const w of words) {
      if (w.length === 0 || this.index.has(w)) continue
      this.index.set(w, list.length)
      list.push(w)
    }
    this.words = list
    this.length = Int32Array.from(list, (w) => w.length)
    this.boundaryStart = Uint8Array.from(list, (w) => (ALNUM.test(w[0]!) ? 1 : 0))
    this.boundaryEnd = Uint8Array.from(list, (w) => (ALNUM.test(w[w.length - 1]!) ? 1 : 0))

    // The trie.
    const children: [number, number][][] = [[]]
    const own: (number[] | undefined)[] = [undefined]
    const trie = new Map<number, number>()
    list.forEach((w, id) => {
      let s = 0
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i)
        const key = s * 65536 + c
        let next = trie.get(key)
        if (next === undefined) {
          next = children.length
          children.push([])
          own.push(undefined)
          trie.set(key, next)
          children[s]!.push([c, next])
        }
        s = next
      }
      ;(own[s] ??= []).push(id)
    })
    for (const [c, t] of children[0]!) this.rootNext[c] = t
    this.edges = new EdgeTable(children.flatMap((list, s) => (s === 0 ? [] : list.map(([c, t]) => [s, c, t] as const))))

    // Failure links, breadth first; outputs inherit the failure state's outputs.
    this.fail = new Int32Array(children.length)
    this.outputs = own
    const queue: number[] = children[0]!.map(([, t]) => t)
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!
      const inherited = this.outputs[this.fail[s]!]
      if (inherited) this.outputs[s] = [...(this.outputs[s] ?? []), ...inherited]
      for (const [c, t] of children[s]!) {
        let f = this.fail[s]!
        let target = 0
        for (;;) {
          const next = f === 0 ? this.rootNext[c]! : this.edges.get(f, c)
          if (next !== 0 && next !== t) {
            target = next
            break
          }
          if (f === 0) break
          f = this.fail[f]!
        }
        this.fail[t] = target
        queue.push(t)
      }
    }
  }

  /** The id of a word, or -1. */
  idOf(word: string): number {
    return this.index.get(word) ?? -1
  }

  /** Every occurrence of every word, ordered by end position (then longest first). */
  search(text: string): Hit[] {
    const hits: Hit[] = []
    let s = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      for (;;) {
        if (s === 0) {
          s = this.rootNext[c]!
          break
        }
        const next = this.edges.get(s, c)
        if (next !== 0) {
          s = next
          break
        }
        s = this.fail[s]!
      }
      const out = this.outputs[s]
      if (out === undefined) continue
      for (let k = 0; k < out.length; k++) {
        const id = out[k]!
        const start = i + 1 - this.length[id]!
        if (this.boundaryStart[id] === 1 && start > 0 && isAlnumCode(text.charCodeAt(start - 1))) continue
        if (this.boundaryEnd[id] === 1 && i + 1 < text.length && isAlnumCode(text.charCodeAt(i + 1))) continue
        hits.push({ start, end: i + 1, word: id })
      }
    }
    return hits
  }
}
