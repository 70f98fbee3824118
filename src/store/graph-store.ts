// Reads of the knowledge-graph triples (schema version 5). They are written and
// removed only with their document, in LibraryStore's transactions, so a
// document's triples never outlive it or describe chunks it no longer has.
import type { IDBPDatabase } from 'idb';
import type { Chunk } from '../shared/library-types';
import type { LibraryDB, TextRecord, TripleSetRecord } from './schema';

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

  /**
   * What the LLM extractor reads of a document, in one transaction (so the text, chunks and triples belong
   * together); null when the document is gone. `triples` is undefined when it has none stored.
   */
  async extractionSource(docId: string): Promise<{ text: TextRecord; chunks: Chunk[]; triples: TripleSetRecord | undefined } | null> {
    const tx = this.db.transaction(['documents', 'texts', 'chunks', 'triples']);
    const [doc, text, chunks, triples] = await Promise.all([
      tx.objectStore('documents').get(docId), tx.objectStore('texts').get(docId), tx.objectStore('chunks').get(docId), tx.objectStore('triples').get(docId),
    ]);
    await tx.done;
    return doc && text && chunks ? { text, chunks: chunks.chunks, triples } : null;
  }

  /** Documents that have triples stored. */
  documentIds(): Promise<string[]> {
    return this.db.getAllKeys('triples');
  }
}
