// Types for the plain-Node pack script, for the tests that drive it.
export interface PackOptions {
  llm: string;
  embedder: string;
  /** A Hugging Face cross-encoder id to pack as the reranker. */
  reranker?: string | null;
  dtype?: string;
  source?: string;
  out: string;
  lab?: boolean;
  docs?: string | null;
  fetchFn?: typeof fetch;
  log?: (message: string) => void;
  prebuilt?: { model: string; model_id: string; model_lib: string; [k: string]: unknown }[];
}
export interface PackCatalog {
  version: 1;
  description: string;
  embedders: Record<string, unknown>[];
  rerankers?: Record<string, unknown>[];
  llms: Record<string, unknown>[];
  library?: string;
}
export function makePack(options: PackOptions): Promise<PackCatalog>;
