// Main-thread handle on the embed worker. The UI never touches comlink: it
// calls this bridge, which serializes jobs, maps AbortSignal onto the worker's
// cancel(), and terminates the worker after a while idle to give memory back.
import { proxy, wrap, type Remote } from 'comlink';
import type { EmbedApi, EmbedLoadSpec, EmbedProgress, EmbedResult, EmbedStatus, TextKind } from '../shared/embed-api';
import { abortError } from '../shared/errors';

export interface EmbedCallOptions {
  signal?: AbortSignal;
  onProgress?: (p: EmbedProgress) => void;
}

const defaultIdleMs = 10 * 60_000;

export class EmbedBridge {
  #worker: Worker | null = null;
  #api: Remote<EmbedApi> | null = null;
  /** The model to (re)load lazily, also after an idle terminate. */
  #spec: EmbedLoadSpec | null = null;
  #loaded: EmbedStatus | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #nextJob = 1;
  #pending = 0;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly createWorker: () => Worker,
    private readonly idleMs = defaultIdleMs,
  ) {}

  /** The model the next embed() uses, loaded now so that progress can be shown. */
  load(spec: EmbedLoadSpec, options: EmbedCallOptions = {}): Promise<EmbedStatus> {
    this.#spec = spec;
    return this.#enqueue(options.signal, async () => {
      await this.#ensureLoaded(options);
      return this.status;
    });
  }

  /** Embeds texts into L2-normalized vectors with the loaded model. */
  embed(texts: string[], kind: TextKind, options: EmbedCallOptions = {}): Promise<EmbedResult> {
    return this.#enqueue(options.signal, async () => {
      const api = await this.#ensureLoaded(options);
      const jobId = this.#nextJob++;
      const onAbort = () => void api.cancel(jobId);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await api.embed(jobId, texts, kind, options.onProgress ? proxy(options.onProgress) : undefined);
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    });
  }

  /** What is loaded in the worker right now (null model when nothing is). */
  get status(): EmbedStatus {
    return this.#loaded ?? { modelId: null, device: null, dtype: null };
  }

  /** Stops the worker and frees its memory; the next call starts a fresh one. */
  terminate(): void {
    clearTimeout(this.#idleTimer);
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
    this.#loaded = null;
  }

  async #ensureLoaded(options: EmbedCallOptions): Promise<Remote<EmbedApi>> {
    const spec = this.#spec;
    if (!spec) throw new Error('No embedding model was chosen. Pick one in Models first.');
    if (!this.#api) {
      this.#worker = this.createWorker();
      this.#api = wrap<EmbedApi>(this.#worker);
    }
    const api = this.#api;
    if (this.#loaded?.modelId !== spec.entry.id) {
      // transformers.js cannot stop a download half-way: on abort we drop the whole worker.
      const onAbort = () => this.terminate();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        try {
          this.#loaded = await api.load(spec, options.onProgress ? proxy(options.onProgress) : undefined);
        } catch (e) {
          if ((e as { name?: string }).name !== 'DeviceFallbackError') throw e;
          console.warn((e as Error).message);
          // A fresh worker for the WebAssembly retry: nothing left over from the failed WebGPU load.
          this.terminate();
          this.#spec = { ...spec, device: 'wasm' };
          return this.#ensureLoaded(options);
        }
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
      if (options.signal?.aborted) throw abortError('Loading the embedder was cancelled.');
    }
    return api;
  }

  #enqueue<T>(signal: AbortSignal | undefined, job: () => Promise<T>): Promise<T> {
    clearTimeout(this.#idleTimer);
    this.#pending++;
    const run = async () => {
      if (signal?.aborted) throw abortError();
      return job();
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined).finally(() => {
      if (--this.#pending === 0) this.#armIdle();
    });
    return result;
  }

  #armIdle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.terminate(), this.idleMs);
  }
}
