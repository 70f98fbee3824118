// Main-thread handle on the embed worker. The UI never touches comlink: it
// calls this bridge, which serializes jobs, maps AbortSignal onto the worker's
// cancel(), and terminates the worker after a while idle to give memory back.
import { proxy, type Remote } from 'comlink';
import type { EmbedApi, EmbedLoadSpec, EmbedProgress, EmbedResult, EmbedStatus, TextKind } from '../shared/embed-api';
import { abortError, isAbortError, restoreEmbedError } from '../shared/errors';
import { serialQueue } from './serial-queue';
import { WorkerHandle } from './worker-handle';

export interface EmbedCallOptions {
  signal?: AbortSignal;
  onProgress?: (p: EmbedProgress) => void;
}

const defaultIdleMs = 10 * 60_000;

export class EmbedBridge {
  readonly #handle: WorkerHandle<EmbedApi>;
  /** The model to (re)load lazily, also after an idle terminate. */
  #spec: EmbedLoadSpec | null = null;
  #loaded: EmbedStatus | null = null;
  /** Load and embed/rerank calls run one at a time, in order. */
  readonly #enqueue = serialQueue();
  #nextJob = 1;
  /** Embed calls running in the worker now (the debug hook crashes only during one). */
  #inFlight = 0;
  /** Debug hook armed: crashes the worker when its embed call comes; true once it has. */
  #crashArmed: ((started: boolean) => boolean) | null = null;

  constructor(createWorker: () => Worker, idleMs = defaultIdleMs) {
    this.#handle = new WorkerHandle(createWorker, {
      idleMs,
      onStop: () => (this.#loaded = null),
      mapError: restoreEmbedError,
      crashMessage: (reason) => `The embedding worker stopped (${reason}). Try again; if it happens again, pick a smaller model or close other tabs to free memory.`,
    });
  }

  /** The model the next embed() uses, loaded now so that progress can be shown. */
  load(spec: EmbedLoadSpec, options: EmbedCallOptions = {}): Promise<EmbedStatus> {
    this.#spec = spec;
    return this.#enqueue(options.signal, () => this.#withModel(options, async () => this.status));
  }

  /** Embeds texts into L2-normalized vectors with the loaded model. */
  embed(texts: string[], kind: TextKind, options: EmbedCallOptions = {}): Promise<EmbedResult> {
    return this.#enqueue(options.signal, () => this.#withModel(options, async (api) => {
      const jobId = this.#nextJob++;
      const onAbort = () => void api.cancel(jobId);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const call = api.embed(jobId, texts, kind, options.onProgress ? proxy(options.onProgress) : undefined);
      this.#inFlight++;
      this.#fireArmedCrash(true);
      try {
        return await call;
      } finally {
        this.#inFlight--;
        options.signal?.removeEventListener('abort', onAbort);
      }
    }));
  }

  /** What is loaded in the worker right now (null model when nothing is). */
  get status(): EmbedStatus {
    return this.#loaded ?? { modelId: null, device: null, dtype: null };
  }

  /** Stops the worker and frees its memory; the next call starts a fresh one. A call still running rejects with an AbortError. */
  terminate(): void {
    this.#handle.terminate();
    this.#loaded = null;
  }

  /**
   * Treats the worker as crashed: it is terminated, the call in flight rejects
   * with a WorkerCrashError, and the next call starts a fresh worker and reloads the model.
   */
  crash(reason = 'it was terminated'): void {
    this.#handle.crash(reason);
    this.#loaded = null;
  }

  /**
   * Debug hook (window.ragLabDebug.crashEmbedWorker): crashes the worker while an
   * embed call is in flight, after letting `skip` embed calls started from now
   * pass (0: the one in flight now, or else the next). Resolves once it has crashed.
   */
  crashDuringEmbed(skip = 0): Promise<void> {
    let left = skip;
    return new Promise((resolve) => {
      this.#crashArmed = (started) => {
        if (started && left > 0) {
          left--;
          return false;
        }
        if (left > 0 || this.#inFlight === 0) return false;
        this.crash('stopped by the debug hook');
        resolve();
        return true;
      };
      this.#fireArmedCrash(false);
    });
  }

  #fireArmedCrash(started: boolean): void {
    if (this.#crashArmed?.(started)) this.#crashArmed = null;
  }

  /** Runs `fn` on a worker that has the chosen model loaded, loading it first if needed. */
  async #withModel<T>(options: EmbedCallOptions, fn: (api: Remote<EmbedApi>) => Promise<T>): Promise<T> {
    const attempt = () => this.#handle.call(async (api) => {
      await this.#ensureLoaded(api, options);
      return fn(api);
    });
    try {
      return await attempt();
    } catch (e) {
      // Cancelling a load stops the worker under the call: that is a cancellation, not a crash.
      if (options.signal?.aborted && !isAbortError(e)) throw abortError('Loading the embedder was cancelled.');
      if ((e as { name?: string }).name !== 'DeviceFallbackError') throw e;
      console.warn((e as Error).message);
      // A fresh worker for the WebAssembly retry: nothing left over from the failed WebGPU load.
      this.terminate();
      this.#spec = { ...this.#spec!, device: 'wasm' };
      return attempt();
    }
  }

  async #ensureLoaded(api: Remote<EmbedApi>, options: EmbedCallOptions): Promise<void> {
    const spec = this.#spec;
    if (!spec) throw new Error('No embedding model was chosen. Pick one in Models first.');
    if (this.#loaded?.modelId === spec.entry.id) return;
    // transformers.js cannot stop a download half-way: on abort we drop the whole worker.
    const onAbort = () => this.terminate();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.#loaded = await api.load(spec, options.onProgress ? proxy(options.onProgress) : undefined);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
    if (options.signal?.aborted) throw abortError('Loading the embedder was cancelled.');
  }
}
