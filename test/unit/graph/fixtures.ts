// Small hand-made triples for the graph tests.
import type { ExtractorName, Triple } from '../../../src/graph/types';

let offset = 0;
/** A triple of document `docId`, with made-up but distinct evidence offsets. */
export function t(docId: string, head: string, relation: string, tail: string, extractor: ExtractorName = 'pattern'): Triple {
  const start = (offset += 10);
  return { head, relation, tail, prov: { docId, chunk: 0, start, end: start + 5, extractor } };
}
