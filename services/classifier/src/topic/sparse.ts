/** A sparse vector: bucket indices and their values (same length, no duplicates). */
export interface SparseVector {
  idx: Int32Array
  val: Float32Array
}

export function squaredNorm(v: SparseVector): number {
  let s = 0
  for (let i = 0; i < v.val.length; i++) s += v.val[i]! * v.val[i]!
  return s
}
