// Reads of the knowledge-graph triples (schema version 5). They are written and
// removed only with their document, in LibraryStore's transactions, so a
// document's triples never outlive it or describe chunks it no longer has.
import type { IDBPDatabase } from 'idb';
import type { LibraryDB, TripleSetRecord } from './schema';

export class GraphStore {
  constructor(private readonly db: IDBPDatabase<LibraryDB>) {}

  /** One document's triples; undefined when it has none stored (added before version 5, or no extractor ran). */
  get(docId: string): Promise<TripleSetRecord | undefined> {
    return this.db.get('triples', docId);
  }

  /** Every document's triples: one read, for the worker that loads the graph. */
  all(): Promise<TripleSetRecord[]> {
    return this.db.getAll('triples');
  }

  /** Documents that have triples stored. */
  documentIds(): Promise<string[]> {
    return this.db.getAllKeys('triples');
  }
}
