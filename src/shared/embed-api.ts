// The typed API of the embed worker (src/workers/embed.worker.ts), shared by
// the worker and its bridge. Vectors cross threads as transferred buffers.
import type { EmbedderEntry, ModelSource } from './catalog-types';

export type EmbedDevice = 'webgpu' | 'wasm' | 'cpu';

/** Everything the worker needs to load one model. Plain data: it crosses postMessage. */
export interface EmbedLoadSpec {
  entry: EmbedderEntry;
  source: ModelSource;
  /** Preferred device; the worker falls back to wasm if WebGPU fails. */
  device: EmbedDevice;
  /** Absolute URL of onnxruntime-web's wasm binary, served by the app itself (never a CDN). */
  ortWasmUrl?: string;
}

export type EmbedProgress =
  | { kind: 'download'; file: string; loaded: number; total: number }
  | { kind: 'ready'; device: EmbedDevice; dtype: string }
  | { kind: 'embed'; done: number; total: number };

export type TextKind = 'query' | 'passage';

export interface EmbedResult {
  /** Row-major [count × dim], L2-normalized rows. */
  vectors: Float32Array;
  dim: number;
  count: number;
  /** Tokens per text after truncation; lets callers see what was cut. */
  tokenCounts: number[];
}

export interface EmbedStatus {
  modelId: string | null;
  device: EmbedDevice | null;
  dtype: string | null;
}

export interface EmbedApi {
  load(spec: EmbedLoadSpec, onProgress?: (p: EmbedProgress) => void): Promise<EmbedStatus>;
  embed(jobId: number, texts: string[], kind: TextKind, onProgress?: (p: EmbedProgress) => void): Promise<EmbedResult>;
  /** Stops job `jobId` between batches; its promise then rejects with an AbortError. */
  cancel(jobId: number): void;
  status(): EmbedStatus;
}

export interface EmbedOptions {
  batchSize: number;
}

export const defaultEmbedOptions: EmbedOptions = { batchSize: 16 };
