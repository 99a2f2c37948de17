import type { LinearWeights, TrainingSet } from './types.ts'

export interface NaiveBayesParams {
  kind: 'nb'
  /** 'multinomial' or 'complement' (Rennie et al., 2003). */
  variant: 'multinomial' | 'complement'
  /** Additive smoothing. */
  alpha: number
}

/**
 * Naive Bayes over the (weighted) feature values, as a linear scorer: the
 * baseline the linear models must beat. Only buckets that occur in training
 * count towards the smoothing vocabulary.
 */
export function trainNaiveBayes(data: TrainingSet, p: NaiveBayesParams): LinearWeights {
  const { X, y, classes: K, dim } = data
  const counts = new Float64Array(dim * K)
  const totals = new Float64Array(K)
  const docs = new Float64Array(K)
  const seen = new Uint8Array(dim)
  for (let i = 0; i < X.length; i++) {
    const x = X[i]!
    const k = y[i]!
    const s = data.weight[i]!
    docs[k]! += s
    for (let j = 0; j < x.idx.length; j++) {
      const b = x.idx[j]!
      counts[b * K + k]! += s * x.val[j]!
      totals[k]! += s * x.val[j]!
      seen[b] = 1
    }
  }
  let vocab = 0
  for (let b = 0; b < dim; b++) vocab += seen[b]!
  const W = new Float32Array(dim * K)
  const bias = new Float32Array(K)
  const n = X.length
  let all = 0
  for (let k = 0; k < K; k++) all += totals[k]!
  for (let k = 0; k < K; k++) bias[k] = p.variant === 'multinomial' ? Math.log((docs[k]! + 1) / (n + K)) : 0
  for (let b = 0; b < dim; b++) {
    if (!seen[b]) continue
    let rowSum = 0
    for (let k = 0; k < K; k++) rowSum += counts[b * K + k]!
    for (let k = 0; k < K; k++) {
      const c = counts[b * K + k]!
      W[b * K + k] =
        p.variant === 'multinomial'
          ? Math.log((p.alpha + c) / (p.alpha * vocab + totals[k]!))
          : -Math.log((p.alpha + rowSum - c) / (p.alpha * vocab + all - totals[k]!))
    }
  }
  return { dim, classes: K, W, bias }
}
