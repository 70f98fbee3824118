// Main-thread handle on the rerank worker, on the shared WorkerHandle: jobs run
// one at a time, an AbortSignal maps onto the worker's cancel() (checked between
// batches), a failed WebGPU load is retried on wasm in a fresh worker, and the
// worker stops after a while idle to give its memory back.
import { proxy } from 'comlink';
import type { RerankApi, RerankLoadSpec, RerankProgress, RerankResult, RerankStatus } from '../shared/rerank-api';
import { ModelWorker } from './model-worker';

export interface RerankCallOptions {
  signal?: AbortSignal;
  onProgress?: (p: RerankProgress) => void;
}

const defaultIdleMs = 10 * 60_000;
const none: RerankStatus = { modelId: null, device: null, dtype: null };

export class RerankBridge {
  readonly #model: ModelWorker<RerankApi, RerankLoadSpec, RerankStatus, RerankProgress>;
  #nextJob = 1;

  constructor(createWorker: () => Worker, idleMs = defaultIdleMs) {
    this.#model = new ModelWorker(createWorker, { idleMs }, 'reranker');
  }

  /** Chooses the reranker and loads it now, so that progress can be shown. */
  load(spec: RerankLoadSpec, options: RerankCallOptions = {}): Promise<RerankStatus> {
    this.#model.spec = spec;
    return this.#model.enqueue(options.signal, () => this.#model.withModel(options, async () => this.status));
  }

  /** Scores `query` against each passage with `spec`'s model, loading it first if needed. */
  rerank(spec: RerankLoadSpec, query: string, passages: string[], options: RerankCallOptions = {}): Promise<RerankResult> {
    return this.#model.enqueue(options.signal, () => {
      // A spec that names the model already chosen keeps the chosen device (it may have fallen back to wasm).
      if (this.#model.spec?.entry.id !== spec.entry.id) this.#model.spec = spec;
      return this.#model.withModel(options, async (api) => {
        const jobId = this.#nextJob++;
        const onAbort = () => void api.cancel(jobId);
        options.signal?.addEventListener('abort', onAbort, { once: true });
        try {
          return await api.rerank(jobId, query, passages, options.onProgress ? proxy(options.onProgress) : undefined);
        } finally {
          options.signal?.removeEventListener('abort', onAbort);
        }
      });
    });
  }

  /** What is loaded in the worker right now. */
  get status(): RerankStatus {
    return this.#model.loaded ?? none;
  }

  terminate(): void {
    this.#model.terminate();
  }
}
