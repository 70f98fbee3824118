// Plain data of the knowledge graph: triples with their provenance, retrieved
// paths. Stored in IndexedDB and sent between threads, so no classes here.

import type { Provenance } from '../shared/graph-types';

export type { ExtractorName, Provenance, Triple } from '../shared/graph-types';

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
