import type { Scope } from './schema.ts'

/**
 * Clause and sentence numbers of every position of a normalized text, so
 * that a context rule can ask "is this cue in the same clause as that word?"
 * in constant time. After normalization full-width punctuation is ASCII
 * (，→ , ！→ ! ？→ ?), but 。、… stay as they are. The punctuation mark
 * belongs to the clause it ends.
 */

const NONE = 0
const CLAUSE = 1
const SENTENCE = 2

/** What each UTF-16 code unit ends: nothing, a clause or a sentence. */
const MARK = new Uint8Array(65536)
// 。 ! ? line break … and the full-width ！？ (in case the text was not normalized)
for (const c of [0x3002, 0x21, 0x3f, 0x0a, 0x2026, 0xff01, 0xff1f]) MARK[c] = SENTENCE
// , ; : and the full-width ，；：
for (const c of [0x2c, 0x3b, 0x3a, 0xff0c, 0xff1b, 0xff1a]) MARK[c] = CLAUSE

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

export class Layout {
  private readonly clause: Uint16Array | Uint32Array
  private readonly sentence: Uint16Array | Uint32Array
  /** The first line, when the text has more than one (the subject of a web message); 0 otherwise. */
  readonly titleEnd: number

  constructor(readonly text: string) {
    const n = text.length
    this.clause = n < 65536 ? new Uint16Array(n) : new Uint32Array(n)
    this.sentence = n < 65536 ? new Uint16Array(n) : new Uint32Array(n)
    let c = 0
    let s = 0
    let title = 0
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i)
      this.clause[i] = c
      this.sentence[i] = s
      let mark = MARK[code]!
      if (mark === NONE && code !== 0x2e) continue
      // A full stop is one, unless it is a decimal point (3.5米).
      if (code === 0x2e) mark = isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)) ? NONE : SENTENCE
      if (code === 0x0a && title === 0) title = i
      if (mark === SENTENCE) {
        c++
        s++
      } else if (mark === CLAUSE) c++
    }
    this.titleEnd = title
  }

  /** Whether positions a and b are in the same clause (or sentence; any two are in the same text). */
  same(scope: Scope, a: number, b: number): boolean {
    if (scope === 'text') return true
    const ids = scope === 'clause' ? this.clause : this.sentence
    return ids[a] === ids[b]
  }
}
