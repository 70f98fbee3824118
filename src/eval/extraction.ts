// Extraction precision and recall in Evaluate: the library's stored triples
// against a QA set's gold triples (the demo pack's kg.jsonl), scored with the
// same code as the demo-pack evidence test (graph/metrics.ts). Gold triples name
// documents by id ("history"), the library by file name ("history.md"): both
// become docKey, and only documents that both have are scored, so a library
// holding half the pack, or other documents besides, is measured fairly.
import { extractionScores } from '../graph/metrics';
import type { Triple } from '../shared/graph-types';
import type { RetrievalMode } from '../shared/search-api';
import { docKey } from './metrics';
import type { GoldTriples, RunExtraction } from './types';

/** Whether a run's retrieval mode uses the knowledge graph (its extraction is then part of what the run measures). */
export const isGraphMode = (mode: RetrievalMode) => mode === 'graph' || mode === 'hybrid-graph';

/** One library document's stored triples, with its file name. */
export interface LibraryTriples {
  docName: string;
  triples: Triple[];
}

/** The library's extraction against the gold, over the documents both have; null when they share none. */
export function libraryExtraction(library: LibraryTriples[], gold: GoldTriples): RunExtraction | null {
  const goldDocs = new Set(gold.triples.map((g) => docKey(g.docId)));
  const docs = new Set<string>();
  const extracted: Triple[] = [];
  for (const d of library) {
    const key = docKey(d.docName);
    if (!goldDocs.has(key)) continue;
    docs.add(key);
    for (const t of d.triples) extracted.push({ ...t, prov: { ...t.prov, docId: key } });
  }
  if (!docs.size) return null;
  const s = extractionScores(extracted, gold.triples.filter((g) => docs.has(docKey(g.docId))).map((g) => ({ ...g, docId: docKey(g.docId) })));
  return { goldFile: gold.file, goldHash: gold.hash, documents: docs.size, labelled: s.labelled, unlabelled: s.unlabelled };
}
