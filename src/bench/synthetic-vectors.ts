// Synthetic embeddings for the retrieval benchmark and the million-row tests: fast to make and
// clustered like a real embedder's output, not uniform on the sphere (on which every vector is
// nearly orthogonal to every other and approximate search looks better or worse than it is).
// Each row is a normalized sum of: a direction every row shares (real embedders are anisotropic),
// its topic's centroid, a few "facet" directions from a shared pool (rows of different topics
// share aspects), and a little isotropic noise. The same seed gives the same rows.

/** A Gaussian table indexed by random bits: one multiply-add per component instead of a Box-Muller pair. */
const gauss = (() => {
  const n = 4096;
  const t = new Float32Array(n);
  // Inverse normal CDF at the table's quantiles (Acklam's rational approximation is more than enough here).
  for (let i = 0; i < n; i++) t[i] = inverseNormal((i + 0.5) / n);
  return t;
})();

function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** xorshift32: fast, seedable, good enough for synthetic data. */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

function normalizeRows(m: Float32Array, dim: number): void {
  for (let off = 0; off < m.length; off += dim) {
    let n = 0;
    for (let j = 0; j < dim; j++) n += m[off + j]! * m[off + j]!;
    const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (let j = 0; j < dim; j++) m[off + j]! *= inv;
  }
}

function gaussianRows(rows: number, dim: number, next: () => number): Float32Array {
  const m = new Float32Array(rows * dim);
  for (let i = 0; i < m.length; i++) m[i] = gauss[next() & 4095]!;
  normalizeRows(m, dim);
  return m;
}

export interface ClusterShape {
  topics: number;
  facets: number;
  facetsPerRow: number;
  weights: { shared: number; topic: number; facet: number; noise: number };
}

export const defaultShape: ClusterShape = { topics: 2000, facets: 512, facetsPerRow: 3, weights: { shared: 0.5, topic: 0.8, facet: 0.45, noise: 0.55 } };

/** The fixed structure (shared direction, topic centroids, facets) of one synthetic corpus. */
export class SyntheticCorpus {
  readonly #shared: Float32Array;
  readonly #topics: Float32Array;
  readonly #facets: Float32Array;

  constructor(readonly dim: number, seed = 1, readonly shape: ClusterShape = defaultShape) {
    const next = xorshift(seed * 7919 + 17);
    this.#shared = gaussianRows(1, dim, next);
    this.#topics = gaussianRows(shape.topics, dim, next);
    this.#facets = gaussianRows(shape.facets, dim, next);
  }

  /** `rows` unit vectors from the corpus (seeded: the same arguments give the same rows). */
  rows(rows: number, seed: number, out = new Float32Array(rows * this.dim)): Float32Array {
    const { dim, shape } = this;
    const { shared, topic, facet, noise } = shape.weights;
    const next = xorshift(seed * 2654435761 + 1);
    const perFacet = facet / Math.sqrt(shape.facetsPerRow);
    const perNoise = noise / Math.sqrt(dim);
    for (let r = 0; r < rows; r++) {
      const off = r * dim;
      const t = (next() % shape.topics) * dim;
      for (let j = 0; j < dim; j++) out[off + j] = shared * this.#shared[j]! + topic * this.#topics[t + j]! + perNoise * gauss[next() & 4095]!;
      for (let f = 0; f < shape.facetsPerRow; f++) {
        const at = (next() % shape.facets) * dim;
        const w = perFacet * gauss[next() & 4095]!;
        for (let j = 0; j < dim; j++) out[off + j]! += w * this.#facets[at + j]!;
      }
    }
    normalizeRows(out, dim);
    return out;
  }
}
