// The library service's public types: a queued file's status and progress, what start-up
// found in the persisted queue, and the ports and dependencies the service is given
// (the app passes the worker bridges and stores; the tests pass fakes).
import type { EmbedderChoice } from '../shared/catalog-types';
import type { EmbedResult, TextKind } from '../shared/embed-api';
import type { Translatable } from '../shared/errors';
import type { Triple } from '../shared/graph-types';
import type { TokenizerSpec } from '../shared/ingest-api';
import type { Chunk, ChunkOptions, ParsedDoc, PreparedDoc } from '../shared/library-types';
import type { QueuedFile } from '../store/ingest-queue-store';
import type { LibraryStore } from '../store/library-store';

export type FileStatus =
  | { state: 'queued' }
  | { state: 'parsing' }
  | { state: 'embedding'; done: number; total: number }
  | { state: 'indexed'; docId: string }
  | { state: 'skipped'; reason: string; i18n?: Translatable }
  | { state: 'failed'; reason: string; i18n?: Translatable }
  | { state: 'cancelled' };

export interface QueueItem {
  key: number;
  name: string;
  size: number;
  status: FileStatus;
  /** Set when the item re-indexes a stored document rather than adding a file. */
  docId?: string;
  /** Its record in the persisted queue. */
  queueId?: number;
}

export interface Progress {
  chunksDone: number;
  chunksTotal: number;
  filesDone: number;
  filesTotal: number;
  /** Estimated milliseconds left, from the embedding rate so far; null until known. */
  etaMs: number | null;
}

/** What the service needs from the ingest worker's bridge. */
export interface IngestPort {
  prepare(file: File, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<PreparedDoc>;
  prepareText(name: string, text: string, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<PreparedDoc>;
  rechunk(parsed: ParsedDoc, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<Chunk[]>;
}

/** What the service needs from the embed worker's bridge (the model is already chosen). */
export interface EmbedPort {
  embed(texts: string[], kind: TextKind, options: { signal?: AbortSignal; onProgress?: (p: { kind: string; done?: number; total?: number }) => void }): Promise<EmbedResult>;
}

export interface LibraryDeps {
  store: LibraryStore;
  ingest: IngestPort;
  /** Loads the embedder if needed and returns a port to embed with it. */
  embedder: () => Promise<{ choice: EmbedderChoice; port: EmbedPort }>;
  /** The embedder that `embedder()` will load, known before it loads (so that files are read meanwhile); null if none. */
  embedderChoice?: () => EmbedderChoice | null;
  chunkOptions: () => ChunkOptions;
  /** Called after every change of the queue or progress; `stored` when stored documents changed too. */
  onChange: (stored?: boolean) => void;
  /** Called after files were written to the persisted queue (tell other tabs). */
  onQueued?: () => void;
  /** Called once after the first document is stored (ask for persistent storage). */
  onStored?: () => void;
  /**
   * Runs `work` holding the one lock on the persisted queue, so that exactly one
   * tab works it (the app passes the Web Locks API). Without it, work runs at once.
   */
  withQueueLock?: (work: () => Promise<void>) => Promise<void>;
  /** Whether the storage has room for this many more bytes (a quota check before resuming). */
  hasRoom?: (bytes: number) => Promise<boolean>;
  /** A document's knowledge-graph triples (docs/graph.md), stored in its transaction; none are stored without it. */
  triples?: (docId: string, parsed: ParsedDoc, chunks: Chunk[]) => Promise<Triple[]>;
  /**
   * Merges the batch's vector blocks into segments (the app has the search worker do it, off the main thread:
   * it encodes the segment files' codes). Without it, the store compacts here.
   */
  compact?: () => Promise<number>;
  now?: () => number;
}

/** Files wait, queued, because the embedder could not be downloaded. */
export interface Blocked {
  download: { kind: 'embedder' | 'llm'; modelId: string; model: string; host: string };
  /** How many files wait. */
  waiting: number;
}

/** What start-up found in the persisted queue. */
export interface ResumeResult {
  /** Files that are being resumed (by this tab, or by the tab that holds the queue lock). */
  waiting: number;
  /** Files that cannot be resumed; the person adds them again or forgets them. */
  problems: QueuedFile[];
}
