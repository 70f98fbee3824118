// The embedding engine behind the embed worker: one transformers.js
// feature-extraction pipeline, loaded lazily, fed in batches. It has no DOM
// dependency, so the same class runs in the worker and in Node tests.
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import type { EmbedderEntry } from '../shared/catalog-types';
import type { EmbedApi, EmbedDevice, EmbedLoadSpec, EmbedOptions, EmbedProgress, EmbedResult, EmbedStatus, TextKind } from '../shared/embed-api';
import { defaultEmbedOptions } from '../shared/embed-api';
import { DeviceFallbackError, EmbedError, ModelLoadError, abortError, errorMessage, tKey } from '../shared/errors';
import { l2NormalizeRows, poolHiddenStates } from './vectors';

type Progress = (p: EmbedProgress) => void;

interface Loaded {
  spec: EmbedLoadSpec;
  pipe: FeatureExtractionPipeline;
  device: EmbedDevice;
  dtype: string;
}

/** The ONNX variant to load for `device`: an entry may name one per device. */
export function dtypeFor(entry: Pick<EmbedderEntry, 'dtype'>, device: EmbedDevice): string {
  if (typeof entry.dtype === 'string') return entry.dtype;
  return device === 'webgpu' ? entry.dtype.webgpu : entry.dtype.wasm;
}

/**
 * transformers.js 4.3 skips its "does this local file exist?" probe when
 * localModelPath is an absolute http(s) URL, and then silently loads no
 * tokenizer. A same-origin, root-relative path avoids that, and still works
 * under any sub-path because it is derived from the absolute URL.
 */
export function localModelPath(baseUrl: string): string {
  const withSlash = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  if (!/^https?:/.test(withSlash)) return withSlash; // a file-system path (Node)
  return new URL(withSlash).pathname;
}

/** transformers.js reads where models and its runtime live from a global `env`; set it per load. */
export function configureEnv(spec: Pick<EmbedLoadSpec, 'source' | 'ortWasmUrl'>): void {
  if (spec.source.kind === 'local') {
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = localModelPath(spec.source.baseUrl);
  } else {
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
  }
  const wasm = env.backends.onnx?.wasm;
  if (spec.ortWasmUrl && wasm) {
    // Replaces the CDN default that transformers.js sets at import time. The
    // JS half of the runtime is already inside our bundle, so only the binary is named.
    wasm.wasmPaths = { wasm: spec.ortWasmUrl };
  }
}

/** transformers.js download progress as our typed event (the reranker reports the same). */
export function toProgress(info: unknown): Extract<EmbedProgress, { kind: 'download' }> | null {
  const i = info as { status?: string; file?: string; loaded?: number; total?: number };
  if (i.status === 'progress' && typeof i.file === 'string') {
    return { kind: 'download', file: i.file, loaded: i.loaded ?? 0, total: i.total ?? 0 };
  }
  return null;
}

interface TensorLike {
  data: ArrayLike<number | bigint>;
  dims: number[];
}

/**
 * Tokenizes with truncation at the entry's own limit (the pipeline would use
 * the model card's, which can be larger), runs the model, pools and normalizes.
 */
async function runBatch(pipe: FeatureExtractionPipeline, batch: string[], entry: EmbedderEntry) {
  const tokenize = pipe.tokenizer as unknown as (t: string[], o: object) => { input_ids: TensorLike; attention_mask: TensorLike };
  const inputs = tokenize(batch, { padding: true, truncation: true, max_length: entry.maxTokens });
  const model = pipe.model as unknown as (i: object) => Promise<Record<string, TensorLike | undefined>>;
  const outputs = await model(inputs);
  const hidden = outputs.last_hidden_state ?? outputs.token_embeddings ?? outputs.logits;
  if (!hidden || hidden.dims.length !== 3) throw new EmbedError(`The model "${entry.label}" returned no token states; is it a feature-extraction model?`);
  const [rows, seq, dim] = hidden.dims as [number, number, number];
  if (dim !== entry.dim) {
    throw new EmbedError(`The model "${entry.label}" returned ${dim}-dimensional vectors, but its catalog entry says ${entry.dim}. Fix the catalog entry.`);
  }
  const mask = Array.from(inputs.attention_mask.data, Number);
  const vectors = poolHiddenStates(Float32Array.from(hidden.data as ArrayLike<number>), mask, rows, seq, dim, entry.pooling);
  l2NormalizeRows(vectors, dim);
  const tokenCounts = Array.from({ length: rows }, (_, r) => mask.slice(r * seq, (r + 1) * seq).reduce((a, b) => a + b, 0));
  return { vectors, tokenCounts };
}

/** The ONNX file transformers.js loads for a dtype (its naming convention). */
export function onnxFileName(dtype: string): string {
  const suffix: Record<string, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4', q4f16: '_q4f16', bnb4: '_bnb4' };
  return `model${suffix[dtype] ?? `_${dtype}`}.onnx`;
}

/**
 * Checks that a local pack has the files a model needs, before transformers.js
 * tries: it names the missing file, and avoids a load that (in 4.3, in the
 * browser) can stall instead of failing when a file is missing.
 */
export async function checkLocalFiles(spec: { source: EmbedLoadSpec['source']; entry: { path: string } }, dtype: string): Promise<void> {
  if (spec.source.kind !== 'local' || !/^https?:/.test(spec.source.baseUrl)) return;
  const base = new URL(`${spec.entry.path}/`, spec.source.baseUrl.endsWith('/') ? spec.source.baseUrl : `${spec.source.baseUrl}/`);
  const files = ['config.json', 'tokenizer.json', `onnx/${onnxFileName(dtype)}`];
  const missing: string[] = [];
  await Promise.all(
    files.map(async (f) => {
      const r = await fetch(new URL(f, base), { method: 'HEAD' }).catch(() => null);
      // 405/501: a host that refuses HEAD; let the real load decide.
      if (r && (r.status === 404 || r.status === 410)) missing.push(f);
    }),
  );
  if (missing.length) throw new ModelLoadError(`the pack has no ${missing.sort().join(', ')} for this model`);
}

/** Errors that no other device would fix: missing files, HTTP errors, unreadable models. */
export function isFileError(e: unknown): boolean {
  return e instanceof ModelLoadError || /not found|404|40[13]|Failed to fetch|NetworkError|Could not locate|protobuf|invalid model|Unexpected token/i.test(errorMessage(e));
}

export class Embedder implements EmbedApi {
  #loaded: Loaded | null = null;
  #loading: Promise<Loaded> | null = null;
  #cancelled = new Set<number>();
  readonly #options: EmbedOptions;

  constructor(options: Partial<EmbedOptions> = {}) {
    this.#options = { ...defaultEmbedOptions, ...options };
  }

  async load(spec: EmbedLoadSpec, onProgress?: Progress): Promise<EmbedStatus> {
    if (this.#loaded?.spec.entry.id === spec.entry.id) return this.status();
    // One load at a time: a second caller for the same model shares the first one's promise.
    this.#loading ??= this.#load(spec, onProgress).finally(() => (this.#loading = null));
    this.#loaded = await this.#loading;
    if (this.#loaded.spec.entry.id !== spec.entry.id) return this.load(spec, onProgress);
    return this.status();
  }

  async #load(spec: EmbedLoadSpec, onProgress?: Progress): Promise<Loaded> {
    await this.#loaded?.pipe.dispose();
    this.#loaded = null;
    configureEnv(spec);
    const attempt = async (device: EmbedDevice): Promise<Loaded> => {
      const dtype = dtypeFor(spec.entry, device);
      await checkLocalFiles(spec, dtype);
      const pipe = await pipeline('feature-extraction', spec.entry.path, {
        device,
        dtype: dtype as 'fp32',
        progress_callback: (info: unknown) => {
          const p = toProgress(info);
          if (p) onProgress?.(p);
        },
      });
      return { spec, pipe, device, dtype };
    };
    let loaded: Loaded;
    try {
      loaded = await attempt(spec.device);
    } catch (e) {
      // WebGPU can fail on old drivers or a lost device; wasm always exists. The retry
      // happens in a fresh worker (see EmbedBridge): transformers.js keeps state from a
      // failed load that can stall a second one in the same worker. A missing or broken
      // file fails on any device, so it is reported at once.
      if (spec.device === 'webgpu' && !isFileError(e)) {
        throw new DeviceFallbackError(`WebGPU could not run the embedder (${errorMessage(e)}); retrying on WebAssembly.`, { cause: e });
      }
      throw this.#loadError(spec, e);
    }
    onProgress?.({ kind: 'ready', device: loaded.device, dtype: loaded.dtype });
    return loaded;
  }

  #loadError(spec: EmbedLoadSpec, cause: unknown): ModelLoadError {
    const detail = errorMessage(cause).replace(/\.$/, '');
    const i18n = spec.source.kind === 'local'
      ? tKey('errors:embedder.loadLocal', { label: spec.entry.label, url: `${spec.source.baseUrl}${spec.entry.path}`, detail })
      : tKey('errors:embedder.loadHub', { label: spec.entry.label, detail });
    return new ModelLoadError(i18n, { cause });
  }

  async embed(jobId: number, texts: string[], kind: TextKind, onProgress?: Progress): Promise<EmbedResult> {
    const loaded = this.#loaded;
    if (!loaded) throw new EmbedError(tKey('errors:embedder.notLoaded'));
    const { entry } = loaded.spec;
    const prefix = kind === 'query' ? entry.queryPrefix : entry.passagePrefix;
    const vectors = new Float32Array(texts.length * entry.dim);
    const tokenCounts: number[] = [];
    try {
      for (let start = 0; start < texts.length; start += this.#options.batchSize) {
        if (this.#cancelled.has(jobId)) throw abortError('Embedding was cancelled.');
        const batch = texts.slice(start, start + this.#options.batchSize).map((t) => prefix + t);
        const pooled = await runBatch(loaded.pipe, batch, entry);
        vectors.set(pooled.vectors, start * entry.dim);
        tokenCounts.push(...pooled.tokenCounts);
        onProgress?.({ kind: 'embed', done: Math.min(start + batch.length, texts.length), total: texts.length });
      }
    } finally {
      this.#cancelled.delete(jobId);
    }
    return { vectors, dim: entry.dim, count: texts.length, tokenCounts };
  }

  cancel(jobId: number): void {
    this.#cancelled.add(jobId);
  }

  status(): EmbedStatus {
    const l = this.#loaded;
    return { modelId: l?.spec.entry.id ?? null, device: l?.device ?? null, dtype: l?.dtype ?? null };
  }
}
