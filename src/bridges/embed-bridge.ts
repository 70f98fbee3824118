// Main-thread handle on the embed worker. The UI never touches comlink: it
// calls this bridge, which serializes jobs, maps AbortSignal onto the worker's
// cancel(), and terminates the worker after a while idle to give memory back.
import { proxy } from 'comlink';
import type { EmbedApi, EmbedLoadSpec, EmbedProgress, EmbedResult, EmbedStatus, TextKind } from '../shared/embed-api';
import { ModelWorker } from './model-worker';

export interface EmbedCallOptions {
  signal?: AbortSignal;
  onProgress?: (p: EmbedProgress) => void;
}

const defaultIdleMs = 10 * 60_000;

export class EmbedBridge {
  readonly #model: ModelWorker<EmbedApi, EmbedLoadSpec, EmbedStatus, EmbedProgress>;
  #nextJob = 1;
  /** Embed calls running in the worker now (the debug hook crashes only during one). */
  #inFlight = 0;
  /** Debug hook armed: crashes the worker when its embed call comes; true once it has. */
  #crashArmed: ((started: boolean) => boolean) | null = null;

  constructor(createWorker: () => Worker, idleMs = defaultIdleMs) {
    this.#model = new ModelWorker(createWorker, {
      idleMs,
      crashMessage: (reason) => `The embedding worker stopped (${reason}). Try again; if it happens again, pick a smaller model or close other tabs to free memory.`,
    }, 'embedder');
  }

  /** The model the next embed() uses, loaded now so that progress can be shown. */
  load(spec: EmbedLoadSpec, options: EmbedCallOptions = {}): Promise<EmbedStatus> {
    this.#model.spec = spec;
    return this.#model.enqueue(options.signal, () => this.#model.withModel(options, async () => this.status));
  }

  /** Embeds texts into L2-normalized vectors with the loaded model. */
  embed(texts: string[], kind: TextKind, options: EmbedCallOptions = {}): Promise<EmbedResult> {
    return this.#model.enqueue(options.signal, () => this.#model.withModel(options, async (api) => {
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
    return this.#model.loaded ?? { modelId: null, device: null, dtype: null };
  }

  /** Stops the worker and frees its memory; the next call starts a fresh one. A call still running rejects with an AbortError. */
  terminate(): void {
    this.#model.terminate();
  }

  /**
   * Treats the worker as crashed: it is terminated, the call in flight rejects
   * with a WorkerCrashError, and the next call starts a fresh worker and reloads the model.
   */
  crash(reason = 'it was terminated'): void {
    this.#model.crash(reason);
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
}
