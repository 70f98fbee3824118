// Main-thread LlmEngine over the lab LLM worker: turns the worker's callbacks
// back into an async stream, and maps AbortSignal onto interrupt().
import { proxy } from 'comlink';
import type { LlmEngine } from '../llm/engine';
import type { LabLlmApi, LabModelSpec } from '../shared/llm-api';
import type { ChatChunk, ChatMessage, CrossCheck, EngineCapabilities, GenerationOptions, LoadProgress, SourceBudget } from '../shared/llm-types';
import { abortError } from '../shared/errors';
import { WorkerHandle } from './worker-handle';

export class LabLlmBridge implements LlmEngine {
  // The worker holds the loaded model: it is never stopped for being idle.
  readonly #handle: WorkerHandle<LabLlmApi>;
  #loaded: string | null = null;
  #device: 'cpu' | 'webgpu' | 'wasm' = 'cpu';
  #sourceBudget: SourceBudget | undefined;

  constructor(
    createWorker: () => Worker,
    private readonly resolve: (modelId: string) => LabModelSpec | null,
  ) {
    this.#handle = new WorkerHandle(createWorker, { idleMs: null, onStop: () => (this.#loaded = null) });
  }

  get loaded(): string | null {
    return this.#loaded;
  }

  async load(modelId: string, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    if (this.#loaded === modelId) return;
    const spec = this.resolve(modelId);
    if (!spec) throw new Error(`The model ${modelId} is not in this site's model pack.`);
    const onAbort = () => this.#handle.terminate();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const loaded = await this.#handle.call((api) => api.load(spec, onProgress ? proxy(onProgress) : undefined));
      this.#device = loaded.device;
      this.#sourceBudget = loaded.sourceBudget;
      this.#loaded = modelId;
    } catch (e) {
      // Cancelling stops the worker under the call: that is a cancellation, not a crash.
      if (signal?.aborted) throw abortError('Loading the model was cancelled.');
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted) throw abortError('Loading the model was cancelled.');
  }

  async *chat(messages: ChatMessage[], options: Partial<GenerationOptions> = {}, signal?: AbortSignal): AsyncIterable<ChatChunk> {
    const queue: ChatChunk[] = [];
    let wake: (() => void) | null = null;
    let finished = false;
    let failure: unknown = null;
    const onAbort = () => this.interrupt();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.#handle
      .call((api) => api.chat(messages, options, proxy((c: ChatChunk) => {
        queue.push(c);
        wake?.();
      })))
      .catch((e: unknown) => (failure = e))
      .finally(() => {
        finished = true;
        wake?.();
      });
    try {
      for (;;) {
        while (queue.length) {
          const c = queue.shift()!;
          yield c;
          if (c.type === 'done') return;
        }
        if (failure) throw failure;
        if (finished) return;
        await new Promise<void>((r) => (wake = r));
        wake = null;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  interrupt(): void {
    if (this.#handle.running) void this.#handle.call((api) => api.interrupt());
  }

  /** Runs the jax-js path on `device` and compares it with the CPU reference, in the worker. */
  async crossCheck(modelId: string, device: 'webgpu' | 'wasm'): Promise<CrossCheck> {
    const spec = this.resolve(modelId);
    if (!spec) throw new Error(`The model ${modelId} is not in this site's model pack.`);
    const result = await this.#handle.call((api) => api.crossCheck(spec, device));
    // The check leaves the model loaded for the CPU: the next load() picks the device again.
    this.#loaded = null;
    return result;
  }

  async unload(): Promise<void> {
    if (this.#handle.running) await this.#handle.call((api) => api.unload());
    this.#loaded = null;
  }

  capabilities(): EngineCapabilities {
    return { engine: 'lab', device: this.#device, trainable: true, ...(this.#sourceBudget ? { sourceBudget: this.#sourceBudget } : {}) };
  }
}
