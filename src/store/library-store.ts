// The library's storage: documents, their text, chunks and vector blocks in
// IndexedDB. Every multi-record write is one transaction, so a document is
// either fully stored or not at all, even if the tab closes mid-write.
import { openDB, type IDBPDatabase } from 'idb';
import { IngestError, StoreError, isQuotaError } from '../shared/errors';
import type { Chunk, ChunkOptions } from '../shared/library-types';
import { dbName, dbVersion, upgrade, type DocumentRecord, type LibraryDB, type TextRecord, type VectorBlockRecord } from './schema';

export interface StoreHooks {
  /** Another tab opened a newer schema: this tab's connection was closed. */
  onVersionChange?: () => void;
  /** This tab's upgrade waits for other tabs to close their older connections. */
  onBlocked?: () => void;
}

export interface NewDocument {
  doc: DocumentRecord;
  text: TextRecord;
  chunks: Chunk[];
  vectors: Float32Array;
}

/** Vectors of one embedder, concatenated in document order. */
export interface LoadedVectors {
  dim: number;
  docIds: string[];
  counts: number[];
  vectors: Float32Array;
}

function vectorBlock(embedderId: string, docId: string, dim: number, vectors: Float32Array): VectorBlockRecord {
  const buffer = vectors.byteOffset === 0 && vectors.byteLength === vectors.buffer.byteLength ? vectors.buffer : vectors.slice().buffer;
  return { embedderId, docId, dim, count: vectors.length / dim, vectors: buffer as ArrayBuffer };
}

function quotaMessage(name: string): IngestError {
  return new IngestError('quota', `Storage is full, so ${name} was not added. Delete documents you no longer need, or free disk space, then add it again. Documents already in your library are unchanged.`);
}

/**
 * Runs a transaction's requests and waits for the commit. If anything fails,
 * synchronously (a value IndexedDB cannot clone) or not, the whole transaction
 * is aborted: requests already queued in it are rolled back too.
 */
async function atomic(tx: { abort(): void; done: Promise<void>; error: DOMException | null }, issue: (track: (request: Promise<unknown>) => void) => void): Promise<void> {
  const pending: Promise<unknown>[] = [];
  // Each request is tracked as it is issued: one that fails after a later call threw must not go unhandled.
  const track = (request: Promise<unknown>) => void pending.push(request);
  try {
    issue(track);
    await Promise.all([...pending, tx.done]);
  } catch (e) {
    for (const p of pending) p.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already aborted by the failing request.
    }
    await tx.done.catch(() => undefined);
    // The requests that were merely rolled back reject with AbortError; report the cause.
    throw (e as { name?: string }).name === 'AbortError' && tx.error ? tx.error : e;
  }
}

export class LibraryStore {
  private constructor(private readonly db: IDBPDatabase<LibraryDB>) {}

  static async open(name = dbName, hooks: StoreHooks = {}): Promise<LibraryStore> {
    try {
      const db = await openDB<LibraryDB>(name, dbVersion, {
        upgrade: (database, oldVersion) => upgrade(database, oldVersion),
        blocked: () => hooks.onBlocked?.(),
        blocking: () => {
          // Let the other tab upgrade instead of blocking it; this tab asks for a reload.
          db.close();
          hooks.onVersionChange?.();
        },
      });
      return new LibraryStore(db);
    } catch (e) {
      throw new StoreError(`This browser's storage (IndexedDB) could not be opened: ${(e as Error).message}. Private windows and some privacy settings disable it.`, { cause: e });
    }
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

  /** Stores a document with its text, chunks and vectors in one transaction. */
  async addDocument({ doc, text, chunks, vectors }: NewDocument): Promise<void> {
    if (vectors.length !== chunks.length * doc.dim) throw new Error(`addDocument: ${chunks.length} chunks but ${vectors.length / doc.dim} vectors`);
    const tx = this.db.transaction(['documents', 'texts', 'chunks', 'vectors'], 'readwrite');
    try {
      await atomic(tx, (track) => {
        track(tx.objectStore('documents').add(doc));
        track(tx.objectStore('texts').put(text));
        track(tx.objectStore('chunks').put({ docId: doc.id, chunks }));
        track(tx.objectStore('vectors').put(vectorBlock(doc.embedderId, doc.id, doc.dim, vectors)));
      });
    } catch (e) {
      if (isQuotaError(e)) throw quotaMessage(doc.name);
      if ((e as { name?: string }).name === 'ConstraintError') {
        throw new IngestError('duplicate', `${doc.name} is already in your library (same content).`);
      }
      throw e;
    }
  }

  /** Replaces a document's chunks and vectors after re-chunking or a new embedder, in one transaction. */
  async replaceIndex(docId: string, chunks: Chunk[], vectors: Float32Array, embedderId: string, dim: number, chunkOptions: ChunkOptions): Promise<void> {
    const tx = this.db.transaction(['documents', 'chunks', 'vectors'], 'readwrite');
    const doc = await tx.objectStore('documents').get(docId);
    if (!doc) return tx.done;
    const old = await tx.objectStore('vectors').index('byDoc').getAllKeys(docId);
    try {
      await atomic(tx, (track) => {
        for (const k of old) track(tx.objectStore('vectors').delete(k));
        track(tx.objectStore('vectors').put(vectorBlock(embedderId, docId, dim, vectors)));
        track(tx.objectStore('chunks').put({ docId, chunks }));
        track(tx.objectStore('documents').put({ ...doc, embedderId, dim, chunkOptions, chunkCount: chunks.length }));
      });
    } catch (e) {
      if (isQuotaError(e)) throw quotaMessage(doc.name);
      throw e;
    }
  }

  /** Removes a document and everything derived from it, in one transaction. */
  async deleteDocument(docId: string): Promise<void> {
    const tx = this.db.transaction(['documents', 'texts', 'chunks', 'vectors'], 'readwrite');
    const keys = await tx.objectStore('vectors').index('byDoc').getAllKeys(docId);
    await atomic(tx, (track) => {
      track(tx.objectStore('documents').delete(docId));
      track(tx.objectStore('texts').delete(docId));
      track(tx.objectStore('chunks').delete(docId));
      for (const k of keys) track(tx.objectStore('vectors').delete(k));
    });
  }

  getText(docId: string): Promise<TextRecord | undefined> {
    return this.db.get('texts', docId);
  }

  async getChunks(docId: string): Promise<Chunk[]> {
    return (await this.db.get('chunks', docId))?.chunks ?? [];
  }

  async countChunks(): Promise<number> {
    return (await this.listDocuments()).reduce((n, d) => n + d.chunkCount, 0);
  }

  /** Every vector of one embedder as one contiguous Float32Array: a few large reads. */
  async loadVectors(embedderId: string): Promise<LoadedVectors> {
    const blocks = await this.db.getAllFromIndex('vectors', 'byEmbedder', embedderId);
    blocks.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
    const dim = blocks[0]?.dim ?? 0;
    const total = blocks.reduce((n, b) => n + b.count, 0);
    const vectors = new Float32Array(total * dim);
    let offset = 0;
    for (const b of blocks) {
      vectors.set(new Float32Array(b.vectors), offset);
      offset += b.count * dim;
    }
    return { dim, docIds: blocks.map((b) => b.docId), counts: blocks.map((b) => b.count), vectors };
  }

  async vectorBlock(embedderId: string, docId: string): Promise<Float32Array | null> {
    const b = await this.db.get('vectors', [embedderId, docId]);
    return b ? new Float32Array(b.vectors) : null;
  }

  /**
   * Deletes texts, chunks and vectors whose document record is missing. Writes are
   * atomic, so this finds nothing unless data was written by another (older) version.
   */
  async removeOrphans(): Promise<number> {
    const tx = this.db.transaction(['documents', 'texts', 'chunks', 'vectors'], 'readwrite');
    const ids = new Set(await tx.objectStore('documents').getAllKeys());
    const texts = (await tx.objectStore('texts').getAllKeys()).filter((k) => !ids.has(k));
    const chunks = (await tx.objectStore('chunks').getAllKeys()).filter((k) => !ids.has(k));
    const vectors = (await tx.objectStore('vectors').getAllKeys()).filter((k) => !ids.has(k[1]));
    await atomic(tx, (track) => {
      for (const k of texts) track(tx.objectStore('texts').delete(k));
      for (const k of chunks) track(tx.objectStore('chunks').delete(k));
      for (const k of vectors) track(tx.objectStore('vectors').delete(k));
    });
    return texts.length + chunks.length + vectors.length;
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('settings', key)) as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.put('settings', value, key);
  }

  /** Deletes every document (settings stay). */
  async clearDocuments(): Promise<void> {
    const tx = this.db.transaction(['documents', 'texts', 'chunks', 'vectors'], 'readwrite');
    await atomic(tx, (track) => {
      for (const name of ['documents', 'texts', 'chunks', 'vectors'] as const) track(tx.objectStore(name).clear());
    });
  }
}
