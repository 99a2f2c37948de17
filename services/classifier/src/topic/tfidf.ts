import type { FeatureConfig } from './feature-config.ts'
import type { RawFeatures } from './extract-features.ts'
import type { SparseVector } from './sparse.ts'

/**
 * Smoothed inverse document frequency per bucket, ln((1+N)/(1+df)) + 1;
 * 0 for buckets seen in fewer than minDf documents (they are dropped).
 */
export function computeIdf(docs: readonly RawFeatures[], bits: number, minDf: number): Float32Array {
  const df = new Int32Array(1 << bits)
  for (const d of docs) for (let j = 0; j < d.idx.length; j++) df[d.idx[j]!]!++
  const n = docs.length
  const idf = new Float32Array(1 << bits)
  for (let b = 0; b < df.length; b++) {
    const f = df[b]!
    if (f >= minDf && f > 0) idf[b] = Math.log((1 + n) / (1 + f)) + 1
  }
  return idf
}

/** The weighted vector and, per entry, its position in the raw features (for explanations). */
export interface Weighted {
  vec: SparseVector
  rawPos: Int32Array
}

/**
 * TF-IDF with each block (words, characters, title) L2-normalized and scaled by its
 * weight, then the whole vector L2-normalized.
 */
export function weigh(raw: RawFeatures, idf: Float32Array, config: FeatureConfig): Weighted {
  const m = raw.idx.length
  const val = new Float32Array(m)
  const keep = new Int32Array(m)
  const blockSq = [0, 0, 0]
  let k = 0
  for (let j = 0; j < m; j++) {
    const w = idf[raw.idx[j]!]!
    if (w === 0) continue
    const c = raw.count[j]!
    const v = Math.fround((config.sublinearTf ? 1 + Math.log(c) : c) * w)
    val[k] = v
    keep[k] = j
    blockSq[raw.block[j]!]! += v * v
    k++
  }
  const scale = [
    blockSq[0]! > 0 ? config.wordWeight / Math.sqrt(blockSq[0]!) : 0,
    blockSq[1]! > 0 ? config.charWeight / Math.sqrt(blockSq[1]!) : 0,
    blockSq[2]! > 0 ? config.titleWeight / Math.sqrt(blockSq[2]!) : 0,
  ]
  let total = 0
  for (let i = 0; i < k; i++) {
    const v = Math.fround(val[i]! * scale[raw.block[keep[i]!]!]!)
    val[i] = v
    total += v * v
  }
  const norm = total > 0 ? 1 / Math.sqrt(total) : 0
  const idx = new Int32Array(k)
  for (let i = 0; i < k; i++) {
    val[i] = val[i]! * norm
    idx[i] = raw.idx[keep[i]!]!
  }
  return { vec: { idx, val: val.slice(0, k) }, rawPos: keep.slice(0, k) }
}
