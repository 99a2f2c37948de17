/**
 * The numbers of a trained model in one interleaved int16 table: for each
 * hash bucket its IDF, then one weight per label (stride = labels + 1). One
 * bucket's numbers share a cache line, so a feature costs one memory read;
 * 2^20 buckets × 8 × 2 bytes = 16 MB for seven labels.
 */
export interface ScoringTable {
  classes: number
  bits: number
  cells: Int16Array
  /** idf = cell × idfScale; 0 = bucket dropped (below min-df). */
  idfScale: number
  /** weight of label k = cell × weightScales[k]. */
  weightScales: number[]
  bias: number[]
}

const Q = 32767

/** Rounds IDF values in place to the int16 grid the table keeps and returns the scale. */
export function quantizeIdf(idf: Float32Array): number {
  let max = 0
  for (let b = 0; b < idf.length; b++) if (idf[b]! > max) max = idf[b]!
  const scale = Math.fround(max > 0 ? max / Q : 1)
  for (let b = 0; b < idf.length; b++) idf[b] = Math.round(idf[b]! / scale) * scale
  return scale
}

/** Builds the table from dense IDF (already quantized) and float weights (row-major by bucket). */
export function buildTable(idf: Float32Array, idfScale: number, W: Float32Array, bias: ArrayLike<number>, classes: number, bits: number): ScoringTable {
  const dim = 1 << bits
  const S = classes + 1
  const weightScales = new Array<number>(classes).fill(0)
  for (let i = 0; i < W.length; i++) {
    const k = i % classes
    const a = Math.abs(W[i]!)
    if (a > weightScales[k]!) weightScales[k] = a
  }
  for (let k = 0; k < classes; k++) weightScales[k] = Math.fround(weightScales[k]! > 0 ? weightScales[k]! / Q : 1)
  const cells = new Int16Array(dim * S)
  for (let b = 0; b < dim; b++) {
    const q = Math.round(idf[b]! / idfScale)
    if (q === 0) continue
    cells[b * S] = q
    for (let k = 0; k < classes; k++) cells[b * S + 1 + k] = Math.round(W[b * classes + k]! / weightScales[k]!)
  }
  return { classes, bits, cells, idfScale, weightScales, bias: Array.from(bias, (x) => Math.fround(x)) }
}

/** Buckets with a non-zero IDF: the ones an artifact stores. */
export function activeBuckets(t: ScoringTable): Uint32Array {
  const S = t.classes + 1
  const out: number[] = []
  for (let b = 0, n = t.cells.length / S; b < n; b++) if (t.cells[b * S] !== 0) out.push(b)
  return Uint32Array.from(out)
}
