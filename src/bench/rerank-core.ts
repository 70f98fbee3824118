// The reranking benchmark, shared by Node and Chromium (scripts/bench-rerank.mjs).
// Ours: the Reranker (transformers.js cross-encoder) over the top N of a BM25
// first stage. Baseline, in the same run for the same queries: that first stage
// alone, which is what a search without reranking costs.
import { Reranker } from '../embed/reranker';
import { LexicalIndex } from '../retrieval/lexical';
import type { EmbedDevice } from '../shared/embed-api';

export interface RerankMeasurement {
  bench: 'rerank';
  case: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  [figure: string]: unknown;
}

export interface RerankBenchOptions {
  platform: string;
  /** Folder holding the model folders (a file path in Node, the pack URL in Chromium). */
  baseUrl: string;
  devices: EmbedDevice[];
  models: { path: string; label: string }[];
  ns: number[];
  reps: number;
  /** Words the synthetic passages are made of (the fixture vocabulary, so every word is a token). */
  words: string[];
  ortWasmUrl?: string;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50_ms: round(at(0.5)), p95_ms: round(at(0.95)) };
}

/** 500 passages of ~180 words (about an app-default 256-token chunk), and queries of 8 words. */
function corpus(words: string[]) {
  const rand = rng(42);
  const pick = () => words[Math.floor(rand() * words.length)]!;
  const passages = Array.from({ length: 500 }, () => Array.from({ length: 180 }, pick).join(' '));
  const queries = Array.from({ length: 64 }, () => Array.from({ length: 8 }, pick).join(' '));
  return { passages, queries };
}

/** Measures reranking latency per N, model and device, next to the BM25 first stage of the same queries. */
export async function runRerankBench(o: RerankBenchOptions, report: (m: RerankMeasurement) => void): Promise<void> {
  const { passages, queries } = corpus(o.words);
  const index = new LexicalIndex();
  index.add('bench', '1', passages);
  let job = 0;
  let q = 0;
  for (const model of o.models) {
    for (const device of o.devices) {
      // cacheSize 0: every pair runs (the queries differ anyway); the app's session cache would make repeats free.
      const reranker = new Reranker({ cacheSize: 0 });
      const t0 = performance.now();
      await reranker.load({
        entry: { id: `bench/${model.path}`, label: model.label, path: model.path, maxTokens: 512, dtype: 'fp32' },
        source: { kind: 'local', baseUrl: o.baseUrl }, device, ...(o.ortWasmUrl ? { ortWasmUrl: o.ortWasmUrl } : {}),
      });
      const loadMs = performance.now() - t0;
      await reranker.rerank(++job, queries[0]!, passages.slice(0, 8)); // warm-up: kernels compiled, buffers sized
      for (const n of o.ns) {
        const first: number[] = [];
        const second: number[] = [];
        for (let r = 0; r < o.reps; r++) {
          const query = queries[++q % queries.length]!;
          const t1 = performance.now();
          const hits = index.search(query, n);
          const t2 = performance.now();
          await reranker.rerank(++job, query, hits.map((h) => passages[h.ord]!));
          second.push(performance.now() - t2);
          first.push(t2 - t1);
        }
        const ours = percentiles(second);
        report({
          bench: 'rerank', case: `${model.label} · ${o.platform} ${device}`, n, ...ours,
          per_pair_ms: round(ours.p50_ms / n, 2), load_ms: round(loadMs), reps: o.reps,
          baseline: { first_stage_bm25_over_500_passages: percentiles(first) },
        });
      }
    }
  }
}
