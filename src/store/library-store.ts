// The library's storage: documents, their text, chunks and vector blocks in
// IndexedDB. Every multi-record write is one transaction, so a document is
// either fully stored or not at all, even if the tab closes mid-write.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { atomic, openLabDatabase, type StoreHooks } from './db';
import { GraphStore } from './graph-store';
import { IngestQueueStore } from './ingest-queue-store';
import { IngestError, StoreError, isQuotaError, tKey } from '../shared/errors';
import type { Chunk, ChunkOptions } from '../shared/library-types';
import { type DocumentRecord, type LibraryDB, type SegmentRecord, type TextRecord, type TripleSetRecord, type VectorBlockRecord } from './schema';

export interface NewDocument {
  doc: DocumentRecord;
  text: TextRecord;
  chunks: Chunk[];
  vectors: Float32Array;
  /** The persisted queue record of the file this document came from: it leaves the queue in the same transaction. */
  dequeue?: number;
  /** Its knowledge-graph triples (docId is the document's), stored in the same transaction. */
  triples?: Omit<TripleSetRecord, 'docId'>;
}

/** Vectors of one embedder, concatenated in document order. */
export interface LoadedVectors {
  dim: number;
  docIds: string[];
  counts: number[];
  vectors: Float32Array;
}

function vectorBlock(embedderId: string, docId: string, dim: number, vectors: Float32Array): VectorBlockRecord {
  const whole = vectors.byteOffset === 0 && vectors.byteLength === vectors.buffer.byteLength;
  return { embedderId, docId, dim, count: vectors.length / dim, vectors: (whole ? vectors.buffer : vectors.slice().buffer) as ArrayBuffer };
}

function quotaMessage(name: string): IngestError {
  return new IngestError('quota', tKey('errors:ingest.quota', { name }));
}


/** Byte range of one document's vectors inside a segment's Blob. */
function byteRange(segment: SegmentRecord, docId: string): [number, number] {
  const i = segment.docIds.indexOf(docId);
  const before = segment.counts.slice(0, i).reduce((a, b) => a + b, 0);
  return [before * segment.dim * 4, (before + segment.counts[i]!) * segment.dim * 4];
}

type VectorTx = IDBPTransaction<LibraryDB, ('vectors' | 'segments' | StoreNames<LibraryDB>)[], 'readwrite'>;

/**
 * Reads what must change to remove documents' vectors (their blocks, and their
 * ranges in segments), then returns the writes to issue in the same transaction.
 */
async function planVectorRemoval(tx: VectorTx, docIds: Set<string>): Promise<(track: (r: Promise<unknown>) => void) => void> {
  const blockKeys: [string, string][] = [];
  const segments = new Map<string, SegmentRecord>();
  for (const id of docIds) {
    blockKeys.push(...(await tx.objectStore('vectors').index('byDoc').getAllKeys(id)));
    for (const s of await tx.objectStore('segments').index('byDoc').getAll(id)) segments.set(s.id, segments.get(s.id) ?? s);
  }
  const rewritten = [...segments.values()].map((s) => {
    const parts: Blob[] = [];
    const keep = s.docIds.map((d, i) => [d, s.counts[i]!] as const).filter(([d]) => !docIds.has(d));
    for (const [d] of keep) parts.push(s.vectors.slice(...byteRange(s, d)));
    return { ...s, docIds: keep.map(([d]) => d), counts: keep.map(([, c]) => c), vectors: new Blob(parts) };
  });
  return (track) => {
    for (const k of blockKeys) track(tx.objectStore('vectors').delete(k));
    for (const s of rewritten) track(s.docIds.length ? tx.objectStore('segments').put(s) : tx.objectStore('segments').delete(s.id));
  };
}

export class LibraryStore {
  /** The persisted ingestion queue, on the same connection (its records leave in addDocument's transaction). */
  readonly queue: IngestQueueStore;
  /** Knowledge-graph triples, on the same connection (written with their documents, here). */
  readonly graph: GraphStore;

  /** Wraps an open connection; see openLabStores for the app's shared one. */
  constructor(private readonly db: IDBPDatabase<LibraryDB>) {
    this.queue = new IngestQueueStore(db);
    this.graph = new GraphStore(db);
  }

  static async open(name?: string, hooks: StoreHooks = {}): Promise<LibraryStore> {
    return new LibraryStore(await openLabDatabase(name, hooks));
  }

  close(): void {
    this.db.close();
  }

  async listDocuments(): Promise<DocumentRecord[]> {
    return (await this.db.getAll('documents')).sort((a, b) => a.addedAt - b.addedAt || a.name.localeCompare(b.name));
  }

  async findByHash(hash: string): Promise<DocumentRecord | undefined> {
    return this.db.getFromIndex('documents', 'byHash', hash);
  }

  /**
   * Stores a document with its text, chunks and vectors in one transaction; with
   * `dequeue`, its file leaves the persisted queue in that same transaction, so
   * the file is either still waiting or fully stored, never neither nor both.
   */
  async addDocument({ doc, text, chunks, vectors, dequeue, triples }: NewDocument): Promise<void> {
    if (vectors.length !== chunks.length * doc.dim) throw new Error(`addDocument: ${chunks.length} chunks but ${vectors.length / doc.dim} vectors`);
    const tx = this.db.transaction(['documents', 'texts', 'chunks', 'vectors', 'ingestQueue', 'triples'], 'readwrite');
    try {
      await atomic(tx, (track) => {
        track(tx.objectStore('documents').add(doc));
        track(tx.objectStore('texts').put(text));
        track(tx.objectStore('chunks').put({ docId: doc.id, chunks }));
        track(tx.objectStore('vectors').put(vectorBlock(doc.embedderId, doc.id, doc.dim, vectors)));
        if (dequeue !== undefined) track(tx.objectStore('ingestQueue').delete(dequeue));
        if (triples) track(tx.objectStore('triples').put({ docId: doc.id, ...triples }));
      });
    } catch (e) {
      if (isQuotaError(e)) throw quotaMessage(doc.name);
      if ((e as { name?: string }).name === 'ConstraintError') {
        throw new IngestError('duplicate', tKey('errors:ingest.duplicateStored', { name: doc.name }));
      }
      throw e;
    }
  }

  /**
   * Replaces a document's chunks and vectors after re-chunking or a new embedder, in one transaction.
   * Its triples cite chunk ordinals, so they are replaced too: by `triples`, or removed when none are given.
   */
  async replaceIndex(docId: string, chunks: Chunk[], vectors: Float32Array, embedderId: string, dim: number, chunkOptions: ChunkOptions, triples?: Omit<TripleSetRecord, 'docId'>): Promise<void> {
    const tx = this.db.transaction(['documents', 'chunks', 'vectors', 'segments', 'triples'], 'readwrite');
    const doc = await tx.objectStore('documents').get(docId);
    if (!doc) return tx.done;
    const plan = await planVectorRemoval(tx, new Set([docId]));
    try {
      await atomic(tx, (track) => {
        plan(track);
        track(tx.objectStore('vectors').put(vectorBlock(embedderId, docId, dim, vectors)));
        track(tx.objectStore('chunks').put({ docId, chunks }));
        track(tx.objectStore('documents').put({ ...doc, embedderId, dim, chunkOptions, chunkCount: chunks.length }));
        track(triples ? tx.objectStore('triples').put({ docId, ...triples }) : tx.objectStore('triples').delete(docId));
      });
    } catch (e) {
      if (isQuotaError(e)) throw quotaMessage(doc.name);
      throw e;
    }
  }

  /**
   * Stores a document's triples after the LLM read it (rules plus LLM triples, from graph/llm-extract-job.ts),
   * in one transaction that first checks the document is still there with the chunks the LLM read: `gone`
   * or `changed` (re-indexed meanwhile: the triples would cite chunks it no longer has) write nothing.
   */
  async putLlmTriples(docId: string, chunks: readonly { start: number; end: number }[], record: Omit<TripleSetRecord, 'docId'>): Promise<'stored' | 'gone' | 'changed'> {
    const tx = this.db.transaction(['documents', 'chunks', 'triples'], 'readwrite');
    const [doc, stored] = await Promise.all([tx.objectStore('documents').get(docId), tx.objectStore('chunks').get(docId)]);
    const same = !!stored && stored.chunks.length === chunks.length && stored.chunks.every((c, i) => c.start === chunks[i]!.start && c.end === chunks[i]!.end);
    if (!doc || !same) {
      await tx.done;
      return doc ? 'changed' : 'gone';
    }
    try {
      await atomic(tx, (track) => track(tx.objectStore('triples').put({ docId, ...record })));
    } catch (e) {
      if (isQuotaError(e)) throw new StoreError(tKey('errors:store.llmTriplesQuota', { name: doc.name }), { cause: e });
      throw e;
    }
    return 'stored';
  }

  /** Removes a document and everything derived from it, in one transaction. */
  async deleteDocument(docId: string): Promise<void> {
    const tx = this.db.transaction(['documents', 'texts', 'chunks', 'vectors', 'segments', 'triples'], 'readwrite');
    const plan = await planVectorRemoval(tx, new Set([docId]));
    await atomic(tx, (track) => {
      track(tx.objectStore('documents').delete(docId));
      track(tx.objectStore('texts').delete(docId));
      track(tx.objectStore('chunks').delete(docId));
      track(tx.objectStore('triples').delete(docId));
      plan(track);
    });
  }

  getText(docId: string): Promise<TextRecord | undefined> {
    return this.db.get('texts', docId);
  }

  async getChunks(docId: string): Promise<Chunk[]> {
    return (await this.db.get('chunks', docId))?.chunks ?? [];
  }

  /** Every document's chunks: one read, for the search worker's start-up. */
  allChunks(): Promise<{ docId: string; chunks: Chunk[] }[]> {
    return this.db.getAll('chunks');
  }

  /** Every vector of one embedder as one contiguous Float32Array: segments first, then per-document blocks. */
  async loadVectors(embedderId: string): Promise<LoadedVectors> {
    const tx = this.db.transaction(['segments', 'vectors']);
    const [segments, blocks] = await Promise.all([
      tx.objectStore('segments').index('byEmbedder').getAll(embedderId),
      // Index order is [embedderId, docId]: blocks come sorted by document id.
      tx.objectStore('vectors').index('byEmbedder').getAll(embedderId),
    ]);
    const dim = segments[0]?.dim ?? blocks[0]?.dim ?? 0;
    // One read of every Blob, concatenated by the browser straight into the result buffer.
    const vectors = new Float32Array(await new Blob([...segments.map((s) => s.vectors), ...blocks.map((b) => b.vectors)]).arrayBuffer());
    return {
      dim,
      docIds: [...segments.flatMap((s) => s.docIds), ...blocks.map((b) => b.docId)],
      counts: [...segments.flatMap((s) => s.counts), ...blocks.map((b) => b.count)],
      vectors,
    };
  }

  /** One document's vectors for one embedder, wherever they are stored. */
  async vectorBlock(embedderId: string, docId: string): Promise<Float32Array | null> {
    const block = await this.db.get('vectors', [embedderId, docId]);
    if (block) return new Float32Array(block.vectors);
    const segment = (await this.db.getAllFromIndex('segments', 'byDoc', docId)).find((s) => s.embedderId === embedderId);
    if (!segment) return null;
    const [from, to] = byteRange(segment, docId);
    return new Float32Array(await segment.vectors.slice(from, to).arrayBuffer());
  }

  /**
   * Merges per-document vector blocks into segments of up to `maxBytes`, one
   * transaction per segment. Run after a batch: a library then loads from a few
   * large Blobs instead of one per document. Blob slicing and concatenation
   * happen in the browser, without copying vectors through JavaScript.
   */
  async compact({ maxBytes = 32 * 2 ** 20, minBlocks = 8 } = {}): Promise<number> {
    const blocks = await this.db.getAll('vectors');
    const byEmbedder = new Map<string, VectorBlockRecord[]>();
    for (const b of blocks) byEmbedder.set(b.embedderId, [...(byEmbedder.get(b.embedderId) ?? []), b]);
    let made = 0;
    for (const [embedderId, list] of byEmbedder) {
      if (list.length < minBlocks) continue;
      let group: VectorBlockRecord[] = [];
      let bytes = 0;
      const flush = async () => {
        if (group.length < 2) return;
        const members = group;
        const tx = this.db.transaction(['vectors', 'segments'], 'readwrite');
        // Only blocks still present and unchanged go in; a concurrent edit keeps its own block.
        const current = await Promise.all(members.map((m) => tx.objectStore('vectors').get([embedderId, m.docId])));
        const kept = members.filter((m, i) => current[i]?.count === m.count);
        if (kept.length === 0) return tx.done;
        await atomic(tx, (track) => {
          track(tx.objectStore('segments').put({
            id: crypto.randomUUID(), embedderId, dim: kept[0]!.dim,
            docIds: kept.map((m) => m.docId), counts: kept.map((m) => m.count), vectors: new Blob(kept.map((m) => m.vectors)),
          }));
          for (const m of kept) track(tx.objectStore('vectors').delete([embedderId, m.docId]));
        });
        made++;
      };
      for (const b of list) {
        if (bytes + b.vectors.byteLength > maxBytes && group.length) {
          await flush();
          group = [];
          bytes = 0;
        }
        group.push(b);
        bytes += b.vectors.byteLength;
      }
      await flush();
    }
    return made;
  }

  /**
   * Deletes texts, chunks and vectors whose document record is missing. Writes are
   * atomic, so this finds nothing unless data was written by another (older) version.
   */
  async removeOrphans(): Promise<number> {
    const tx = this.db.transaction(['documents', 'texts', 'chunks', 'vectors', 'segments'], 'readwrite');
    const ids = new Set(await tx.objectStore('documents').getAllKeys());
    const texts = (await tx.objectStore('texts').getAllKeys()).filter((k) => !ids.has(k));
    const chunks = (await tx.objectStore('chunks').getAllKeys()).filter((k) => !ids.has(k));
    const vectorIds = (await tx.objectStore('vectors').getAllKeys()).map((k) => k[1]);
    const segmentDocs = (await tx.objectStore('segments').getAll()).flatMap((s) => s.docIds);
    const orphans = new Set([...vectorIds, ...segmentDocs].filter((id) => !ids.has(id)));
    const plan = await planVectorRemoval(tx, orphans);
    await atomic(tx, (track) => {
      for (const k of texts) track(tx.objectStore('texts').delete(k));
      for (const k of chunks) track(tx.objectStore('chunks').delete(k));
      plan(track);
    });
    return texts.length + chunks.length + orphans.size;
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('settings', key)) as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.put('settings', value, key);
  }

  /** Deletes every document (settings stay). */
  async clearDocuments(): Promise<void> {
    const names = ['documents', 'texts', 'chunks', 'vectors', 'segments', 'triples'] as const;
    const tx = this.db.transaction([...names], 'readwrite');
    await atomic(tx, (track) => {
      for (const name of names) track(tx.objectStore(name).clear());
    });
  }
}
