// Orchestrates ingestion on the main thread: ingest worker (parse + chunk) →
// embed worker → one IndexedDB transaction per document. Files are processed
// one at a time; a failing file is reported and the batch goes on.
import type { EmbedderChoice } from '../shared/catalog-types';
import type { EmbedResult, TextKind } from '../shared/embed-api';
import { IngestError, errorMessage, isAbortError } from '../shared/errors';
import type { TokenizerSpec } from '../shared/ingest-api';
import type { Chunk, ChunkOptions, ParsedDoc, PreparedDoc } from '../shared/library-types';
import type { LibraryStore } from '../store/library-store';
import type { DocumentRecord } from '../store/schema';

export type FileStatus =
  | { state: 'queued' }
  | { state: 'parsing' }
  | { state: 'embedding'; done: number; total: number }
  | { state: 'indexed'; docId: string }
  | { state: 'skipped'; reason: string }
  | { state: 'failed'; reason: string }
  | { state: 'cancelled' };

export interface QueueItem {
  key: number;
  name: string;
  size: number;
  status: FileStatus;
  /** Set when the item re-indexes a stored document rather than adding a file. */
  docId?: string;
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
  chunkOptions: () => ChunkOptions;
  /** Called after every change of the queue or progress; `stored` when stored documents changed too. */
  onChange: (stored?: boolean) => void;
  /** Called once after the first document is stored (ask for persistent storage). */
  onStored?: () => void;
  now?: () => number;
}

type Job = {
  item: QueueItem;
  run: (signal: AbortSignal) => Promise<void>;
  /** Starts the job's CPU-bound preparation early, while the previous job embeds and stores. */
  warm?: () => void;
};

interface Prepared {
  choice: EmbedderChoice;
  port: EmbedPort;
  options: ChunkOptions;
  doc: PreparedDoc;
  /** A stored document with the same content, found while preparing. */
  existing: DocumentRecord | undefined;
}

/** How many queued files are parsed and chunked ahead of the one being embedded and stored. */
const lookahead = 2;

export class LibraryService {
  queue: QueueItem[] = [];
  progress: Progress = { chunksDone: 0, chunksTotal: 0, filesDone: 0, filesTotal: 0, etaMs: null };
  #jobs: Job[] = [];
  #draining: Promise<void> | null = null;
  #controller = new AbortController();
  #nextKey = 1;
  #embedStart: number | null = null;
  #embedded = 0;
  readonly #now: () => number;

  constructor(private readonly deps: LibraryDeps) {
    this.#now = deps.now ?? (() => performance.now());
  }

  get busy(): boolean {
    return this.#draining !== null;
  }

  /** Queues files; they are processed in order, one at a time. Resolves when the whole queue is done. */
  addFiles(files: Iterable<File>): Promise<void> {
    for (const file of files) this.#enqueueIngest(file.name, file.size, (t, o) => this.deps.ingest.prepare(file, t, o));
    return this.#drain();
  }

  /** Queues pasted text as a document. */
  addText(name: string, text: string): Promise<void> {
    this.#enqueueIngest(name, new TextEncoder().encode(text).length, (t, o) => this.deps.ingest.prepareText(name, text, t, o));
    return this.#drain();
  }

  #enqueueIngest(name: string, size: number, prepare: (t: TokenizerSpec, o: ChunkOptions) => Promise<PreparedDoc>): void {
    let prepared: Promise<Prepared> | null = null;
    const start = () =>
      (prepared ??= (async () => {
        const { choice, port } = await this.deps.embedder();
        const options = this.deps.chunkOptions();
        const doc = await prepare({ entry: choice.entry, source: choice.source }, options);
        return { choice, port, options, doc, existing: await this.deps.store.findByHash(doc.hash) };
      })());
    this.#enqueue(name, size, (item, signal) => this.#ingest(item, signal, start), undefined, () => void start().catch(() => undefined));
  }

  /** Re-chunks and re-embeds every document not made with the current embedder and settings. */
  async reindexStale(): Promise<void> {
    const { choice } = await this.deps.embedder();
    const options = this.deps.chunkOptions();
    for (const doc of await this.deps.store.listDocuments()) {
      if (!isStale(doc, choice.entry.id, options)) continue;
      this.#enqueue(doc.name, doc.size, (item, signal) => this.#reindex(item, doc, signal), doc.id);
    }
    return this.#drain();
  }

  /** Stops the running file and drops the queued ones. Nothing half-written remains. */
  cancel(): void {
    this.#controller.abort();
  }

  async deleteDocument(docId: string): Promise<void> {
    await this.deps.store.deleteDocument(docId);
    this.deps.onChange(true);
  }

  #enqueue(name: string, size: number, run: (item: QueueItem, signal: AbortSignal) => Promise<void>, docId?: string, warm?: () => void): void {
    const item: QueueItem = { key: this.#nextKey++, name, size, status: { state: 'queued' }, ...(docId ? { docId } : {}) };
    this.queue = [...this.queue, item];
    this.progress = { ...this.progress, filesTotal: this.progress.filesTotal + 1 };
    this.#jobs.push({ item, run: (signal) => run(item, signal), ...(warm ? { warm } : {}) });
    this.deps.onChange();
  }

  #set(item: QueueItem, status: FileStatus): void {
    item.status = status;
    this.queue = [...this.queue];
    this.deps.onChange(status.state === 'indexed');
  }

  /** Runs the queue; a call while it runs joins the same run, which also takes the new jobs. */
  #drain(): Promise<void> {
    this.#draining ??= this.#run().finally(() => {
      this.#draining = null;
      this.deps.onChange(true);
    });
    return this.#draining;
  }

  async #run(): Promise<void> {
    try {
      for (let job = this.#jobs.shift(); job; job = this.#jobs.shift()) {
        const signal = this.#controller.signal;
        if (signal.aborted) {
          this.#set(job.item, { state: 'cancelled' });
        } else {
          try {
            for (const next of this.#jobs.slice(0, lookahead)) next.warm?.();
            await job.run(signal);
          } catch (e) {
            if (isAbortError(e)) this.#set(job.item, { state: 'cancelled' });
            else if (e instanceof IngestError && e.code === 'duplicate') this.#set(job.item, { state: 'skipped', reason: e.message });
            else this.#set(job.item, { state: 'failed', reason: errorMessage(e) });
          }
        }
        this.progress = { ...this.progress, filesDone: this.progress.filesDone + 1 };
        this.deps.onChange();
      }
      // Merge the batch's per-document vector blocks into large segments (fast cold loads).
      await this.deps.store.compact().catch((e: unknown) => console.warn('Vector compaction skipped:', e));
    } finally {
      this.#controller = new AbortController();
      this.progress = { chunksDone: 0, chunksTotal: 0, filesDone: 0, filesTotal: 0, etaMs: null };
      this.#embedStart = null;
      this.#embedded = 0;
    }
  }

  async #embedChunks(item: QueueItem, port: EmbedPort, chunks: Chunk[], signal: AbortSignal): Promise<Float32Array> {
    this.progress = { ...this.progress, chunksTotal: this.progress.chunksTotal + chunks.length };
    this.#set(item, { state: 'embedding', done: 0, total: chunks.length });
    this.#embedStart ??= this.#now();
    let lastDone = 0;
    const result = await port.embed(chunks.map((c) => c.text), 'passage', {
      signal,
      onProgress: (p) => {
        if (p.kind !== 'embed' || p.done === undefined) return;
        this.#embedded += p.done - lastDone;
        lastDone = p.done;
        const rate = this.#embedded / Math.max(1, this.#now() - this.#embedStart!);
        const left = this.progress.chunksTotal - this.#embedded;
        this.progress = { ...this.progress, chunksDone: this.#embedded, etaMs: rate > 0 ? left / rate : null };
        this.#set(item, { state: 'embedding', done: p.done, total: chunks.length });
      },
    });
    signal.throwIfAborted();
    return result.vectors;
  }

  async #ingest(item: QueueItem, signal: AbortSignal, start: () => Promise<Prepared>): Promise<void> {
    this.#set(item, { state: 'parsing' });
    const { choice, port, options, doc: prepared, existing } = await start();
    signal.throwIfAborted();
    // The unique index on the hash is the final guard, for a copy that was still queued here.
    if (existing) throw new IngestError('duplicate', `Already in your library as ${existing.name} (same content).`);
    if (prepared.chunks.length === 0) throw new IngestError('no-text', `${item.name} has no text to index.`);
    const vectors = await this.#embedChunks(item, port, prepared.chunks, signal);
    const docId = crypto.randomUUID();
    await this.deps.store.addDocument({
      doc: {
        id: docId, name: prepared.name, type: prepared.type, size: prepared.size, hash: prepared.hash, addedAt: Date.now(),
        chunkCount: prepared.chunks.length, embedderId: choice.entry.id, dim: choice.entry.dim, chunkOptions: options,
        ...(prepared.parsed.pageCount ? { pageCount: prepared.parsed.pageCount } : {}),
      },
      text: { docId, text: prepared.parsed.text, blocks: prepared.parsed.blocks },
      chunks: prepared.chunks,
      vectors,
    });
    this.#set(item, { state: 'indexed', docId });
    this.deps.onStored?.();
  }

  async #reindex(item: QueueItem, doc: DocumentRecord, signal: AbortSignal): Promise<void> {
    this.#set(item, { state: 'parsing' });
    const { choice, port } = await this.deps.embedder();
    const options = this.deps.chunkOptions();
    const text = await this.deps.store.getText(doc.id);
    if (!text) throw new Error(`${doc.name} has no stored text; delete it and add the file again.`);
    const chunks = await this.deps.ingest.rechunk({ text: text.text, blocks: text.blocks }, { entry: choice.entry, source: choice.source }, options);
    const vectors = await this.#embedChunks(item, port, chunks, signal);
    await this.deps.store.replaceIndex(doc.id, chunks, vectors, choice.entry.id, choice.entry.dim, options);
    this.#set(item, { state: 'indexed', docId: doc.id });
  }
}

/** A document needs re-indexing when its embedder or chunk settings differ from the current ones. */
export function isStale(doc: DocumentRecord, embedderId: string, options: ChunkOptions): boolean {
  return doc.embedderId !== embedderId || doc.chunkOptions.chunkTokens !== options.chunkTokens || doc.chunkOptions.overlapTokens !== options.overlapTokens;
}
