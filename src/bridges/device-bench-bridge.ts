// Main-thread handle on the device-bench worker. The worker is stopped when the run
// ends (it holds a model's weights and compiled programs on the GPU) and when the
// person cancels; the next run starts a fresh one.
import { proxy } from 'comlink';
import type { DeviceBenchApi, DeviceBenchEvent, DeviceBenchSpec } from '../shared/device-bench-api';
import { abortError } from '../shared/errors';
import { WorkerHandle } from './worker-handle';

export class DeviceBenchBridge {
  readonly #handle: WorkerHandle<DeviceBenchApi>;

  constructor(createWorker: () => Worker) {
    this.#handle = new WorkerHandle(createWorker, {
      idleMs: 0,
      crashMessage: (reason) => `The benchmark stopped (${reason}). The GPU may have run out of memory: try again without the 135M model.`,
    });
  }

  /** Runs the bench; `onEvent` gets each figure as it is measured. Cancel with `signal` (the worker is stopped). */
  async run(spec: DeviceBenchSpec, onEvent: (e: DeviceBenchEvent) => void, signal?: AbortSignal): Promise<{ device: string }> {
    const onAbort = () => this.#handle.terminate();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.#handle.call((api) => api.run(spec, proxy(onEvent)));
    } catch (e) {
      if (signal?.aborted) throw abortError('The benchmark was cancelled.');
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
