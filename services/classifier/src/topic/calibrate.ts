/** Softmax of `scores · temperature` into `out` (probabilities). */
export function softmaxInto(scores: ArrayLike<number>, temperature: number, out: Float64Array): Float64Array {
  let max = -Infinity
  for (let k = 0; k < out.length; k++) max = Math.max(max, scores[k]! * temperature)
  let z = 0
  for (let k = 0; k < out.length; k++) z += out[k] = Math.exp(scores[k]! * temperature - max)
  for (let k = 0; k < out.length; k++) out[k] = out[k]! / z
  return out
}

/**
 * The temperature that makes softmax(T · scores) best fit the gold labels
 * (mean negative log-likelihood, golden-section search over ln T). The
 * argmax is unchanged; only the confidences move.
 */
export function fitTemperature(scores: readonly Float64Array[], gold: readonly number[]): number {
  if (scores.length === 0) return 1
  const K = scores[0]!.length
  const p = new Float64Array(K)
  const nll = (logT: number) => {
    const T = Math.exp(logT)
    let s = 0
    for (let i = 0; i < scores.length; i++) s -= Math.log(Math.max(softmaxInto(scores[i]!, T, p)[gold[i]!]!, 1e-300))
    return s / scores.length
  }
  let lo = -5
  let hi = 6
  const g = (Math.sqrt(5) - 1) / 2
  let a = hi - g * (hi - lo)
  let b = lo + g * (hi - lo)
  let fa = nll(a)
  let fb = nll(b)
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b
      b = a
      fb = fa
      a = hi - g * (hi - lo)
      fa = nll(a)
    } else {
      lo = a
      a = b
      fa = fb
      b = lo + g * (hi - lo)
      fb = nll(b)
    }
  }
  return Math.exp((lo + hi) / 2)
}
