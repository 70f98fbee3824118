// `npm run bench:lexical` (Node): BM25 over synthetic chunks of ~120 words drawn from a 60,000-word Zipf vocabulary
// (a 256-token chunk of prose): build time, memory and query p50 of our compact index (retrieval/lexical.ts) next to
// MiniSearch (the index the app used before), measured in the same run on the same chunks.
import MiniSearch from 'minisearch';
import { LexicalIndex, tokenize } from '../retrieval/lexical';
import { round, stats } from './retrieval-core';

export interface LexicalMeasurement {
  bench: 'lexical';
  case: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  [figure: string]: unknown;
}

function zipfText(seed: number) {
  const vocab = Array.from({ length: 60_000 }, (_, i) => `${i.toString(36).replace(/[0-9]/g, (c) => 'aeiouybcdf'[+c]!)}x`);
  const cdf = new Float64Array(vocab.length);
  let total = 0;
  vocab.forEach((_, i) => (cdf[i] = total += 1 / (i + 1)));
  let s = seed >>> 0;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const word = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo]!;
  };
  return (words: number) => Array.from({ length: words }, word).join(' ');
}

const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
};

/** Builds one index over `n` chunks (100 per document), then runs 30 three-word queries. */
async function measure(kind: 'ours' | 'minisearch', n: number): Promise<Record<string, number>> {
  const text = zipfText(7);
  const queries = Array.from({ length: 30 }, () => text(3));
  const before = heapMb();
  let buildMs = 0;
  let search: (q: string) => unknown;
  if (kind === 'ours') {
    const index = new LexicalIndex();
    for (let d = 0; d * 100 < n; d++) {
      const texts = Array.from({ length: Math.min(100, n - d * 100) }, () => text(120));
      const t = performance.now();
      index.add(`doc${d}`, '1', texts);
      buildMs += performance.now() - t;
    }
    search = (q) => index.search(q, 10);
  } else {
    const mini = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: [], tokenize, processTerm: (t) => t, searchOptions: { combineWith: 'OR', prefix: false, fuzzy: false } });
    for (let d = 0; d * 100 < n; d++) {
      const docs = Array.from({ length: Math.min(100, n - d * 100) }, (_, i) => ({ id: `doc${d}#${i}`, text: text(120) }));
      const t = performance.now();
      mini.addAll(docs);
      buildMs += performance.now() - t;
    }
    search = (q) => mini.search(q).slice(0, 10);
  }
  const memory = heapMb() - before;
  const ms = queries.map((q) => {
    const t = performance.now();
    search(q);
    return performance.now() - t;
  });
  return { build_ms: round(buildMs, 0), memory_mb: round(memory, 0), ...stats(ms) };
}

export async function runLexicalBench(sizes: number[], minisearchUpTo: number, log: (m: LexicalMeasurement) => void): Promise<void> {
  for (const n of sizes) {
    const ours = await measure('ours', n);
    const mini = n <= minisearchUpTo ? await measure('minisearch', n) : { skipped: `above --minisearch-up-to ${minisearchUpTo}` };
    const { p50_ms, p95_ms, ...rest } = ours as { p50_ms: number; p95_ms: number };
    log({ bench: 'lexical', case: `BM25 top-10 over ${n} chunks of ~120 Zipf words in Node: compact inverted index`, n, p50_ms, p95_ms, ...rest, baseline: { minisearch: mini } });
  }
}
