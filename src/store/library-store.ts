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
import { listSegments, removeSegments, segmentFile, vectorDir, withFileLock, writeSegment } from './vector-files';

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

/**
 * Where one embedder's vectors are, for the search worker: OPFS segments (read by the worker:
 * codes once, float32 rows by offset) and the rest (per-document blocks, and Blob segments
 * where there is no OPFS) read into memory. Row order: the pieces in order, documents in order.
 */
export interface VectorLayout {
  dim: number;
  dir: FileSystemDirectoryHandle | null;
  pieces: VectorPiece[];
}

export type VectorPiece =
  | { kind: 'file'; id: string; rows: number; docs: { docId: string; count: number; fileRow: number }[] }
  | { kind: 'memory'; docs: { docId: string; count: number }[]; vectors: Float32Array };

function vectorBlock(embedderId: string, docId: string, dim: number, vectors: Float32Array): VectorBlockRecord {
  const whole = vectors.byteOffset === 0 && vectors.byteLength === vectors.buffer.byteLength;
  return { embedderId, docId, dim, count: vectors.length / dim, vectors: (whole ? vectors.buffer : vectors.slice().buffer) as ArrayBuffer };
}

function quotaMessage(name: string): IngestError {
  return new IngestError('quota', tKey('errors:ingest.quota', { name }));
}


/** The first row of each of a segment's documents, in `docIds` order: in its files, or in its Blob (the counts added up). */
function docStarts(s: SegmentRecord): number[] {
  if (s.file) return s.file.starts;
  const starts: number[] = [];
  s.counts.reduce((row, count) => (starts.push(row), row + count), 0);
  return starts;
}

/** Each of a segment's documents' vectors, in `docIds` order, as slices of `whole` (its Blob, or its float32 file). */
function docSlices(s: SegmentRecord, whole: Blob): Blob[] {
  const bytes = s.dim * 4;
  return docStarts(s).map((from, i) => whole.slice(from * bytes, (from + s.counts[i]!) * bytes));
}

/** A segment without some documents: a Blob segment is rewritten; in a file segment their rows only become dead. */
function withoutDocs(s: SegmentRecord, docIds: Set<string>): SegmentRecord {
  const keep = s.docIds.map((d, i) => i).filter((i) => !docIds.has(s.docIds[i]!));
  const rest = { ...s, docIds: keep.map((i) => s.docIds[i]!), counts: keep.map((i) => s.counts[i]!) };
  if (s.file) return { ...rest, file: { rows: s.file.rows, starts: keep.map((i) => s.file!.starts[i]!) } };
  const slices = docSlices(s, s.vectors!);
  return { ...rest, vectors: new Blob(keep.map((i) => slices[i]!)) };
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
  const rewritten = [...segments.values()].map((s) => withoutDocs(s, docIds));
  return (track) => {
    for (const k of blockKeys) track(tx.objectStore('vectors').delete(k));
    // A file segment left without documents loses its record; the next sweep removes its files.
    for (const s of rewritten) track(s.docIds.length ? tx.objectStore('segments').put(s) : tx.objectStore('segments').delete(s.id));
  };
}

/** A document's vectors on their way into a new file segment, and where they came from (checked again at commit). */
interface Member {
  embedderId: string;
  docId: string;
  count: number;
  data: Blob;
  from: { block: true } | { segment: string; start: number };
}

export class LibraryStore {
  /** The persisted ingestion queue, on the same connection (its records leave in addDocument's transaction). */
  readonly queue: IngestQueueStore;
  /** Knowledge-graph triples, on the same connection (written with their documents, here). */
  readonly graph: GraphStore;

  #dir: Promise<FileSystemDirectoryHandle | null> | null = null;

  /**
   * Wraps an open connection; see openLabStores for the app's shared one. `files: false` keeps
   * every vector in IndexedDB, as where the browser has no Origin Private File System.
   */
  constructor(private readonly db: IDBPDatabase<LibraryDB>, private readonly options: { files?: boolean } = {}) {
    this.queue = new IngestQueueStore(db);
    this.graph = new GraphStore(db);
  }

  static async open(name?: string, hooks: StoreHooks = {}, options: { files?: boolean } = {}): Promise<LibraryStore> {
    return new LibraryStore(await openLabDatabase(name, hooks), options);
  }

  /** The database's name (its OPFS folders are named after it). */
  get name(): string {
    return this.db.name;
  }

  /** The database's segment-file directory in OPFS (one per database name), or null: no OPFS, or files turned off. */
  files(): Promise<FileSystemDirectoryHandle | null> {
    this.#dir ??= this.options.files === false ? Promise.resolve(null) : vectorDir(this.db.name);
    return this.#dir;
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
    const { segments, blocks } = await this.#vectorRecords(embedderId);
    const parts = await Promise.all(segments.map((s) => this.#liveVectors(s)));
    // One read of every Blob, concatenated by the browser straight into the result buffer.
    const vectors = new Float32Array(await new Blob([...parts, ...blocks.map((b) => b.vectors)]).arrayBuffer());
    return {
      dim: segments[0]?.dim ?? blocks[0]?.dim ?? 0,
      docIds: [...segments.flatMap((s) => s.docIds), ...blocks.map((b) => b.docId)],
      counts: [...segments.flatMap((s) => s.counts), ...blocks.map((b) => b.count)],
      vectors,
    };
  }

  /** A segment's live vectors in `docIds` order, as a Blob (nothing is read yet). */
  async #liveVectors(s: SegmentRecord): Promise<Blob> {
    return s.file ? new Blob(await this.#docVectors(s)) : s.vectors!;
  }

  /** Each of a segment's documents' vectors, in `docIds` order, as Blobs sliced from its Blob or its float32 file. */
  async #docVectors(s: SegmentRecord): Promise<Blob[]> {
    return docSlices(s, s.file ? await segmentFile(await this.#needFiles(), s.id) : s.vectors!);
  }

  async #needFiles(): Promise<FileSystemDirectoryHandle> {
    const dir = await this.files();
    if (!dir) throw new StoreError(tKey('errors:store.noVectorFiles'));
    return dir;
  }

  async #vectorRecords(embedderId: string): Promise<{ segments: SegmentRecord[]; blocks: VectorBlockRecord[] }> {
    const tx = this.db.transaction(['segments', 'vectors']);
    const [segments, blocks] = await Promise.all([
      tx.objectStore('segments').index('byEmbedder').getAll(embedderId),
      // Index order is [embedderId, docId]: blocks come sorted by document id.
      tx.objectStore('vectors').index('byEmbedder').getAll(embedderId),
    ]);
    return { segments, blocks };
  }

  /**
   * Where one embedder's vectors are (for the search worker): file segments stay on disk; blocks and
   * Blob segments are read into memory in one read. File segments come first, as in loadVectors.
   */
  async vectorLayout(embedderId: string): Promise<VectorLayout> {
    const { segments, blocks } = await this.#vectorRecords(embedderId);
    const dim = segments[0]?.dim ?? blocks[0]?.dim ?? 0;
    const inFiles = segments.filter((s) => s.file);
    const inMemory = segments.filter((s) => !s.file);
    const pieces: VectorPiece[] = inFiles.map((s) => ({ kind: 'file', id: s.id, rows: s.file!.rows, docs: s.docIds.map((docId, i) => ({ docId, count: s.counts[i]!, fileRow: s.file!.starts[i]! })) }));
    if (inMemory.length || blocks.length) {
      pieces.push({
        kind: 'memory',
        docs: [...inMemory.flatMap((s) => s.docIds.map((docId, i) => ({ docId, count: s.counts[i]! }))), ...blocks.map((b) => ({ docId: b.docId, count: b.count }))],
        vectors: new Float32Array(await new Blob([...inMemory.map((s) => s.vectors!), ...blocks.map((b) => b.vectors)]).arrayBuffer()),
      });
    }
    return { dim, dir: inFiles.length ? await this.files() : null, pieces };
  }

  /** One document's vectors for one embedder, wherever they are stored. */
  async vectorBlock(embedderId: string, docId: string): Promise<Float32Array | null> {
    const block = await this.db.get('vectors', [embedderId, docId]);
    if (block) return new Float32Array(block.vectors);
    const segment = (await this.db.getAllFromIndex('segments', 'byDoc', docId)).find((s) => s.embedderId === embedderId);
    if (!segment) return null;
    const i = segment.docIds.indexOf(docId);
    const from = docStarts(segment)[i]! * segment.dim * 4;
    const whole = segment.file ? await segmentFile(await this.#needFiles(), segment.id) : segment.vectors!;
    return new Float32Array(await whole.slice(from, from + segment.counts[i]! * segment.dim * 4).arrayBuffer());
  }

  /**
   * Run after a batch (and at start-up): merges per-document vector blocks into segments of up to
   * `maxBytes`, so a large library loads from a few large pieces. With OPFS, segments are files
   * (written first, then committed by one IndexedDB transaction that makes them visible), Blob
   * segments of older versions move to files, and file segments whose dead rows (deleted
   * documents) pass `maxDead` are rewritten. Without OPFS, segments are Blobs in IndexedDB.
   */
  async compact({ maxBytes = 64 * 2 ** 20, minBlocks = 8, maxDead = 0.25 } = {}): Promise<number> {
    const dir = await this.files();
    if (!dir) return this.#compactBlobs(maxBytes, minBlocks);
    return withFileLock(async () => {
      await this.#sweep(dir);
      let made = 0;
      const segments = await this.db.getAll('segments');
      // Segments of older versions (Blobs in IndexedDB) move to files, and file segments with many dead rows are
      // rewritten with their live documents only: one segment per transaction.
      for (const s of segments.filter((x) => !x.file || 1 - x.counts.reduce((a, b) => a + b, 0) / x.file.rows > maxDead)) {
        const parts = await this.#docVectors(s);
        const starts = docStarts(s);
        made += await this.#writeFileSegment(dir, s.dim, s.docIds.map((docId, i) => ({
          embedderId: s.embedderId, docId, count: s.counts[i]!, data: parts[i]!, from: { segment: s.id, start: starts[i]! },
        })));
      }
      for (const group of this.#blockGroups(await this.db.getAll('vectors'), maxBytes, minBlocks)) {
        made += await this.#writeFileSegment(dir, group[0]!.dim, group.map((b) => ({ embedderId: b.embedderId, docId: b.docId, count: b.count, data: new Blob([b.vectors]), from: { block: true } })));
      }
      return made;
    });
  }

  /** Per embedder with at least `minBlocks` blocks: groups of blocks of up to `maxBytes`. */
  *#blockGroups(blocks: VectorBlockRecord[], maxBytes: number, minBlocks: number): Generator<VectorBlockRecord[]> {
    const byEmbedder = new Map<string, VectorBlockRecord[]>();
    for (const b of blocks) byEmbedder.set(b.embedderId, [...(byEmbedder.get(b.embedderId) ?? []), b]);
    for (const list of byEmbedder.values()) {
      if (list.length < minBlocks) continue;
      let group: VectorBlockRecord[] = [];
      let bytes = 0;
      for (const b of list) {
        if (bytes + b.vectors.byteLength > maxBytes && group.length) {
          if (group.length > 1) yield group;
          group = [];
          bytes = 0;
        }
        group.push(b);
        bytes += b.vectors.byteLength;
      }
      if (group.length > 1) yield group;
    }
  }

  /**
   * Writes one new file segment from `members`, then commits it in one transaction that takes each
   * member out of where it was, if it is still there unchanged (a document deleted or re-indexed
   * meanwhile keeps its new state; its rows in the new file are dead). Files of segments left
   * empty are removed after the commit (or by a later sweep, while a search worker reads them).
   */
  async #writeFileSegment(dir: FileSystemDirectoryHandle, dim: number, members: Member[]): Promise<number> {
    if (!members.length) return 0;
    const id = crypto.randomUUID();
    const rows = await writeSegment(dir, id, members.map((m) => m.data), dim);
    const starts: number[] = [];
    members.reduce((row, m) => (starts.push(row), row + m.count), 0);
    const tx = this.db.transaction(['vectors', 'segments'], 'readwrite');
    const sources = new Map<string, SegmentRecord | undefined>();
    for (const m of members) if ('segment' in m.from && !sources.has(m.from.segment)) sources.set(m.from.segment, await tx.objectStore('segments').get(m.from.segment));
    // Each source segment's documents as they are now: their index, count and first row.
    const now = new Map([...sources].map(([sid, s]) => {
      const starts = s ? docStarts(s) : [];
      return [sid, new Map(s?.docIds.map((d, i) => [d, { count: s.counts[i]!, start: starts[i]! }]))] as const;
    }));
    const still = await Promise.all(members.map(async (m) => {
      if (!('segment' in m.from)) return (await tx.objectStore('vectors').get([m.embedderId, m.docId]))?.count === m.count;
      const doc = now.get(m.from.segment)!.get(m.docId);
      return doc?.count === m.count && doc.start === m.from.start;
    }));
    const kept = members.map((m, i) => ({ m, start: starts[i]! })).filter((_, i) => still[i]);
    if (!kept.length) {
      await tx.done;
      await removeSegments(dir, [id]);
      return 0;
    }
    const emptied: string[] = [];
    try {
      await atomic(tx, (track) => {
        track(tx.objectStore('segments').put({
          id, embedderId: kept[0]!.m.embedderId, dim, docIds: kept.map((k) => k.m.docId), counts: kept.map((k) => k.m.count), file: { rows, starts: kept.map((k) => k.start) },
        }));
        for (const { m } of kept) if (!('segment' in m.from)) track(tx.objectStore('vectors').delete([m.embedderId, m.docId]));
        for (const [sid, s] of sources) {
          if (!s) continue;
          const left = withoutDocs(s, new Set(kept.filter((k) => 'segment' in k.m.from && k.m.from.segment === sid).map((k) => k.m.docId)));
          if (left.docIds.length) track(tx.objectStore('segments').put(left));
          else (track(tx.objectStore('segments').delete(sid)), s.file && emptied.push(sid));
        }
      });
    } catch (e) {
      await removeSegments(dir, [id]);
      throw e;
    }
    await removeSegments(dir, emptied);
    return 1;
  }

  /** Removes segment files no record names: compactions that never committed, segments since emptied. Holds the file lock. */
  async #sweep(dir: FileSystemDirectoryHandle): Promise<number> {
    const named = new Set((await this.db.getAll('segments')).filter((s) => s.file).map((s) => s.id));
    const orphans = (await listSegments(dir)).filter((id) => !named.has(id));
    const busy = await removeSegments(dir, orphans);
    return orphans.length - busy.length;
  }

  /** Removes orphaned segment files now (after documents were cleared or deleted). */
  async sweepFiles(): Promise<number> {
    const dir = await this.files();
    return dir ? withFileLock(() => this.#sweep(dir)) : 0;
  }

  /** The layout without OPFS: blocks merged into Blob segments, one transaction per segment. */
  async #compactBlobs(maxBytes: number, minBlocks: number): Promise<number> {
    let made = 0;
    for (const members of this.#blockGroups(await this.db.getAll('vectors'), maxBytes, minBlocks)) {
      const embedderId = members[0]!.embedderId;
      const tx = this.db.transaction(['vectors', 'segments'], 'readwrite');
      // Only blocks still present and unchanged go in; a concurrent edit keeps its own block.
      const current = await Promise.all(members.map((m) => tx.objectStore('vectors').get([embedderId, m.docId])));
      const kept = members.filter((m, i) => current[i]?.count === m.count);
      if (kept.length === 0) {
        await tx.done;
        continue;
      }
      await atomic(tx, (track) => {
        track(tx.objectStore('segments').put({
          id: crypto.randomUUID(), embedderId, dim: kept[0]!.dim,
          docIds: kept.map((m) => m.docId), counts: kept.map((m) => m.count), vectors: new Blob(kept.map((m) => m.vectors)),
        }));
        for (const m of kept) track(tx.objectStore('vectors').delete([embedderId, m.docId]));
      });
      made++;
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
    await this.sweepFiles().catch((e: unknown) => console.warn('Vector files left for a later sweep:', e));
  }
}
