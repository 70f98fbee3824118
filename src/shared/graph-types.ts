// Knowledge-graph triples as plain data: extracted in the ingest worker, stored
// with their document (store/), loaded into the graph (graph/). Typed here
// because they cross those layers.

/** Which rule produced a triple; `llm`: the LLM extractor (graph/llm-extract.ts), with the model in `model`. */
export type ExtractorName = 'key-value' | 'table' | 'apposition' | 'pattern' | 'co-occurrence' | 'llm';

/** Where a triple came from: enough to cite it and to show its sentence. */
export interface Provenance {
  docId: string;
  /** Chunk ordinal within the document (the chunk holding `start`). */
  chunk: number;
  /** Character offsets of the evidence (a sentence, line or table row) in the document text, end exclusive. */
  start: number;
  end: number;
  extractor: ExtractorName;
  /** The LLM that extracted it, for `llm` triples. */
  model?: string;
}

/** One extracted fact, with surface forms as written (keys are computed when the graph loads). */
export interface Triple {
  head: string;
  /** A normalised label (graph/normalize.ts). `same_as` merges the tail into the head as an alias. */
  relation: string;
  tail: string;
  prov: Provenance;
}

/** The stored extractor name of the deterministic extractor's triples (store/ TripleSetRecord.extractor). */
export const rulesExtractorId = 'rules';
/** The stored extractor name of a record that holds the rules' triples and an LLM's (its `llmModel`). */
export const rulesLlmExtractorId = 'rules+llm';
