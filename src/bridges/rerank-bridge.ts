// Main-thread handle on the rerank worker, on the shared WorkerHandle: jobs run
// one at a time, an AbortSignal maps onto the worker's cancel() (checked between
// batches), a failed WebGPU load is retried on wasm in a fresh worker, and the
// worker stops after a while idle to give its memory back.
import { proxy, type Remote } from 'comlink';
import { abortError, isAbortError } from '../shared/errors';
import type { RerankApi, RerankLoadSpec, RerankProgress, RerankResult, RerankStatus } from '../shared/rerank-api';
import { serialQueue } from './serial-queue';
import { WorkerHandle } from './worker-handle';

export interface RerankCallOptions {
  signal?: AbortSignal;
  onProgress?: (p: RerankProgress) => void;
}

const defaultIdleMs = 10 * 60_000;
const none: RerankStatus = { modelId: null, device: null, dtype: null };

export class RerankBridge {
  readonly #handle: WorkerHandle<RerankApi>;
  #spec: RerankLoadSpec | null = null;
  #loaded: RerankStatus | null = null;
  /** Load and embed/rerank calls run one at a time, in order. */
  readonly #enqueue = serialQueue();
  #nextJob = 1;

  constructor(createWorker: () => Worker, idleMs = defaultIdleMs) {
    this.#handle = new WorkerHandle(createWorker, { idleMs, onStop: () => (this.#loaded = null) });
  }

  /** Chooses the reranker and loads it now, so that progress can be shown. */
  load(spec: RerankLoadSpec, options: RerankCallOptions = {}): Promise<RerankStatus> {
    this.#spec = spec;
    return this.#enqueue(options.signal, () => this.#withModel(spec, options, async () => this.status));
  }

  /** Scores `query` against each passage with `spec`'s model, loading it first if needed. */
  rerank(spec: RerankLoadSpec, query: string, passages: string[], options: RerankCallOptions = {}): Promise<RerankResult> {
    return this.#enqueue(options.signal, () => this.#withModel(spec, options, async (api) => {
      const jobId = this.#nextJob++;
      const onAbort = () => void api.cancel(jobId);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await api.rerank(jobId, query, passages, options.onProgress ? proxy(options.onProgress) : undefined);
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    }));
  }

  /** What is loaded in the worker right now. */
  get status(): RerankStatus {
    return this.#loaded ?? none;
  }

  terminate(): void {
    this.#handle.terminate();
    this.#loaded = null;
  }

  async #withModel<T>(spec: RerankLoadSpec, options: RerankCallOptions, fn: (api: Remote<RerankApi>) => Promise<T>): Promise<T> {
    // A spec that names the model already chosen keeps the chosen device (it may have fallen back to wasm).
    if (this.#spec?.entry.id !== spec.entry.id) this.#spec = spec;
    const attempt = () => this.#handle.call(async (api) => {
      await this.#ensureLoaded(api, options);
      return fn(api);
    });
    try {
      return await attempt();
    } catch (e) {
      if (options.signal?.aborted && !isAbortError(e)) throw abortError('Loading the reranker was cancelled.');
      if ((e as { name?: string }).name !== 'DeviceFallbackError') throw e;
      console.warn((e as Error).message);
      this.terminate();
      this.#spec = { ...this.#spec!, device: 'wasm' };
      return attempt();
    }
  }

  async #ensureLoaded(api: Remote<RerankApi>, options: RerankCallOptions): Promise<void> {
    const spec = this.#spec!;
    if (this.#loaded?.modelId === spec.entry.id) return;
    // transformers.js cannot stop a download half-way: on abort the whole worker goes.
    const onAbort = () => this.terminate();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.#loaded = await api.load(spec, options.onProgress ? proxy(options.onProgress) : undefined);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
    if (options.signal?.aborted) throw abortError('Loading the reranker was cancelled.');
  }
}
