// Plain data that crosses between the UI, the LLM workers and the eval and
// fine-tune code. Defined here, the lowest layer, so that worker APIs in
// shared/ need nothing from the layers above (see docs/architecture.md).

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LoadProgress {
  /** 0..1 when known. */
  fraction: number | null;
  text: string;
}

/** Sampling settings: the one type for Chat, Compare, Evaluate and the engines. */
export interface GenerationOptions {
  /** 0 = greedy. */
  temperature: number;
  topP: number;
  maxTokens: number;
  seed: number;
  /** Constrained decoding: the output must belong to this language (src/llm/constrain/). */
  constraint?: OutputConstraint;
}

/**
 * A language over characters, as plain data so that it crosses to the LLM worker. web-llm gets it as an EBNF
 * grammar (its `response_format`, compiled by xgrammar), the lab engine as a token mask (src/llm/constrain/).
 * Build it with the helpers in shared/grammar.ts.
 */
export type Grammar =
  | { kind: 'literal'; text: string }
  /** One character among inclusive code-point ranges (or, negated, any character outside them). */
  | { kind: 'chars'; ranges: [number, number][]; negated?: boolean }
  | { kind: 'sequence'; items: Grammar[] }
  | { kind: 'choice'; items: Grammar[] }
  /** `item` min..max times; max null = unbounded. */
  | { kind: 'repeat'; item: Grammar; min: number; max: number | null };

/** What a constrained generation must write: a name for messages and provenance, and its grammar. */
export interface OutputConstraint {
  name: string;
  grammar: Grammar;
}

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
  /** 'wasm' and 'cpu' both run on the CPU: the lab engine's jax-js path compiled to WebAssembly, or its reference. */
  device: 'webgpu' | 'wasm' | 'cpu';
  /** The lab engine can compute gradients (LoRA training) and apply adapters unmerged. */
  trainable: boolean;
  /**
   * What the loaded model reads of the retrieved sources (mlc-chat-config.json's `source_sentences` and
   * `source_limit`): a small-context model trained on short sources, such as the built-in reader. Absent: every
   * retrieved chunk, whole.
   */
  sourceBudget?: SourceBudget;
}

/**
 * A small model's source budget. `sentences`: each source keeps its sentences closest to the question
 * (rag/compress.ts). `sources`: only the first this many retrieved chunks are shown (the rest are not cited).
 * `quote`: a RAG reply is one shown source's text quoted whole with its citation, or the abstention sentence, enforced
 * by constrained decoding (rag/prompt.ts quoteConstraint): a reader too small to copy long sentences faithfully.
 */
export interface SourceBudget {
  sentences?: number;
  sources?: number;
  quote?: boolean;
}

/** The lab engine's device path (jax-js) against its CPU reference on the same tokens. */
export interface CrossCheck {
  device: 'webgpu' | 'wasm';
  tokens: number;
  /** Largest absolute difference between the device's logits and the reference's. */
  maxDiff: number;
  sameGreedy: boolean;
  deviceMs: number;
  referenceMs: number;
  /** Eight greedy tokens after the check tokens, decoded with each path's KV cache. */
  referenceTokens: number[];
  deviceTokens: number[];
}

/** The families the lab engine, the merge and the adapter checks support; data, so a refusal can list them. */
/**
 * The weight formats the lab engine, the trainer and the merge read: unquantized MLC builds and web-llm's 4-bit
 * q4f16_1 (trained as QLoRA: the frozen base stays 4-bit and is dequantized a layer at a time; docs/llm.md).
 */
export const trainableQuantizations = ['q0f32', 'q0f16', 'q4f16_1'] as const;
export type TrainableQuantization = (typeof trainableQuantizations)[number];
export const isTrainableQuantization = (q: string): q is TrainableQuantization => (trainableQuantizations as readonly string[]).includes(q);

export const supportedFamilies = ['llama', 'qwen2', 'qwen3'] as const;
export type ModelFamily = (typeof supportedFamilies)[number];
