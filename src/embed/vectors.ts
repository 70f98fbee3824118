// Small numeric helpers on row-major Float32Array matrices.

/** Normalizes each row of a [rows × dim] matrix to unit L2 norm, in place. Zero rows stay zero. */
export function l2NormalizeRows(m: Float32Array, dim: number): void {
  for (let off = 0; off < m.length; off += dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += m[off + j]! * m[off + j]!;
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < dim; j++) m[off + j]! *= inv;
  }
}

/** Dot product of row i and row j of a [rows × dim] matrix. */
export function rowDot(m: Float32Array, dim: number, i: number, j: number): number {
  let s = 0;
  for (let k = 0; k < dim; k++) s += m[i * dim + k]! * m[j * dim + k]!;
  return s;
}

/** L2 norm of row i. */
export function rowNorm(m: Float32Array, dim: number, i: number): number {
  return Math.sqrt(rowDot(m, dim, i, i));
}

/**
 * Pools token states [rows × seq × dim] into one vector per row: the mean over
 * positions whose attention mask is 1, or the first ([CLS]) position.
 */
export function poolHiddenStates(
  hidden: Float32Array,
  mask: ArrayLike<number>,
  rows: number,
  seq: number,
  dim: number,
  pooling: 'mean' | 'cls',
): Float32Array {
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    if (pooling === 'cls') {
      out.set(hidden.subarray(r * seq * dim, r * seq * dim + dim), r * dim);
      continue;
    }
    let n = 0;
    for (let t = 0; t < seq; t++) {
      if (!mask[r * seq + t]) continue;
      n++;
      const off = (r * seq + t) * dim;
      for (let j = 0; j < dim; j++) out[r * dim + j]! += hidden[off + j]!;
    }
    if (n > 0) for (let j = 0; j < dim; j++) out[r * dim + j]! /= n;
  }
  return out;
}
