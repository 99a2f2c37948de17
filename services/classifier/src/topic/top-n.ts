/**
 * The indices of the `n` largest positive values (in no particular order),
 * by a bounded min-heap: O(m log n), and most values are rejected by one
 * comparison with the heap's root.
 */
export function topPositive(values: ArrayLike<number>, count: number, n: number): Int32Array {
  const heapV = new Float64Array(n)
  const heapI = new Int32Array(n)
  let size = 0
  for (let i = 0; i < count; i++) {
    const v = values[i]!
    if (!(v > 0)) continue
    if (size < n) {
      // sift up
      let c = size++
      while (c > 0) {
        const p = (c - 1) >> 1
        if (heapV[p]! <= v) break
        heapV[c] = heapV[p]!
        heapI[c] = heapI[p]!
        c = p
      }
      heapV[c] = v
      heapI[c] = i
    } else if (v > heapV[0]!) {
      // replace the root and sift down
      let c = 0
      for (;;) {
        const l = 2 * c + 1
        if (l >= n) break
        const r = l + 1
        const m = r < n && heapV[r]! < heapV[l]! ? r : l
        if (heapV[m]! >= v) break
        heapV[c] = heapV[m]!
        heapI[c] = heapI[m]!
        c = m
      }
      heapV[c] = v
      heapI[c] = i
    }
  }
  return heapI.slice(0, size)
}
