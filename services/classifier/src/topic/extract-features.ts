import type { FeatureConfig } from './feature-config.ts'
import { FNV_PRIME, KIND_SEED, fmix32, hashPair, hashString } from './hashing.ts'
import { segment } from './segment.ts'

/** Feature blocks: words from jieba, and character n-grams. */
export const BLOCK_WORD = 0
export const BLOCK_CHAR = 1
/** The first line (the subject 标题) again, in its own namespace. */
export const BLOCK_TITLE = 2
const TITLE_SEED = 0x5bd1e995

/**
 * The hashed term counts of one text. For each bucket, `origin*` says where
 * its first occurrence came from so that an explanation can show the words:
 * a word n-gram ends at token `originA` and spans `originB` tokens; a
 * character n-gram is `text.slice(originA, originB)`; in the title block a
 * word is token `originA` with `originB` = -1.
 */
export interface RawFeatures {
  text: string
  tokens: string[]
  idx: Int32Array
  count: Float32Array
  block: Uint8Array
  originA: Int32Array
  originB: Int32Array
}

/** 1 where a UTF-16 unit is a letter or digit (CJK ideographs included); punctuation, spaces and lone surrogates are 0. */
const CONTENT = (() => {
  const table = new Uint8Array(65536)
  const re = /^[\p{L}\p{N}]$/u
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue
    if (re.test(String.fromCharCode(c))) table[c] = 1
  }
  return table
})()

function hasContent(token: string): boolean {
  for (let i = 0; i < token.length; i++) if (CONTENT[token.charCodeAt(i)] === 1) return true
  return false
}

/** Turns normalized text into hashed counts. Holds scratch buffers: one extractor per thread of use. */
export class FeatureExtractor {
  readonly mask: number
  /**
   * Open-addressing map bucket → entry of this text, small enough to stay in
   * the CPU cache (a dense table of 2^bits slots would not).
   */
  private keys = new Int32Array(8192).fill(-1)
  private vals = new Int32Array(8192)
  private used = new Int32Array(4096)
  private size = 0
  private touched = new Int32Array(4096)
  private counts = new Float32Array(4096)
  private blocks = new Uint8Array(4096)
  private originsA = new Int32Array(4096)
  private originsB = new Int32Array(4096)

  constructor(readonly config: FeatureConfig) {
    if (config.bits < 8 || config.bits > 24) throw new RangeError(`bits must be 8..24, got ${config.bits}`)
    if (config.wordNgrams[1] > 2) throw new RangeError('word n-grams go up to bigrams')
    this.mask = (1 << config.bits) - 1
  }

  private grow(): void {
    const cap = this.touched.length * 2
    const more = <T extends Int32Array | Float32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b)
    this.touched = more(this.touched, new Int32Array(cap))
    this.counts = more(this.counts, new Float32Array(cap))
    this.blocks = more(this.blocks, new Uint8Array(cap))
    this.originsA = more(this.originsA, new Int32Array(cap))
    this.originsB = more(this.originsB, new Int32Array(cap))
    this.used = new Int32Array(cap)
    // Rehash into a table twice the entries' capacity.
    this.keys = new Int32Array(cap * 2).fill(-1)
    this.vals = new Int32Array(cap * 2)
    const hmask = this.keys.length - 1
    for (let j = 0; j < this.size; j++) {
      let h = this.touched[j]! & hmask
      while (this.keys[h] !== -1) h = (h + 1) & hmask
      this.keys[h] = this.touched[j]!
      this.vals[h] = j
      this.used[j] = h
    }
  }

  private add(hash: number, block: number, a: number, b: number): void {
    const bucket = fmix32(hash) & this.mask
    const { keys } = this
    const hmask = keys.length - 1
    let h = bucket & hmask
    for (let k = keys[h]!; k !== -1; k = keys[h]!) {
      if (k === bucket) {
        this.counts[this.vals[h]!]!++
        return
      }
      h = (h + 1) & hmask
    }
    if (this.size === this.touched.length) {
      this.grow()
      this.add(hash, block, a, b)
      return
    }
    const j = this.size++
    keys[h] = bucket
    this.vals[h] = j
    this.used[j] = h
    this.touched[j] = bucket
    this.counts[j] = 1
    this.blocks[j] = block
    this.originsA[j] = a
    this.originsB[j] = b
  }

  /** Counts of one normalized text (see normalizeText). */
  extract(text: string): RawFeatures {
    const { wordNgrams, charNgrams } = this.config
    let tokens: string[] = []
    const nl = this.config.titleWeight > 0 ? text.indexOf('\n') : -1
    const titleEnd = nl > 0 ? nl : 0
    if (wordNgrams[1] >= 1 && text.length > 0) {
      tokens = segment(text, this.config.segmentHmm)
      let prev = 0
      let havePrev = false
      let pos = 0
      for (let i = 0; i < tokens.length; i++) {
        const tok = tokens[i]!
        pos += tok.length
        if (!hasContent(tok)) {
          havePrev = false
          continue
        }
        const h = hashString(tok, KIND_SEED.word)
        if (wordNgrams[0] <= 1) this.add(h, BLOCK_WORD, i, 1)
        if (pos <= titleEnd) this.add(h ^ TITLE_SEED, BLOCK_TITLE, i, -1)
        if (wordNgrams[1] >= 2 && havePrev) this.add(hashPair(prev, h, KIND_SEED.wordBigram), BLOCK_WORD, i, 2)
        prev = h
        havePrev = true
      }
    }
    if (charNgrams[1] >= 1) {
      const lo = Math.max(charNgrams[0], 1)
      const hi = charNgrams[1]
      const n = text.length
      let start = 0
      while (start < n) {
        while (start < n && CONTENT[text.charCodeAt(start)] !== 1) start++
        let end = start
        while (end < n && CONTENT[text.charCodeAt(end)] === 1) end++
        for (let i = start; i < end; i++) {
          // FNV-1a extended one character at a time: the n-grams starting at i share the work.
          let h = KIND_SEED.char | 0
          const top = Math.min(hi, end - i)
          for (let k = 1; k <= top; k++) {
            h = Math.imul(h ^ text.charCodeAt(i + k - 1), FNV_PRIME)
            if (k < lo) continue
            this.add(h, BLOCK_CHAR, i, i + k)
            if (i + k <= titleEnd) this.add(h ^ TITLE_SEED, BLOCK_TITLE, i, i + k)
          }
        }
        start = end
      }
    }
    const m = this.size
    const out: RawFeatures = {
      text,
      tokens,
      idx: this.touched.slice(0, m),
      count: this.counts.slice(0, m),
      block: this.blocks.slice(0, m),
      originA: this.originsA.slice(0, m),
      originB: this.originsB.slice(0, m),
    }
    for (let j = 0; j < m; j++) this.keys[this.used[j]!] = -1
    this.size = 0
    return out
  }
}

/** The words or characters behind entry `j` of `raw`, as a person would read them. */
export function surfaceOf(raw: RawFeatures, j: number): string {
  const a = raw.originA[j]!
  const b = raw.originB[j]!
  if (raw.block[j] === BLOCK_TITLE) return b < 0 ? raw.tokens[a]! : raw.text.slice(a, b)
  if (raw.block[j] === BLOCK_CHAR) return raw.text.slice(a, b)
  if (b === 1) return raw.tokens[a]!
  const left = raw.tokens[a - 1]!
  const right = raw.tokens[a]!
  const ascii = /[a-z0-9]$/.test(left) && /^[a-z0-9]/.test(right)
  return ascii ? `${left} ${right}` : left + right
}

/**
 * The words (jieba tokens) behind entry `j`, for explanations a person reads
 * as words: a word n-gram gives its words; a character n-gram gives the
 * tokens it overlaps (区公 in A3区|公交车 gives both). `starts` holds each
 * token's offset in the text (see tokenStarts). Without tokens (no word
 * features) the character n-gram itself is returned.
 */
export function wordsOf(raw: RawFeatures, j: number, starts: Int32Array): string[] {
  const a = raw.originA[j]!
  const b = raw.originB[j]!
  const isChar = raw.block[j] === BLOCK_CHAR || (raw.block[j] === BLOCK_TITLE && b >= 0)
  if (!isChar) return [surfaceOf(raw, j)]
  if (raw.tokens.length === 0) return [raw.text.slice(a, b)]
  // the token containing offset a: the last start <= a
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= a) lo = mid
    else hi = mid - 1
  }
  const out: string[] = []
  for (let t = lo; t < raw.tokens.length && starts[t]! < b; t++) out.push(raw.tokens[t]!)
  return out
}

/** Offsets of the tokens in the text (jieba's tokens concatenate back to the text). */
export function tokenStarts(tokens: readonly string[]): Int32Array {
  const starts = new Int32Array(tokens.length)
  let p = 0
  for (let i = 0; i < tokens.length; i++) {
    starts[i] = p
    p += tokens[i]!.length
  }
  return starts
}
