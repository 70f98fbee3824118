// Plain data of the knowledge graph: triples with their provenance, retrieved
// paths. Stored in IndexedDB and sent between threads, so no classes here.

/** Which rule produced a triple. `llm` is reserved for the LLM extractor (issue #14, not built yet). */
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
  /** A normalised label (see relationLabel). `same_as` merges the tail into the head as an alias. */
  relation: string;
  tail: string;
  prov: Provenance;
}

/** A document as the extractor reads it: the stored text and its chunks' ranges. */
export interface ExtractInput {
  docId: string;
  text: string;
  chunks: readonly { start: number; end: number }[];
  /** Heading ranges (the parsed document's heading blocks): a heading names what its section is about. */
  headings?: readonly { start: number; end: number }[];
}

/** One step of a path: `reverse` when the edge was followed against its direction. */
export interface PathStep {
  relation: string;
  reverse: boolean;
  /** Node key reached by the step, and its display name. */
  to: string;
  toName: string;
  /** Provenance of the edge (all triples that state it). */
  prov: Provenance[];
}

export interface GraphPath {
  /** Node key of the linked entity the path starts from. */
  start: string;
  startName: string;
  steps: PathStep[];
  /** The plan (relation sequence) that produced it. */
  plan: string[];
  score: number;
}
