// Inner products of float32 vectors: the one implementation behind vector search (retrieval/), the graph's
// embedding route and the planner's cosine (graph/). With L2-normalised vectors it is the cosine.

/** Inner product of row `r` of a [rows × dim] matrix with `q` (read from `qOffset`, so `q` may be a row too). */
export function dotRow(m: Float32Array, dim: number, r: number, q: Float32Array, qOffset = 0): number {
  let s = 0;
  const off = r * dim;
  for (let j = 0; j < dim; j++) s += m[off + j]! * q[qOffset + j]!;
  return s;
}

/** Inner product of two vectors of one length. */
export const dot = (a: Float32Array, b: Float32Array): number => dotRow(a, a.length, 0, b);
