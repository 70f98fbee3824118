// Main-thread handle on the embed worker. The UI never touches comlink: it
// calls this bridge, which serializes jobs, maps AbortSignal onto the worker's
// cancel(), and terminates the worker after a while idle to give memory back.
// A worker that dies mid-call (crash, out of memory) would leave comlink's
// promises pending for ever: every call races the worker's death instead.
import { proxy, wrap, type Remote } from 'comlink';
import type { EmbedApi, EmbedLoadSpec, EmbedProgress, EmbedResult, EmbedStatus, TextKind } from '../shared/embed-api';
import { WorkerCrashError, abortError } from '../shared/errors';

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
  /** Rejects when the current worker dies; every call to it races this. */
  #died: Promise<never> = new Promise(() => undefined);
  #kill: (e: Error) => void = () => undefined;
  #inFlight = 0;
  /** Debug hook armed: crashes the worker when its embed call comes; true once it has. */
  #crashArmed: ((started: boolean) => boolean) | null = null;

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
      const call = this.#guard(api.embed(jobId, texts, kind, options.onProgress ? proxy(options.onProgress) : undefined));
      this.#inFlight++;
      this.#fireArmedCrash(true);
      try {
        return await call;
      } finally {
        this.#inFlight--;
        options.signal?.removeEventListener('abort', onAbort);
      }
    });
  }

  /** What is loaded in the worker right now (null model when nothing is). */
  get status(): EmbedStatus {
    return this.#loaded ?? { modelId: null, device: null, dtype: null };
  }

  /** Stops the worker and frees its memory; the next call starts a fresh one. A call still running rejects with an AbortError. */
  terminate(): void {
    this.#stop(abortError('The embedding worker was stopped.'));
  }

  /**
   * Treats the worker as crashed: it is terminated, the call in flight rejects
   * with a WorkerCrashError, and the next call starts a fresh worker and reloads the model.
   */
  crash(reason = 'it was terminated'): void {
    this.#stop(new WorkerCrashError(`The embedding worker stopped (${reason}). Try again; if it happens again, pick a smaller model or close other tabs to free memory.`));
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

  #stop(reason: Error): void {
    clearTimeout(this.#idleTimer);
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
    this.#loaded = null;
    this.#kill(reason);
    this.#kill = () => undefined;
  }

  #guard<T>(call: Promise<T>): Promise<T> {
    return Promise.race([call, this.#died]);
  }

  async #ensureLoaded(options: EmbedCallOptions): Promise<Remote<EmbedApi>> {
    const spec = this.#spec;
    if (!spec) throw new Error('No embedding model was chosen. Pick one in Models first.');
    if (!this.#api) {
      const worker = this.createWorker();
      this.#worker = worker;
      this.#api = wrap<EmbedApi>(worker);
      this.#died = new Promise<never>((_, reject) => (this.#kill = reject));
      this.#died.catch(() => undefined); // observed only by calls in flight
      // An uncaught error in the worker (the model runtime crashed, out of memory) leaves it unusable.
      worker.addEventListener?.('error', (ev) => {
        if (this.#worker === worker) this.crash(ev.message || 'an error in the worker');
      });
    }
    const api = this.#api;
    if (this.#loaded?.modelId !== spec.entry.id) {
      // transformers.js cannot stop a download half-way: on abort we drop the whole worker.
      const onAbort = () => this.terminate();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        try {
          this.#loaded = await this.#guard(api.load(spec, options.onProgress ? proxy(options.onProgress) : undefined));
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
