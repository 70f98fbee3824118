// The retrieval benchmark itself, shared by Node and Chromium (scripts/bench-retrieval.mjs), on
// synthetic clustered embeddings (synthetic-vectors.ts). Ours: the search worker's VectorSet
// (1-bit sign-code scan, int8 re-score, exact float32 re-rank; below 16k rows an int8 scan).
// Baselines, in the same run on the same data: the previous design (an int8 scan of every row,
// with every float32 vector in memory too), the naive `number[]` + cosine + full sort that most
// browser vector stores do, the exact float32 loop (our reference), and Orama's vector search.
// The million-row run with the vectors in OPFS files is million-core.ts (Chromium only).
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { SyntheticCorpus } from './synthetic-vectors';
import { exactTopK } from '../retrieval/topk';
import { VectorSet } from '../retrieval/vector-set';

export interface Measurement {
  bench: 'retrieval';
  case: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  [figure: string]: unknown;
}

export const dim = 384;
/** The queries' seed: no document's (documents are seeded 1, 2, … and n). */
export const querySeed = 7_777_777;
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function timeIt(fn: () => unknown, runs: number): number[] {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return ms;
}

export function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50_ms: round(s[Math.floor(s.length / 2)]!), p95_ms: round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!) };
}

/** Ours and the previous design over in-memory rows (the layout where there is no OPFS, and the documents not yet in a segment). */
async function vectorSet(m: Float32Array, n: number, binary: boolean): Promise<VectorSet> {
  const set = new VectorSet();
  await set.load({ dim, dir: null, pieces: [{ kind: 'memory', docs: [{ docId: 'all', count: n }], vectors: m }] }, { binary });
  return set;
}

/** Mean cosine of random pairs and of each query's nearest row: how clustered the synthetic rows are. */
export function shapeOf(m: Float32Array, truthTop1: number[]): { mean_pair_cos: number; mean_top1_cos: number } {
  let pair = 0;
  const rows = m.length / dim;
  for (let i = 0; i < 1000; i++) {
    const a = ((i * 7919) % rows) * dim;
    const b = ((i * 104729 + 1) % rows) * dim;
    for (let j = 0; j < dim; j++) pair += m[a + j]! * m[b + j]!;
  }
  return { mean_pair_cos: round(pair / 1000, 3), mean_top1_cos: round(truthTop1.reduce((x, y) => x + y, 0) / truthTop1.length, 3) };
}

export async function runRetrievalBench(sizes: number[], where: string, log: (m: Measurement) => void): Promise<void> {
  const k = 10;
  const corpus = new SyntheticCorpus(dim, 1);
  const queries = corpus.rows(50, querySeed);
  const q = (i: number) => queries.subarray((i % 50) * dim, (i % 50 + 1) * dim);
  for (const n of sizes) {
    const m = corpus.rows(n, n);
    const truthHits = Array.from({ length: 50 }, (_, i) => exactTopK(m, dim, q(i), k));
    const truth = truthHits.map((t) => t.map((h) => h.row));
    const recall = (rows: number[][]) => round(rows.reduce((a, r, i) => a + r.filter((x) => truth[i]!.includes(x)).length, 0) / (rows.length * k), 3);

    const measure = async (set: VectorSet) => {
      const found: number[][] = [];
      const ms: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t = performance.now();
        found.push((await set.search(q(i), k)).map((h) => h.row));
        ms.push(performance.now() - t);
      }
      return { ...stats(ms), recall_at_10: recall(found), memory_mb: round(set.bytes / 2 ** 20, 0) };
    };
    let t = performance.now();
    const ours = await vectorSet(m, n, n > 16384);
    const build = performance.now() - t;
    const oursFigures = await measure(ours);
    const method = ours.method;
    ours.close();
    t = performance.now();
    const previous = await vectorSet(m, n, false);
    const previousBuild = performance.now() - t;
    const previousFigures = await measure(previous);
    previous.close();

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

    log({
      bench: 'retrieval', case: `top-10 of ${n}x384 clustered, in memory, in ${where}: ${method}`, n, ...oursFigures,
      build_ms: round(build, 0), ...shapeOf(m, truthHits.map((h) => h[0]!.score)),
      speedup_vs_naive_p50: round(stats(naive).p50_ms / oursFigures.p50_ms, 1),
      baseline: {
        previous_int8_scan: { ...previousFigures, build_ms: round(previousBuild, 0) },
        naive_cosine_sort: { ...stats(naive), recall_at_10: recall(naiveFound) },
        exact_f32_loop: stats(exact),
        orama,
      },
    });
  }
}
