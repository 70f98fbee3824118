// The compact codes of a vector row, shared by the search worker's index (retrieval/compact-index.ts) and the
// segment files that store them (store/vector-files.ts): int8 padded to 32 dimensions, a per-row scale, and sign bits.

const align = (n: number, a: number) => Math.ceil(n / a) * a;

/** Sizes of one row's codes for a dimension: int8 padded to 32 dimensions, sign bits padded to 16 bytes. */
export function codeLayout(dim: number): { paddedDim: number; bitBytes: number } {
  const paddedDim = align(Math.max(dim, 1), 32);
  return { paddedDim, bitBytes: align(paddedDim / 8, 16) };
}

/**
 * Encodes float32 rows into codes: int8 (the row's largest magnitude maps to 127; padding is 0),
 * the per-row scale that maps int8 back (max / 127), and sign bits (1 where the value is > 0).
 * Outputs are views the caller owns (in the index's memory, or a file's buffer).
 */
export function encodeRows(vectors: Float32Array, dim: number, int8: Int8Array, scales: Float32Array, bits: Uint8Array | null): void {
  const { paddedDim, bitBytes } = codeLayout(dim);
  const rows = dim ? vectors.length / dim : 0;
  for (let r = 0; r < rows; r++) {
    let max = 0;
    const off = r * dim;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(vectors[off + j]!));
    const scale = max > 0 ? 127 / max : 0;
    scales[r] = max > 0 ? max / 127 : 0;
    const to = r * paddedDim;
    for (let j = 0; j < dim; j++) int8[to + j] = Math.round(vectors[off + j]! * scale);
    int8.fill(0, to + dim, to + paddedDim);
    if (bits) {
      const b = r * bitBytes;
      bits.fill(0, b, b + bitBytes);
      for (let j = 0; j < dim; j++) if (vectors[off + j]! > 0) bits[b + (j >> 3)]! |= 1 << (j & 7);
    }
  }
}

