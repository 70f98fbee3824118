// Main-thread LlmEngine over the lab LLM worker: turns the worker's callbacks
// back into an async stream, and maps AbortSignal onto interrupt().
import { proxy, wrap, type Remote } from 'comlink';
import type { ChatChunk, ChatMessage, EngineCapabilities, GenerationOptions, LlmEngine, LoadProgress } from '../llm/engine';
import type { CrossCheck } from '../llm/lab/lab-engine';
import type { LabLlmApi, LabModelSpec } from '../shared/llm-api';
import { abortError } from '../shared/errors';

export class LabLlmBridge implements LlmEngine {
  #worker: Worker | null = null;
  #api: Remote<LabLlmApi> | null = null;
  #loaded: string | null = null;
  #device: 'cpu' | 'webgpu' = 'cpu';

  constructor(
    private readonly createWorker: () => Worker,
    private readonly resolve: (modelId: string) => LabModelSpec | null,
  ) {}

  #get(): Remote<LabLlmApi> {
    if (!this.#api) {
      this.#worker = this.createWorker();
      this.#api = wrap<LabLlmApi>(this.#worker);
    }
    return this.#api;
  }

  get loaded(): string | null {
    return this.#loaded;
  }

  async load(modelId: string, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    if (this.#loaded === modelId) return;
    const spec = this.resolve(modelId);
    if (!spec) throw new Error(`The model ${modelId} is not in this site's model pack.`);
    const onAbort = () => this.#terminate();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.#device = await this.#get().load(spec, onProgress ? proxy(onProgress) : undefined);
      this.#loaded = modelId;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted) throw abortError('Loading the model was cancelled.');
  }

  async *chat(messages: ChatMessage[], options: Partial<GenerationOptions> = {}, signal?: AbortSignal): AsyncIterable<ChatChunk> {
    const api = this.#get();
    const queue: ChatChunk[] = [];
    let wake: (() => void) | null = null;
    let finished = false;
    let failure: unknown = null;
    const onAbort = () => void api.interrupt();
    signal?.addEventListener('abort', onAbort, { once: true });
    api
      .chat(messages, options, proxy((c: ChatChunk) => {
        queue.push(c);
        wake?.();
      }))
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
    void this.#api?.interrupt();
  }

  /** Runs the jax-js path on `device` and compares it with the CPU reference, in the worker. */
  async crossCheck(modelId: string, device: 'webgpu' | 'wasm'): Promise<CrossCheck> {
    const spec = this.resolve(modelId);
    if (!spec) throw new Error(`The model ${modelId} is not in this site's model pack.`);
    const result = await this.#get().crossCheck(spec, device);
    // The check leaves the model loaded for the CPU: the next load() picks the device again.
    this.#loaded = null;
    return result;
  }

  async unload(): Promise<void> {
    await this.#api?.unload();
    this.#loaded = null;
  }

  capabilities(): EngineCapabilities {
    return { engine: 'lab', device: this.#device, trainable: true };
  }

  #terminate(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
    this.#loaded = null;
  }
}
