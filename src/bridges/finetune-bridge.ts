// Main-thread handle on the fine-tune worker: started on first use, stopped when
// idle (a merge holds model tensors; the memory goes back with the worker).
import type { AdapterFiles, FinetuneApi, MergeCheck, MergeJob, MergeSummary } from '../shared/finetune-api';
import { WorkerHandle } from './worker-handle';

const idleMs = 60_000;

export class FinetuneBridge {
  readonly #handle: WorkerHandle<FinetuneApi>;

  constructor(createWorker: () => Worker) {
    this.#handle = new WorkerHandle(createWorker, { idleMs });
  }

  /** Checks an adapter against the base model's files at `baseUrl`, without merging. */
  check(baseUrl: string, baseLabel: string, adapter: AdapterFiles): Promise<Omit<MergeSummary, 'bytes' | 'referencesBase' | 'changedTensors' | 'dtype'>> {
    return this.#handle.call((api) => api.check(baseUrl, baseLabel, adapter));
  }

  /** Merges and writes the merged model into web-llm's caches; returns its summary and the URLs written. */
  merge(job: MergeJob): Promise<{ summary: MergeSummary; urls: string[] }> {
    return this.#handle.call((api) => api.merge(job));
  }

  /** Merged logits against base + runtime LoRA on this machine. */
  checkMerge(baseUrl: string, mergedUrl: string, adapter: AdapterFiles, baseLabel: string): Promise<MergeCheck> {
    return this.#handle.call((api) => api.checkMerge(baseUrl, mergedUrl, adapter, baseLabel));
  }

  stop(): void {
    this.#handle.terminate();
  }
}
