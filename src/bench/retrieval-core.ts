// The retrieval benchmark itself, shared by Node and Chromium (scripts/bench-retrieval.mjs).
// Ours: Int8Index (WebAssembly SIMD int8 scan + exact float32 re-rank). Baselines, in the
// same run on the same data: the naive `number[]` + cosine + full sort that most browser
// vector stores do, the exact float32 loop (our reference), and Orama's vector search.
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { Int8Index } from '../retrieval/int8-index';
import { exactTopK } from '../retrieval/topk';

export interface Measurement {
  bench: 'retrieval';
  case: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  [figure: string]: unknown;
}

const dim = 384;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function unitVectors(rows: number, seed: number): Float32Array {
  const rand = rng(seed);
  const m = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    let n = 0;
    for (let j = 0; j < dim; j++) {
      // Box-Muller: Gaussian components give directions uniform on the sphere.
      const g = Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
      m[r * dim + j] = g;
      n += g * g;
    }
    n = Math.sqrt(n);
    for (let j = 0; j < dim; j++) m[r * dim + j]! /= n;
  }
  return m;
}

function timeIt(fn: () => unknown, runs: number): number[] {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return ms;
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50_ms: round(s[Math.floor(s.length / 2)]!), p95_ms: round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!) };
}

export async function runRetrievalBench(sizes: number[], where: string, log: (m: Measurement) => void): Promise<void> {
  const k = 10;
  const queries = unitVectors(50, 999);
  const q = (i: number) => queries.subarray((i % 50) * dim, (i % 50 + 1) * dim);
  for (const n of sizes) {
    const m = unitVectors(n, n);
    const truth = Array.from({ length: 50 }, (_, i) => exactTopK(m, dim, q(i), k).map((h) => h.row));
    const recall = (rows: number[][]) => round(rows.reduce((a, r, i) => a + r.filter((x) => truth[i]!.includes(x)).length, 0) / (rows.length * k), 3);

    const index = new Int8Index();
    const build = timeIt(() => index.setVectors(m, dim), 1)[0]!;
    let i = 0;
    const found: number[][] = [];
    const ours = timeIt(() => found.push(index.search(q(i++), { k, candidates: 100 }).map((h) => h.row)), 50);

    // Baseline 1: what most browser vector stores do.
    const arrays = Array.from({ length: n }, (_, r) => Array.from(m.subarray(r * dim, (r + 1) * dim)));
    const cosine = (a: number[], b: number[]) => {
      let d = 0, na = 0, nb = 0;
      for (let j = 0; j < a.length; j++) (d += a[j]! * b[j]!), (na += a[j]! * a[j]!), (nb += b[j]! * b[j]!);
      return d / (Math.sqrt(na) * Math.sqrt(nb));
    };
    let j = 0;
    const naiveFound: number[][] = [];
    const naive = timeIt(() => {
      const qa = Array.from(q(j++));
      naiveFound.push(arrays.map((v, r) => ({ r, s: cosine(v, qa) })).sort((a, b) => b.s - a.s).slice(0, k).map((x) => x.r));
    }, 10);

    // Reference: the exact float32 loop over the contiguous buffer.
    let e = 0;
    const exact = timeIt(() => exactTopK(m, dim, q(e++), k), 10);

    // Baseline 2: Orama (established library), exact vector search with no similarity threshold.
    let orama: Record<string, unknown> = {};
    {
      const db = create({ schema: { row: 'number', embedding: `vector[${dim}]` } as const });
      const t = performance.now();
      await insertMultiple(db, arrays.map((embedding, row) => ({ row, embedding })), 2000);
      const insertMs = performance.now() - t;
      const oramaFound: number[][] = [];
      const times: number[] = [];
      for (let x = 0; x < 10; x++) {
        const t0 = performance.now();
        const r = await oramaSearch(db, { mode: 'vector', vector: { value: Array.from(q(x)), property: 'embedding' }, similarity: 0, limit: k });
        times.push(performance.now() - t0);
        oramaFound.push(r.hits.map((h) => (h.document as { row: number }).row));
      }
      orama = { ...stats(times), recall_at_10: recall(oramaFound), insert_ms: round(insertMs, 0) };
    }

    const o = stats(ours);
    log({
      bench: 'retrieval', case: `top-10 of ${n}x384 in ${where}: int8 SIMD scan + exact re-rank of 100`, n, ...o,
      recall_at_10: recall(found), build_ms: round(build, 1),
      speedup_vs_naive_p50: round(stats(naive).p50_ms / o.p50_ms, 1),
      baseline: {
        naive_cosine_sort: { ...stats(naive), recall_at_10: recall(naiveFound) },
        exact_f32_loop: stats(exact),
        orama,
      },
    });
  }
}
