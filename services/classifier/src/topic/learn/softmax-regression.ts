import { mulberry32, range, shuffle } from './random.ts'
import { classWeights, type LinearWeights, type TrainingSet } from './types.ts'

export interface SoftmaxParams {
  kind: 'logreg'
  /** L2 strength per update on the features an example touches (lazy regularization). */
  l2: number
  /** AdaGrad base step. */
  learningRate: number
  epochs: number
  balanced: boolean
  seed: number
}

/** Multinomial logistic regression trained by per-example AdaGrad. */
export function trainSoftmax(data: TrainingSet, p: SoftmaxParams): LinearWeights {
  const { X, y, classes: K, dim } = data
  const n = X.length
  const cw = classWeights(y, K, p.balanced)
  const W = new Float32Array(dim * K)
  const G = new Float32Array(dim * K)
  const bias = new Float32Array(K)
  const Gb = new Float64Array(K)
  const scores = new Float64Array(K)
  const grad = new Float64Array(K)
  const rand = mulberry32(p.seed)
  const order = range(n)
  const lr = p.learningRate
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    shuffle(order, rand)
    for (let t = 0; t < n; t++) {
      const i = order[t]!
      const x = X[i]!
      for (let k = 0; k < K; k++) scores[k] = bias[k]!
      for (let j = 0; j < x.idx.length; j++) {
        const row = x.idx[j]! * K
        const v = x.val[j]!
        for (let k = 0; k < K; k++) scores[k]! += v * W[row + k]!
      }
      let max = -Infinity
      for (let k = 0; k < K; k++) if (scores[k]! > max) max = scores[k]!
      let z = 0
      for (let k = 0; k < K; k++) z += scores[k] = Math.exp(scores[k]! - max)
      const s = cw[y[i]!]! * data.weight[i]!
      for (let k = 0; k < K; k++) grad[k] = s * (scores[k]! / z - (y[i] === k ? 1 : 0))
      for (let j = 0; j < x.idx.length; j++) {
        const row = x.idx[j]! * K
        const v = x.val[j]!
        for (let k = 0; k < K; k++) {
          const g = grad[k]! * v + p.l2 * W[row + k]!
          const acc = (G[row + k] = G[row + k]! + g * g)
          W[row + k] = W[row + k]! - (lr * g) / Math.sqrt(acc + 1e-8)
        }
      }
      for (let k = 0; k < K; k++) {
        Gb[k]! += grad[k]! * grad[k]!
        bias[k] = bias[k]! - (lr * grad[k]!) / Math.sqrt(Gb[k]! + 1e-8)
      }
    }
  }
  return { dim, classes: K, W, bias }
}
