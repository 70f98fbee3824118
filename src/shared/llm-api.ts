// The typed API of the lab LLM worker (src/workers/lab-llm.worker.ts). Streaming
// goes through a callback (comlink cannot pass async generators).
import type { ChatChunk, ChatMessage, CrossCheck, GenerationOptions, LoadProgress, SourceBudget } from './llm-types';

/** Where a lab-engine model's files are: a folder URL holding mlc-chat-config.json and the rest. */
export interface LabModelSpec {
  id: string;
  baseUrl: string;
  /**
   * 'webgpu' and 'wasm' run the jax-js path (on the GPU, or compiled to WebAssembly on the CPU: the
   * choice without WebGPU); 'cpu' the plain-TypeScript reference, which either falls back to.
   */
  device?: 'cpu' | 'webgpu' | 'wasm';
}

export interface LabLlmApi {
  /** Loads the model; resolves with the device generation will run on, and the model's source budget (capabilities). */
  load(spec: LabModelSpec, onProgress?: (p: LoadProgress) => void): Promise<{ device: 'cpu' | 'webgpu' | 'wasm'; sourceBudget?: SourceBudget }>;
  chat(messages: ChatMessage[], options: Partial<GenerationOptions>, onChunk: (c: ChatChunk) => void): Promise<void>;
  interrupt(): void;
  unload(): Promise<void>;
  /** Compares the jax-js forward on a device with the CPU reference (loads the model first). */
  crossCheck(spec: LabModelSpec, device: 'webgpu' | 'wasm'): Promise<CrossCheck>;
}
