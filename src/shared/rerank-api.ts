// The typed API of the rerank worker (src/workers/rerank.worker.ts), shared by
// the worker and its bridge. A cross-encoder reads each (query, passage) pair
// together, so it scores relevance better than the first stage, at a cost per pair.
import type { ModelSource, RerankerEntry } from './catalog-types';
import type { EmbedDevice } from './embed-api';

/** Everything the worker needs to load one reranker. Plain data: it crosses postMessage. */
export interface RerankLoadSpec {
  entry: RerankerEntry;
  source: ModelSource;
  /** Preferred device; the bridge retries on wasm in a fresh worker if WebGPU fails. */
  device: EmbedDevice;
  /** Absolute URL of onnxruntime-web's wasm binary, served by the app itself. */
  ortWasmUrl?: string;
}

export type RerankProgress =
  | { kind: 'download'; file: string; loaded: number; total: number }
  | { kind: 'ready'; device: EmbedDevice; dtype: string }
  | { kind: 'rerank'; done: number; total: number };

export interface RerankResult {
  /** One relevance logit per passage, in the order given; higher is more relevant. */
  scores: number[];
  /** Pairs the model ran on in this call. */
  scored: number;
  /** Pairs answered from this session's cache (same model, query and passage). */
  cached: number;
}

export interface RerankStatus {
  modelId: string | null;
  device: EmbedDevice | null;
  dtype: string | null;
}

export interface RerankApi {
  load(spec: RerankLoadSpec, onProgress?: (p: RerankProgress) => void): Promise<RerankStatus>;
  /** Scores `query` against each passage with the loaded model. */
  rerank(jobId: number, query: string, passages: string[], onProgress?: (p: RerankProgress) => void): Promise<RerankResult>;
  /** Stops job `jobId` between batches; its promise then rejects with an AbortError. */
  cancel(jobId: number): void;
  status(): RerankStatus;
}

export interface RerankOptions {
  /** Pairs per model call: larger batches pad more, smaller ones pay more per-call overhead. */
  batchSize: number;
  /** Scores remembered per session; the oldest are forgotten first. */
  cacheSize: number;
}

export const defaultRerankOptions: RerankOptions = { batchSize: 8, cacheSize: 5000 };
