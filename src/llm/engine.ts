// The one interface both LLM engines implement (web-llm for production, the lab
// engine for CPU, tests and fine-tuning). The UI and eval code use only this.
import type { ChatChunk, ChatMessage, EngineCapabilities, GenerationOptions, LoadProgress } from '../shared/llm-types';

export type { ChatChunk, ChatMessage, EngineCapabilities, GenerationOptions, LoadProgress, Usage } from '../shared/llm-types';

export const defaultGenerationOptions: GenerationOptions = { temperature: 0, topP: 1, maxTokens: 256, seed: 42 };

export interface LlmEngine {
  load(modelId: string, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void>;
  chat(messages: ChatMessage[], options?: Partial<GenerationOptions>, signal?: AbortSignal): AsyncIterable<ChatChunk>;
  /** Stops a running generation between two tokens. */
  interrupt(): void;
  unload(): Promise<void>;
  capabilities(): EngineCapabilities;
}
