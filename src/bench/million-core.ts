// The million-row half of `npm run bench:retrieval` (Chromium only), run in dedicated workers
// (pages/million.worker.ts) because OPFS sync access handles exist only there. Everything is the
// app's real code: documents are stored with LibraryStore.addDocument, compacted into OPFS
// segment files with LibraryStore.compact, and searched by the search worker's VectorSet.
// Rows are named "doc#ord", since a VectorSet's row order follows the segment records.
import { LibraryStore } from '../store/library-store';
import { TopK } from '../retrieval/topk';
import { dotRow } from '../shared/vectors';
import { VectorSet } from '../retrieval/vector-set';
import type { Chunk } from '../shared/library-types';
import { SyntheticCorpus } from './synthetic-vectors';
import { dim, querySeed, round, shapeOf, stats } from './retrieval-core';

const embedderId = 'bench/clustered-384';
const k = 10;
const queryCount = 50;
const corpus = new SyntheticCorpus(dim, 1);
const queries = corpus.rows(queryCount, querySeed);
const query = (i: number) => queries.subarray(i * dim, (i + 1) * dim);
const docName = (d: number) => `doc-${String(d).padStart(5, '0')}`;

export interface SeedResult {
  seed_ms: number;
  compact_ms: number;
  /** Per query, the exact top (k + perDoc) as "doc#ord": the top k stays known after one document is deleted. */
  truth: string[][];
  shape: { mean_pair_cos: number; mean_top1_cos: number };
}

/** Stores `n` synthetic vectors as documents of `perDoc` chunks in database `db`, then compacts them into OPFS files. */
export async function seed(db: string, n: number, perDoc: number): Promise<SeedResult> {
  await new Promise((r) => (indexedDB.deleteDatabase(db).onsuccess = r));
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(`${db}-vectors`, { recursive: true }).catch(() => undefined);
  const store = await LibraryStore.open(db);
  const tops = Array.from({ length: queryCount }, () => new TopK(k + perDoc));
  const chunks = (count: number): Chunk[] => Array.from({ length: count }, (_, i) => ({ text: '', start: i, end: i, headingPath: [], tokens: 0 }));
  const sampleRows = Math.min(n, 20_000);
  const sample = new Float32Array(sampleRows * dim);
  const t0 = performance.now();
  for (let d = 0; d * perDoc < n; d++) {
    const count = Math.min(perDoc, n - d * perDoc);
    const vectors = corpus.rows(count, d + 1);
    if (d * perDoc < sampleRows) sample.set(vectors.subarray(0, Math.min(count, sampleRows - d * perDoc) * dim), d * perDoc * dim);
    for (let qi = 0; qi < queryCount; qi++) {
      const q = query(qi);
      const top = tops[qi]!;
      for (let r = 0; r < count; r++) {
        const s = dotRow(vectors, dim, r, q);
        if (s >= top.threshold) top.push(d * perDoc + r, s);
      }
    }
    const id = docName(d);
    await store.addDocument({
      doc: { id, name: id, type: 'txt', size: 1, hash: id, addedAt: d, chunkCount: count, embedderId, dim, chunkOptions: { chunkTokens: 256, overlapTokens: 32 } },
      text: { docId: id, text: '', blocks: [] }, chunks: chunks(count), vectors,
    });
  }
  const seeded = performance.now();
  await store.compact();
  const compacted = performance.now();
  store.close();
  const results = tops.map((t) => t.result());
  return {
    seed_ms: round(seeded - t0, 0), compact_ms: round(compacted - seeded, 0),
    truth: results.map((hits) => hits.map((h) => `${docName(Math.floor(h.row / perDoc))}#${h.row % perDoc}`)),
    shape: shapeOf(sample, results.map((h) => h[0]!.score)),
  };
}

/** The VectorSet this worker holds between calls, and its rows' names. */
let held: { set: VectorSet; names: (row: number) => string } | null = null;

function naming(docs: { docId: string; count: number }[]): (row: number) => string {
  const starts = new Int32Array(docs.length);
  docs.reduce((row, d, i) => ((starts[i] = row), row + d.count), 0);
  return (row) => {
    let lo = 0;
    let hi = docs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return `${docs[lo]!.docId}#${row - starts[lo]!}`;
  };
}

/**
 * Cold load as the search worker does it: `files` reads the codes from the OPFS segments (the float32
 * rows stay on disk); `previous` reads every float32 vector into memory and builds the int8 copy.
 */
export async function load(db: string, layout: 'files' | 'previous', binary?: boolean, truth?: string[][]): Promise<{ cold_load_ms: number; int8_ready_ms: number; rows: number; index_mb: number; method: string; steps_ms: Record<string, number>; while_int8_streams?: Awaited<ReturnType<typeof queryHeld>> }> {
  held?.set.close();
  held = null;
  const t = performance.now();
  const store = await LibraryStore.open(db);
  const set = new VectorSet();
  let loaded: Awaited<ReturnType<VectorSet['load']>>;
  const opened = performance.now();
  let records: number;
  if (layout === 'files') {
    const vectorLayout = await store.vectorLayout(embedderId);
    records = performance.now();
    loaded = await set.load(vectorLayout, { binary });
  } else {
    const all = await store.loadVectors(embedderId);
    records = performance.now();
    const memory = { kind: 'memory' as const, docs: all.docIds.map((docId, i) => ({ docId, count: all.counts[i]! })), vectors: all.vectors };
    loaded = await set.load({ dim: all.dim, dir: null, pieces: [memory] }, { binary: false });
  }
  const docs = loaded.docs;
  const steps_ms = { open_db: round(opened - t, 0), records: round(records - opened, 0), open_files: round(loaded.ms.open, 0), codes: round(loaded.ms.codes, 0) };
  const ms = performance.now() - t;
  held = { set, names: naming(docs) };
  // Queries at once, while the int8 codes still stream in (the sign codes pick 1,000 rows to re-rank exactly).
  const early = truth ? await queryHeld(truth, undefined, 10) : undefined;
  await set.int8Loaded;
  const ready = performance.now() - t;
  store.close();
  return {
    cold_load_ms: round(ms, 0), int8_ready_ms: round(ready, 0), rows: set.count, index_mb: round(set.bytes / 2 ** 20, 0), method: set.method, steps_ms,
    ...(early ? { while_int8_streams: early } : {}),
  };
}

/** p50/p95 and recall@10 of the held set over the queries, against `truth` minus the rows of `without`. */
export async function queryHeld(truth: string[][], without?: string, count = queryCount): Promise<{ p50_ms: number; p95_ms: number; recall_at_10: number; deleted_rows_returned: number }> {
  const { set, names } = held!;
  const ms: number[] = [];
  let hits = 0;
  let deleted = 0;
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const found = (await set.search(query(i), k)).map((h) => names(h.row));
    ms.push(performance.now() - t);
    const want = new Set(truth[i]!.filter((name) => !without || !name.startsWith(`${without}#`)).slice(0, k));
    hits += found.filter((f) => want.has(f)).length;
    deleted += found.filter((f) => without && f.startsWith(`${without}#`)).length;
  }
  return { ...stats(ms), recall_at_10: round(hits / (count * k), 3), deleted_rows_returned: deleted };
}

/** The exact float32 scan of every row, streamed from the segment files (what `verify` costs). */
export async function exactScan(runs: number): Promise<{ p50_ms: number; p95_ms: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await held!.set.exactTopK(query(i), k);
    ms.push(performance.now() - t);
  }
  return stats(ms);
}

/** Deletes one document as the app does (its rows become dead in their segment file). */
export async function deleteDoc(db: string, d: number): Promise<{ doc: string; delete_ms: number }> {
  const store = await LibraryStore.open(db);
  const t = performance.now();
  await store.deleteDocument(docName(d));
  const ms = performance.now() - t;
  store.close();
  return { doc: docName(d), delete_ms: round(ms, 0) };
}

export function release(): void {
  held?.set.close();
  held = null;
}
