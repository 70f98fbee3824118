// The embedding route of the graph, as pure functions on plain Float32Arrays:
// rows of L2-normalised vectors (entity names, question spans) from the
// library's embedder, how similar two unrelated names of this graph are (so
// that thresholds mean the same for every embedder), and the no-chain alias merge.
import { seededRandom } from '../shared/random.mjs';
import { dot, dotRow } from '../shared/vectors';

/** Vectors of one embedder, row-major: row i is `vectors[i·dim, (i+1)·dim)`; `keys[i]` says whose it is. */
export interface VectorRows {
  keys: string[];
  vectors: Float32Array;
  dim: number;
}

/** The best row for query `q`, at most one row per key: `[key, cosine]`, best first, only those ≥ `min`. */
export function nearestKeys(rows: VectorRows, q: Float32Array, min: number, qOffset = 0): [string, number][] {
  const best = new Map<string, number>();
  const n = rows.keys.length;
  for (let i = 0; i < n; i++) {
    const s = dotRow(rows.vectors, rows.dim, i, q, qOffset);
    if (s < min) continue;
    const key = rows.keys[i]!;
    if (s > (best.get(key) ?? -Infinity)) best.set(key, s);
  }
  return [...best].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export interface SimilarityBaseline {
  /** Median cosine of two names of different entities: what "unrelated" scores with this embedder. */
  median: number;
  /** Its 99th percentile: a match must beat almost every unrelated pair. */
  high: number;
  pairs: number;
}

/**
 * Cosines of pairs of rows with different keys (all pairs when few, else `samples` drawn with a fixed seed).
 * Embedders differ in where "unrelated" sits (all-MiniLM ≈ 0.1, multilingual-e5 ≈ 0.75), so fixed thresholds
 * alone would mean different things; most pairs of a graph's names are unrelated, so their distribution shows it.
 */
export function similarityBaseline(rows: VectorRows, samples = 4000): SimilarityBaseline {
  const n = rows.keys.length;
  const sims: number[] = [];
  const add = (i: number, j: number) => {
    if (rows.keys[i] !== rows.keys[j]) sims.push(dotRow(rows.vectors, rows.dim, i, rows.vectors, j * rows.dim));
  };
  if ((n * (n - 1)) / 2 <= samples) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) add(i, j);
  } else {
    const rand = seededRandom(n);
    for (let s = 0; s < samples; s++) {
      const i = Math.floor(rand() * n);
      const j = Math.floor(rand() * (n - 1));
      add(i, j >= i ? j + 1 : j);
    }
  }
  if (!sims.length) return { median: 0, high: 0, pairs: 0 };
  sims.sort((a, b) => a - b);
  const at = (q: number) => sims[Math.min(sims.length - 1, Math.floor(q * sims.length))]!;
  return { median: at(0.5), high: at(0.99), pairs: sims.length };
}

/** The numbers a name writes, in order: "4 crowns" and "8 crowns" are two prices, however alike their vectors. */
const numbersOf = (key: string) => (key.match(/\p{N}+/gu) ?? []).join(' ');

/**
 * Alias merge by name vectors, without chains. `entities` come in priority order (the caller puts the better
 * connected first); each one not yet merged becomes a canonical and absorbs every later, unmerged entity whose
 * vector has cosine ≥ `threshold` with its own and whose key writes the same numbers. A merged entity never absorbs
 * others, so A~B and B~C merge A and C only when A~C too. Returns member key → canonical key. Compares every pair:
 * O(n²·dim), which is why it is optional.
 */
export function embeddingAliases(entities: { key: string; vector: Float32Array }[], threshold: number): Map<string, string> {
  const out = new Map<string, string>();
  const dim = entities[0]?.vector.length ?? 0;
  const numbers = entities.map((e) => numbersOf(e.key));
  for (let i = 0; i < entities.length; i++) {
    const a = entities[i]!;
    if (out.has(a.key)) continue;
    for (let j = i + 1; j < entities.length; j++) {
      const b = entities[j]!;
      if (out.has(b.key) || b.key === a.key || numbers[i] !== numbers[j]) continue;
      if (dot(a.vector, b.vector) >= threshold) out.set(b.key, a.key);
    }
  }
  return out;
}

/** How the graph uses the library embedder's vectors (GraphSearch). */
export interface GraphVectorOptions {
  /** A question span links to an entity at cosine ≥ max(linkFloor, the graph's baseline.high). */
  linkFloor: number;
  /** Entities linked by embedding per question, at most. */
  maxEmbeddingLinks: number;
  /** Merge entities by name vectors when the graph is built (never chaining); off by default (docs/graph.md). */
  aliasMerge: boolean;
  /** … at cosine ≥ max(aliasThreshold, the graph's baseline.high). */
  aliasThreshold: number;
}

export const defaultGraphVectorOptions: GraphVectorOptions = { linkFloor: 0.8, maxEmbeddingLinks: 2, aliasMerge: false, aliasThreshold: 0.9 };
