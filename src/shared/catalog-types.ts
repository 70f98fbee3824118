// The format of models/catalog.json, the file through which offline packs and
// the tests provide local models. Documented in docs/catalog.md.

export type Pooling = 'mean' | 'cls';

/** An embedding model that transformers.js loads as `feature-extraction`. */
export interface EmbedderEntry {
  /** Unique id, e.g. "local/tiny-embedder" or a Hugging Face id. */
  id: string;
  label: string;
  /** Folder relative to the catalog (local) or Hugging Face repo id (hub). */
  path: string;
  dim: number;
  /** Longest input the model accepts, in its own tokens. */
  maxTokens: number;
  /** ONNX weights variant: fp32, fp16, q8 … ; per device when an object. */
  dtype: string | { webgpu: string; wasm: string };
  pooling: Pooling;
  /** Prepended to queries and passages (e.g. the e5 family's "query: "). */
  queryPrefix: string;
  passagePrefix: string;
  languages?: string;
  sizeMB?: number;
}

/**
 * A cross-encoder reranker that transformers.js loads as a sequence-classification
 * (text-classification) model: it reads a (query, passage) pair and returns one
 * relevance logit.
 */
export interface RerankerEntry {
  id: string;
  label: string;
  /** Folder relative to the catalog (local) or Hugging Face repo id (hub). */
  path: string;
  /** Longest query + passage pair the model accepts, in its own tokens. */
  maxTokens: number;
  /** ONNX weights variant: fp32, fp16, q8 … ; per device when an object. */
  dtype: string | { webgpu: string; wasm: string };
  languages?: string;
  sizeMB?: number;
}

/** An LLM entry; its engine-specific fields are defined by the LLM issue. */
export interface LlmEntry {
  id: string;
  label: string;
  path: string;
  engine: 'web-llm' | 'lab';
  [extra: string]: unknown;
}

/** A PEFT LoRA adapter in the pack: a folder with adapter_config.json and adapter_model.safetensors. */
export interface AdapterEntry {
  id: string;
  label: string;
  /** The id of the LLM it was trained on. */
  base: string;
  path: string;
}

export interface LocalCatalog {
  version: 1;
  description?: string;
  embedders: EmbedderEntry[];
  /** Optional second-stage rerankers; an empty list when the pack has none. */
  rerankers: RerankerEntry[];
  llms: LlmEntry[];
  adapters: AdapterEntry[];
  /** A ready-made library export (.zip) of the workshop's documents, relative to models/ (npm run pack -- --docs). */
  library?: string;
}

/** Where a model comes from: the local pack (same origin) or an online hub. */
export type ModelSource = { kind: 'local'; baseUrl: string } | { kind: 'hub' };

/** An embedder the app can offer, with where to load it from. */
export interface EmbedderChoice {
  entry: EmbedderEntry;
  source: ModelSource;
}

/** A reranker the app can offer, with where to load it from. */
export interface RerankerChoice {
  entry: RerankerEntry;
  source: ModelSource;
}
