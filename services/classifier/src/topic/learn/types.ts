import type { SparseVector } from '../sparse.ts'

/** Labelled vectors for a learner. `y` holds class indices; `weight` scales each example's loss. */
export interface TrainingSet {
  X: readonly SparseVector[]
  y: Int32Array
  weight: Float32Array
  classes: number
  dim: number
}

/** A linear scorer: score_k(x) = bias_k + Σ_j x_j · W[j·classes + k]. */
export interface LinearWeights {
  dim: number
  classes: number
  W: Float32Array
  bias: Float32Array
}

/** The per-class scores of a vector. */
export function scoreInto(w: LinearWeights, x: SparseVector, out: Float64Array): Float64Array {
  const K = w.classes
  for (let k = 0; k < K; k++) out[k] = w.bias[k]!
  const { W } = w
  for (let i = 0; i < x.idx.length; i++) {
    const v = x.val[i]!
    const row = x.idx[i]! * K
    for (let k = 0; k < K; k++) out[k]! += v * W[row + k]!
  }
  return out
}

/** Class weights n / (K · n_k) ('balanced'), or all 1. */
export function classWeights(y: Int32Array, classes: number, balanced: boolean): Float64Array {
  const w = new Float64Array(classes).fill(1)
  if (!balanced) return w
  const n = new Float64Array(classes)
  for (const c of y) n[c]!++
  for (let k = 0; k < classes; k++) w[k] = n[k]! > 0 ? y.length / (classes * n[k]!) : 1
  return w
}
