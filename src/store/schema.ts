// The one IndexedDB schema. Migrations are add-only: a new version adds an
// `if (oldVersion < N)` step and never edits an earlier one.
import type { DBSchema, IDBPDatabase } from 'idb';
import type { Triple } from '../shared/graph-types';
import type { Block, Chunk, ChunkOptions, DocType } from '../shared/library-types';
import type { EvalResult, EvalRun, QaSet } from '../eval/types';
import type { TrainingUse } from '../eval/leakage';
import type { DatasetRecord, MergedModelRecord, TrainingRunRecord } from '../finetune/records';

export const dbName = 'rag-lab';
export const dbVersion = 6;

export interface DocumentRecord {
  id: string;
  name: string;
  type: DocType;
  /** Bytes of the original file (characters for pasted text). */
  size: number;
  /** SHA-256 of the original bytes: the same content is never stored twice. */
  hash: string;
  addedAt: number;
  pageCount?: number;
  chunkCount: number;
  /** The embedder and chunking its current chunks and vectors were made with. */
  embedderId: string;
  dim: number;
  chunkOptions: ChunkOptions;
}

export interface TextRecord {
  docId: string;
  text: string;
  blocks: Block[];
}

export interface ChunkSetRecord {
  docId: string;
  chunks: Chunk[];
}

/**
 * All vectors of one document for one embedder: the bytes of one Float32Array.
 * Written inline with the document (small, fast to commit); after a batch they
 * are merged into Blob segments (see SegmentRecord and docs/decisions.md).
 */
export interface VectorBlockRecord {
  embedderId: string;
  docId: string;
  dim: number;
  count: number;
  vectors: ArrayBuffer;
}

/**
 * Many documents' vectors for one embedder: per-document blocks are merged into
 * segments after a batch (LibraryStore.compact). `docIds[i]` owns `counts[i]` vectors.
 * Where the browser has the Origin Private File System the vectors are in files
 * (`file`, see vector-files.ts and docs/retrieval.md); elsewhere, and in segments
 * written before, they are one Blob (`vectors`), concatenated in `docIds` order.
 * Neither field changes an index, so the schema version stays.
 */
export interface SegmentRecord {
  id: string;
  embedderId: string;
  dim: number;
  docIds: string[];
  counts: number[];
  vectors?: Blob;
  /** The segment's OPFS files (named by `id`): `rows` in all, `docIds[i]`'s first at row `starts[i]`; rows no document owns are dead (deleted). */
  file?: { rows: number; starts: number[] };
}

/**
 * A file waiting to be indexed (version 4). The queue is written before any work
 * starts and a record leaves it in the same transaction as its document's
 * commit, so a reload or a closed tab never loses a file the person added.
 */
export interface QueuedFileRecord {
  /** Auto-incremented: the order the files were added in. */
  id?: number;
  name: string;
  size: number;
  /** The file itself (a structured clone: the browser keeps its bytes), or pasted text. */
  source: { kind: 'file'; file: Blob } | { kind: 'text'; text: string };
  /** The chunk settings the file was added with. */
  chunkOptions: ChunkOptions;
  addedAt: number;
  /**
   * Set when a tab found the record cannot be resumed (its bytes cannot be read
   * back, or storage has no room); no tab works it until the person decides.
   */
  problem?: QueueProblem;
}

export type QueueProblem = 'unreadable' | 'no-room';

/**
 * A document's knowledge-graph triples (version 5): written in the document's own
 * transaction, replaced when it is re-indexed (chunk ordinals change), removed with it.
 * The LLM extractor rewrites the record with the rules' triples and its own (`rules+llm`);
 * `llmModel` needs no new version: no index reads it, and records without it hold rules only.
 */
export interface TripleSetRecord {
  docId: string;
  /** What extracted them: `rules` (the deterministic extractor), or `rules+llm` (those plus an LLM's). */
  extractor: string;
  /** The LLM whose triples the record holds (`rules+llm`), even when it found none. */
  llmModel?: string;
  triples: Triple[];
}

export interface LibraryDB extends DBSchema {
  documents: { key: string; value: DocumentRecord; indexes: { byHash: string } };
  texts: { key: string; value: TextRecord };
  chunks: { key: string; value: ChunkSetRecord };
  vectors: { key: [string, string]; value: VectorBlockRecord; indexes: { byDoc: string; byEmbedder: string } };
  segments: { key: string; value: SegmentRecord; indexes: { byDoc: string; byEmbedder: string } };
  settings: { key: string; value: unknown };
  /** Version 2: QA sets, eval runs, their per-item results, and what fine-tune datasets trained on. */
  qaSets: { key: string; value: QaSet };
  evalRuns: { key: string; value: EvalRun };
  evalResults: { key: [string, string]; value: EvalResult; indexes: { byRun: string } };
  trainingUses: { key: string; value: TrainingUse };
  /** Version 3: fine-tune datasets and merged (fine-tuned) models. */
  datasets: { key: string; value: DatasetRecord };
  mergedModels: { key: string; value: MergedModelRecord };
  /** Version 4: the persisted ingestion queue. */
  ingestQueue: { key: number; value: QueuedFileRecord };
  /** Version 5: knowledge-graph triples per document. */
  triples: { key: string; value: TripleSetRecord };
  /** Version 6: LoRA training runs in the browser, each with its latest checkpoint. */
  trainingRuns: { key: string; value: TrainingRunRecord };
}

/** Creates or upgrades the stores. */
export function upgrade(db: IDBPDatabase<LibraryDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    const docs = db.createObjectStore('documents', { keyPath: 'id' });
    docs.createIndex('byHash', 'hash', { unique: true });
    db.createObjectStore('texts', { keyPath: 'docId' });
    db.createObjectStore('chunks', { keyPath: 'docId' });
    const vectors = db.createObjectStore('vectors', { keyPath: ['embedderId', 'docId'] });
    vectors.createIndex('byDoc', 'docId');
    vectors.createIndex('byEmbedder', 'embedderId');
    const segments = db.createObjectStore('segments', { keyPath: 'id' });
    segments.createIndex('byDoc', 'docIds', { multiEntry: true });
    segments.createIndex('byEmbedder', 'embedderId');
    db.createObjectStore('settings');
  }
  if (oldVersion < 2) {
    db.createObjectStore('qaSets', { keyPath: 'id' });
    db.createObjectStore('evalRuns', { keyPath: 'id' });
    db.createObjectStore('evalResults', { keyPath: ['runId', 'key'] }).createIndex('byRun', 'runId');
    db.createObjectStore('trainingUses', { keyPath: 'datasetId' });
  }
  if (oldVersion < 3) {
    db.createObjectStore('datasets', { keyPath: 'id' });
    db.createObjectStore('mergedModels', { keyPath: 'id' });
  }
  if (oldVersion < 4) {
    db.createObjectStore('ingestQueue', { keyPath: 'id', autoIncrement: true });
  }
  if (oldVersion < 5) {
    db.createObjectStore('triples', { keyPath: 'docId' });
  }
  if (oldVersion < 6) {
    db.createObjectStore('trainingRuns', { keyPath: 'id' });
  }
}
