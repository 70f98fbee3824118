// What the embed and rerank bridges share: a transformers.js model in a worker,
// chosen by a load spec and loaded lazily (again after an idle stop or a crash);
// calls run one at a time, in order; a load is cancelled by stopping the worker
// (transformers.js cannot stop a download half-way); and a failed WebGPU load is
// retried on WebAssembly in a fresh worker.
import { proxy, type Remote } from 'comlink';
import type { EmbedDevice } from '../shared/embed-api';
import { abortError, isAbortError } from '../shared/errors';
import { serialQueue } from './serial-queue';
import { WorkerHandle, type WorkerHandleOptions } from './worker-handle';

export interface ModelCallOptions<Progress> {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

interface ModelSpec {
  entry: { id: string };
  device: EmbedDevice;
}

/** The part of a model worker's API that loads its model. */
interface LoadsModel<Spec, Status, Progress> {
  load(spec: Spec, onProgress?: (p: Progress) => void): Promise<Status>;
}

export class ModelWorker<Api extends LoadsModel<Spec, Status, Progress>, Spec extends ModelSpec, Status extends { modelId: string | null }, Progress> {
  readonly #handle: WorkerHandle<Api>;
  /** The model to (re)load lazily, also after an idle stop. */
  spec: Spec | null = null;
  #loaded: Status | null = null;
  /** Load and model calls run one at a time, in order. */
  readonly enqueue = serialQueue();

  /** `what` names the model in messages ("embedder", "reranker"). */
  constructor(createWorker: () => Worker, options: Omit<WorkerHandleOptions, 'onStop'>, private readonly what: string) {
    this.#handle = new WorkerHandle(createWorker, { ...options, onStop: () => (this.#loaded = null) });
  }

  /** What is loaded in the worker now, or null. */
  get loaded(): Status | null {
    return this.#loaded;
  }

  /** Runs `fn` on a worker that has `this.spec`'s model loaded, loading it first (with the wasm retry) if needed. */
  async withModel<T>(options: ModelCallOptions<Progress>, fn: (api: Remote<Api>) => Promise<T>): Promise<T> {
    const attempt = () => this.#handle.call(async (api) => {
      await this.#ensureLoaded(api, options);
      return fn(api);
    });
    try {
      return await attempt();
    } catch (e) {
      // Cancelling a load stops the worker under the call: that is a cancellation, not a crash.
      if (options.signal?.aborted && !isAbortError(e)) throw abortError(`Loading the ${this.what} was cancelled.`);
      if ((e as { name?: string }).name !== 'DeviceFallbackError') throw e;
      console.warn((e as Error).message);
      // A fresh worker for the WebAssembly retry: nothing left over from the failed WebGPU load.
      this.terminate();
      this.spec = { ...this.spec!, device: 'wasm' };
      return attempt();
    }
  }

  /** Stops the worker and frees its memory; the next call starts a fresh one. A call still running rejects with an AbortError. */
  terminate(): void {
    this.#handle.terminate();
    this.#loaded = null;
  }

  /** Treats the worker as crashed: the call in flight rejects with a WorkerCrashError; the next call reloads in a fresh worker. */
  crash(reason: string): void {
    this.#handle.crash(reason);
    this.#loaded = null;
  }

  async #ensureLoaded(api: Remote<Api>, options: ModelCallOptions<Progress>): Promise<void> {
    const spec = this.spec;
    if (!spec) throw new Error(`No ${this.what} was chosen. Pick one in Models first.`);
    if (this.#loaded?.modelId === spec.entry.id) return;
    const onAbort = () => this.terminate();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // comlink's Remote<> of a generic API does not resolve for the type checker: the call is load(spec, onProgress).
      const remote = api as unknown as { load(spec: Spec, onProgress?: (p: Progress) => void): Promise<Status> };
      this.#loaded = await remote.load(spec, options.onProgress ? proxy(options.onProgress) : undefined);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
    if (options.signal?.aborted) throw abortError(`Loading the ${this.what} was cancelled.`);
  }
}
