// The one interface both LLM engines implement (web-llm for production, the lab
// engine for CPU, tests and fine-tuning). The UI and eval code use only this.
import type { ChatMessage } from './conv-template';

export type { ChatMessage };

export interface LoadProgress {
  /** 0..1 when known. */
  fraction: number | null;
  text: string;
}

export interface GenerationOptions {
  /** 0 = greedy. */
  temperature: number;
  topP: number;
  maxTokens: number;
  seed: number;
}

export const defaultGenerationOptions: GenerationOptions = { temperature: 0, topP: 1, maxTokens: 256, seed: 42 };

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  timeToFirstTokenMs: number;
  prefillTokensPerS: number;
  decodeTokensPerS: number;
  finishReason: 'stop' | 'length' | 'interrupted';
}

/** A streamed answer: text deltas, then one final usage record. */
export type ChatChunk = { type: 'delta'; text: string } | { type: 'done'; usage: Usage };

export interface EngineCapabilities {
  engine: 'web-llm' | 'lab';
  device: 'webgpu' | 'cpu';
  /** The lab engine can compute gradients (LoRA training) and apply adapters unmerged. */
  trainable: boolean;
}

export interface LlmEngine {
  load(modelId: string, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void>;
  chat(messages: ChatMessage[], options?: Partial<GenerationOptions>, signal?: AbortSignal): AsyncIterable<ChatChunk>;
  /** Stops a running generation between two tokens. */
  interrupt(): void;
  unload(): Promise<void>;
  capabilities(): EngineCapabilities;
}
