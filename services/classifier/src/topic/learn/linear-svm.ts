import { squaredNorm } from '../sparse.ts'
import { mulberry32, range, shuffle } from './random.ts'
import { classWeights, type LinearWeights, type TrainingSet } from './types.ts'

export interface LinearSvmParams {
  kind: 'svm'
  /** Cost of a margin violation (larger = less regularization). */
  C: number
  /** 'l2' = squared hinge (liblinear -s 1), 'l1' = hinge (-s 3). */
  loss: 'l1' | 'l2'
  /** Weigh classes by n / (K · n_k). */
  balanced: boolean
  /**
   * NBSVM (Wang & Manning, 2012): scale each feature by its naive Bayes
   * log-count ratio for the class, smoothed by this alpha; 0 = off.
   */
  nbAlpha?: number
  maxEpochs: number
  /** Stop when the projected-gradient spread falls below this. */
  eps: number
  seed: number
}

/**
 * One-vs-rest linear SVM trained by dual coordinate descent (Hsieh et al.,
 * ICML 2008, the algorithm of liblinear). The bias is an extra feature of
 * value 1 and is regularized like the others, as in liblinear.
 */
export function trainLinearSvm(data: TrainingSet, p: LinearSvmParams): LinearWeights {
  const { X, y, classes: K, dim } = data
  const n = X.length
  const cw = classWeights(y, K, p.balanced)
  const W = new Float32Array(dim * K)
  const bias = new Float32Array(K)
  const sq = new Float64Array(n)
  for (let i = 0; i < n; i++) sq[i] = squaredNorm(X[i]!) + 1
  const nbAlpha = p.nbAlpha ?? 0
  const r = nbAlpha > 0 ? new Float64Array(dim) : undefined
  const w = new Float64Array(dim)
  const alpha = new Float64Array(n)
  const rand = mulberry32(p.seed)
  const order = range(n)
  for (let k = 0; k < K; k++) {
    w.fill(0)
    alpha.fill(0)
    let b = 0
    if (r) {
      logCountRatio(data, k, nbAlpha, r)
      for (let i = 0; i < n; i++) {
        const x = X[i]!
        let q = 1
        for (let j = 0; j < x.idx.length; j++) q += (x.val[j]! * r[x.idx[j]!]!) ** 2
        sq[i] = q
      }
    }
    const upper = new Float64Array(n)
    const diag = new Float64Array(n)
    const qd = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const Ci = p.C * cw[y[i]!]! * data.weight[i]!
      upper[i] = p.loss === 'l1' ? Ci : Infinity
      diag[i] = p.loss === 'l1' ? 0 : 0.5 / Ci
      qd[i] = sq[i]! + diag[i]!
    }
    for (let epoch = 0; epoch < p.maxEpochs; epoch++) {
      shuffle(order, rand)
      let maxPG = -Infinity
      let minPG = Infinity
      for (let t = 0; t < n; t++) {
        const i = order[t]!
        const x = X[i]!
        const yi = y[i] === k ? 1 : -1
        let dot = b
        if (r) for (let j = 0; j < x.idx.length; j++) dot += w[x.idx[j]!]! * x.val[j]! * r[x.idx[j]!]!
        else for (let j = 0; j < x.idx.length; j++) dot += w[x.idx[j]!]! * x.val[j]!
        const a = alpha[i]!
        const G = yi * dot - 1 + diag[i]! * a
        let PG = G
        if (a === 0) PG = Math.min(G, 0)
        else if (a === upper[i]) PG = Math.max(G, 0)
        if (PG > maxPG) maxPG = PG
        if (PG < minPG) minPG = PG
        if (Math.abs(PG) > 1e-12) {
          const na = Math.min(Math.max(a - G / qd[i]!, 0), upper[i]!)
          const d = (na - a) * yi
          alpha[i] = na
          if (r) for (let j = 0; j < x.idx.length; j++) w[x.idx[j]!]! += d * x.val[j]! * r[x.idx[j]!]!
          else for (let j = 0; j < x.idx.length; j++) w[x.idx[j]!]! += d * x.val[j]!
          b += d
        }
      }
      if (maxPG - minPG <= p.eps) break
    }
    for (let j = 0; j < dim; j++) W[j * K + k] = r ? w[j]! * r[j]! : w[j]!
    bias[k] = b
  }
  return { dim, classes: K, W, bias }
}

/** r_j = ln((p_j / |p|₁) / (q_j / |q|₁)), p = α + Σ_{class k} x, q = α + Σ_{other} x, over the buckets seen. */
function logCountRatio(data: TrainingSet, k: number, alpha: number, r: Float64Array): void {
  const pos = new Float64Array(r.length)
  const neg = new Float64Array(r.length)
  const seen = new Uint8Array(r.length)
  for (let i = 0; i < data.X.length; i++) {
    const x = data.X[i]!
    const into = data.y[i] === k ? pos : neg
    for (let j = 0; j < x.idx.length; j++) {
      into[x.idx[j]!]! += x.val[j]!
      seen[x.idx[j]!] = 1
    }
  }
  let sp = 0
  let sn = 0
  for (let j = 0; j < r.length; j++) {
    if (!seen[j]) continue
    sp += pos[j]! + alpha
    sn += neg[j]! + alpha
  }
  for (let j = 0; j < r.length; j++) r[j] = seen[j] ? Math.log((pos[j]! + alpha) / sp / ((neg[j]! + alpha) / sn)) : 0
}
