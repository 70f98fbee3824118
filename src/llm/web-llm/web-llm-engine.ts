// The production engine: web-llm in its dedicated worker, behind LlmEngine.
// It cannot run on this project's CI (no GPU, no model libraries can be
// downloaded), so its tests cover the app config, the wiring and the error
// mapping; generation itself is only exercised on real hardware.
import type { WebWorkerMLCEngine } from '@mlc-ai/web-llm';
import type { ChatChunk, ChatMessage, EngineCapabilities, GenerationOptions, LlmEngine, LoadProgress } from '../engine';
import { defaultGenerationOptions } from '../engine';
import type { AppConfigLike } from './app-config';
import { asAppConfig } from './cache-status';
import { mapWebLlmError } from './errors';
import { toEbnf } from '../constrain/ebnf';

export class WebLlmEngine implements LlmEngine {
  #engine: WebWorkerMLCEngine | null = null;
  #loaded: string | null = null;

  constructor(
    private readonly createWorker: () => Worker,
    private readonly appConfig: () => AppConfigLike,
  ) {}

  async load(modelId: string, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    if (this.#loaded === modelId) return;
    if (!('gpu' in navigator)) throw mapWebLlmError(new Error('WebGPU is not supported in this browser'));
    const initProgressCallback = (r: { progress: number; text: string }) => onProgress?.({ fraction: r.progress, text: r.text });
    const onAbort = () => void this.unload();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const appConfig = asAppConfig(this.appConfig());
      if (!this.#engine) {
        // Loaded on first use: the module is several MB.
        const { CreateWebWorkerMLCEngine } = await import('@mlc-ai/web-llm');
        this.#engine = await CreateWebWorkerMLCEngine(this.createWorker(), modelId, { appConfig, initProgressCallback });
      }
      else {
        this.#engine.setAppConfig(appConfig);
        this.#engine.setInitProgressCallback(initProgressCallback);
        await this.#engine.reload(modelId);
      }
      this.#loaded = modelId;
    } catch (e) {
      throw mapWebLlmError(e);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async *chat(messages: ChatMessage[], options: Partial<GenerationOptions> = {}, signal?: AbortSignal): AsyncIterable<ChatChunk> {
    const engine = this.#engine;
    if (!engine || !this.#loaded) throw mapWebLlmError(new Error('No model is loaded'));
    const o = { ...defaultGenerationOptions, ...options };
    const onAbort = () => engine.interruptGenerate();
    signal?.addEventListener('abort', onAbort, { once: true });
    const t0 = performance.now();
    let first = 0;
    try {
      const stream = await engine.chat.completions.create({
        messages, stream: true, stream_options: { include_usage: true },
        temperature: o.temperature, top_p: o.topP, max_tokens: o.maxTokens, seed: o.seed,
        // xgrammar compiles the grammar and masks the logits on the GPU side of web-llm.
        ...(o.constraint ? { response_format: { type: 'grammar' as const, grammar: toEbnf(o.constraint.grammar) } } : {}),
      });
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) {
          first ||= performance.now() - t0;
          yield { type: 'delta', text: delta };
        }
        const usage = chunk.usage as (undefined | { prompt_tokens: number; completion_tokens: number; extra?: Record<string, number> });
        if (usage) {
          const extra = usage.extra ?? {};
          yield {
            type: 'done',
            usage: {
              promptTokens: usage.prompt_tokens,
              completionTokens: usage.completion_tokens,
              timeToFirstTokenMs: (extra.time_to_first_token_s ?? first / 1000) * 1000,
              prefillTokensPerS: extra.prefill_tokens_per_s ?? 0,
              decodeTokensPerS: extra.decode_tokens_per_s ?? 0,
              finishReason: signal?.aborted ? 'interrupted' : usage.completion_tokens >= o.maxTokens ? 'length' : 'stop',
            },
          };
        }
      }
    } catch (e) {
      throw mapWebLlmError(e);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  interrupt(): void {
    this.#engine?.interruptGenerate();
  }

  async unload(): Promise<void> {
    await this.#engine?.unload();
    this.#loaded = null;
  }

  capabilities(): EngineCapabilities {
    return { engine: 'web-llm', device: 'webgpu', trainable: false };
  }
}
