// Orchestrates ingestion on the main thread: ingest worker (parse + chunk) →
// embed worker → one IndexedDB transaction per document. Files are processed
// one at a time; a failing file is reported and the batch goes on.
//
// Added files are first written to the persisted queue (store/ingest-queue-store.ts)
// and only then worked, by whichever tab holds the queue lock; each leaves the
// queue in its document's transaction. A reload, a closed tab or a second tab
// therefore neither drops nor doubles a file. A file whose worker crashed is
// retried once in a fresh worker. When the embedder cannot be downloaded, no file
// fails: the batch stops with every file still queued (also in the persisted queue),
// and `blocked` says which model and host, until retry() (with the same or another
// embedder) takes them up again.
import type { EmbedderChoice } from '../shared/catalog-types';
import { IngestError, errorMessage, isAbortError, isDownloadError, isWorkerCrash, tKey, type Translatable } from '../shared/errors';
import { rulesExtractorId, type Triple } from '../shared/graph-types';
import type { Chunk, ChunkOptions, PreparedDoc } from '../shared/library-types';
import type { DocumentRecord } from '../store/schema';
import type { TokenizerSpec } from '../shared/ingest-api';
import type { QueuedFile } from '../store/ingest-queue-store';
import type { LibraryStore } from '../store/library-store';
import type { Blocked, EmbedPort, FileStatus, LibraryDeps, Progress, QueueItem, ResumeResult } from './library-service-types';

/** The translation an error carries (errors from the worker are plain data by then), for a file's status. */
const translation = (e: unknown): { i18n?: Translatable } => {
  const m = (e as { i18n?: Translatable } | null)?.i18n;
  return m ? { i18n: m } : {};
};

export type { Blocked, EmbedPort, FileStatus, IngestPort, LibraryDeps, Progress, QueueItem, ResumeResult } from './library-service-types';

type Job = {
  item: QueueItem;
  run: (signal: AbortSignal) => Promise<void>;
  /** Starts the job's CPU-bound preparation early, while the previous job embeds and stores. */
  warm?: () => void;
  /** Forgets the job's preparation, so that a retry starts it again in a fresh worker. */
  reset?: () => void;
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
  /** The current turn at the queue lock: waiting for it, or working the persisted queue. */
  #locked: Promise<void> | null = null;
  #owner = false;
  /** Persisted records already turned into jobs during this turn at the lock. */
  #taken = new Set<number>();
  /** Persisted records let go while the embedder could not be downloaded: retry() makes them pullable again in this turn. */
  #letGo = new Set<number>();
  /** Jobs that wait for an embedder that could not be downloaded and are not in the persisted queue (re-pulled from it). */
  #held: Job[] = [];
  /** Set while the embedder cannot be downloaded: the files wait, queued, until retry(). */
  blocked: Blocked | null = null;
  readonly #now: () => number;

  constructor(private readonly deps: LibraryDeps) {
    this.#now = deps.now ?? (() => performance.now());
  }

  get busy(): boolean {
    return this.#draining !== null;
  }

  /** True while this tab holds the queue lock and works the persisted queue. */
  get owner(): boolean {
    return this.#owner;
  }

  /**
   * Queues files: written to the persisted queue first (one transaction), then
   * processed in order, one at a time. Resolves when the queue is done.
   */
  addFiles(files: Iterable<File>): Promise<void> {
    const options = this.deps.chunkOptions();
    return this.#persistThenWork([...files].map((file) => ({ name: file.name, file, chunkOptions: options })));
  }

  /** Queues pasted text as a document, persisted like a file. */
  addText(name: string, text: string): Promise<void> {
    return this.#persistThenWork([{ name, text, chunkOptions: this.deps.chunkOptions() }]);
  }

  async #persistThenWork(entries: Parameters<LibraryStore['queue']['enqueue']>[0]): Promise<void> {
    if (!entries.length) return;
    try {
      await this.deps.store.queue.enqueue(entries);
    } catch (e) {
      // The queue could not be saved (storage full): index from memory, where each file reports its own failure.
      console.warn('The ingestion queue could not be saved; indexing without it:', e);
      for (const entry of entries) {
        const source = 'file' in entry ? { kind: 'file' as const, file: entry.file } : { kind: 'text' as const, text: entry.text };
        this.#enqueueIngest(entry.name, 'file' in entry ? entry.file.size : new TextEncoder().encode(entry.text).length, source, entry.chunkOptions);
      }
      return this.#drain();
    }
    // Ask for the lock before telling other tabs: the tab where the files were added is first in line.
    const done = this.workQueue();
    this.deps.onQueued?.();
    return done;
  }

  /**
   * Works the persisted queue once this tab holds the queue lock, until it is
   * empty. In the tab that already works it, this takes in newly queued files.
   * Other tabs wait here and take over if the working tab goes away.
   */
  workQueue(): Promise<void> {
    if (this.#owner) void this.#pull();
    const lock = this.deps.withQueueLock ?? ((work) => work());
    this.#locked ??= lock(async () => {
      this.#owner = true;
      this.deps.onChange();
      try {
        while ((await this.#pull()) > 0 || this.#jobs.length || this.#draining) await this.#drain();
      } finally {
        this.#owner = false;
        this.#taken.clear();
        this.#letGo.clear();
        this.deps.onChange();
      }
    }).finally(() => (this.#locked = null));
    return this.#locked;
  }

  /**
   * At start-up: looks at what a previous visit left in the queue. Files that
   * cannot be read back (or do not fit) are marked and returned for the person
   * to decide; the rest are resumed.
   */
  async resume(): Promise<ResumeResult> {
    const records = await this.deps.store.queue.list();
    const fresh = records.filter((r) => !r.problem);
    const unreadable: number[] = [];
    for (const r of fresh) {
      if (r.source.kind !== 'file') continue;
      if (!(await canRead(r.source.file))) unreadable.push(r.id);
    }
    const readable = fresh.filter((r) => !unreadable.includes(r.id));
    const bytes = readable.reduce((n, r) => n + r.size, 0);
    const room = readable.length === 0 || (await (this.deps.hasRoom?.(bytes) ?? Promise.resolve(true)));
    if (unreadable.length) await this.deps.store.queue.markProblem(unreadable, 'unreadable');
    if (!room) await this.deps.store.queue.markProblem(readable.map((r) => r.id), 'no-room');
    const waiting = room ? readable.length : 0;
    if (waiting) void this.workQueue();
    return { waiting, problems: (await this.deps.store.queue.list()).filter((r) => r.problem) };
  }

  /** Turns persisted records that are not jobs yet into jobs, in their order. */
  async #pull(): Promise<number> {
    const fresh = (await this.deps.store.queue.list()).filter((r) => !r.problem && !this.#taken.has(r.id));
    for (const r of fresh) {
      if (this.#taken.has(r.id)) continue; // taken by a pull that overlapped this one
      this.#taken.add(r.id);
      this.#enqueueIngest(r.name, r.size, r.source, r.chunkOptions, r.id);
    }
    return fresh.length;
  }

  #enqueueIngest(name: string, size: number, source: QueuedFile['source'], options: ChunkOptions, queueId?: number): void {
    const prepare = (t: TokenizerSpec): Promise<PreparedDoc> =>
      source.kind === 'file' ? this.deps.ingest.prepare(source.file as File, t, options) : this.deps.ingest.prepareText(name, source.text, t, options);
    let prepared: Promise<Prepared> | null = null;
    const start = () =>
      (prepared ??= (async () => {
        // The file is read and chunked while the embedder loads (the chunker needs only its tokenizer). A failed load
        // still decides what happens to the file (waiting for a download, or failed): the reading's outcome is then dropped.
        // Not for a hub model, whose tokenizer would be fetched before the load has said whether it can be downloaded.
        const picked = this.deps.embedderChoice?.();
        const early = picked && picked.source.kind !== 'hub' ? prepare({ entry: picked.entry, source: picked.source }) : null;
        early?.catch(() => undefined);
        const { choice, port } = await this.deps.embedder();
        const doc = await (early && choice.entry.id === picked!.entry.id ? early : prepare({ entry: choice.entry, source: choice.source }));
        return { choice, port, options, doc, existing: await this.deps.store.findByHash(doc.hash) };
      })());
    this.#enqueue(name, size, (item, signal) => this.#ingest(item, signal, start), {
      warm: () => void start().catch(() => undefined),
      reset: () => (prepared = null),
      ...(queueId !== undefined ? { queueId } : {}),
    });
  }

  /** Re-chunks and re-embeds every document not made with the current embedder and settings. */
  async reindexStale(): Promise<void> {
    const { choice } = await this.deps.embedder();
    const options = this.deps.chunkOptions();
    for (const doc of await this.deps.store.listDocuments()) {
      if (!isStale(doc, choice.entry.id, options)) continue;
      this.#enqueue(doc.name, doc.size, (item, signal) => this.#reindex(item, doc, signal), { docId: doc.id });
    }
    return this.#drain();
  }

  /** Stops the running file and drops the queued ones, also from the persisted queue. Nothing half-written remains. */
  cancel(): void {
    this.#controller.abort();
    this.#unblock();
    for (const job of this.#held) this.#set(job.item, { state: 'cancelled' });
    this.#held = [];
    void this.deps.store.queue.clear().catch((e: unknown) => console.warn('The saved queue could not be emptied:', e));
  }

  /**
   * Takes up the files that waited for an embedder that could not be downloaded: with the same one (try again) or
   * with whichever the caller chose meanwhile. Resolves when the queue is done (or blocked again).
   */
  retry(): Promise<void> {
    this.#unblock();
    const held = this.#held;
    this.#held = [];
    this.#jobs.push(...held);
    // A retry that lands while this turn at the queue is still finishing (its batch's compaction) joins that turn:
    // the records it let go must be pulled again there, or the turn ends without them and they wait for a reload.
    for (const id of this.#letGo) this.#taken.delete(id);
    this.#letGo.clear();
    return this.workQueue();
  }

  #unblock(): void {
    if (!this.blocked) return;
    this.blocked = null;
    this.deps.onChange();
  }

  async deleteDocument(docId: string): Promise<void> {
    await this.deps.store.deleteDocument(docId);
    this.deps.onChange(true);
  }

  #enqueue(
    name: string,
    size: number,
    run: (item: QueueItem, signal: AbortSignal) => Promise<void>,
    { docId, queueId, ...hooks }: { docId?: string; queueId?: number } & Pick<Job, 'warm' | 'reset'> = {},
  ): void {
    const item: QueueItem = { key: this.#nextKey++, name, size, status: { state: 'queued' }, ...(docId ? { docId } : {}), ...(queueId !== undefined ? { queueId } : {}) };
    // A file that waited for the embedder and is taken up again keeps its one line in the list.
    const others = queueId === undefined ? this.queue : this.queue.filter((q) => q.queueId !== queueId);
    this.queue = [...others, item];
    this.progress = { ...this.progress, filesTotal: this.progress.filesTotal + 1 };
    this.#jobs.push({ item, run: (signal) => run(item, signal), ...hooks });
    this.deps.onChange();
  }

  /** Runs a job; if its worker crashed, once more in a fresh worker (the bridge starts one on the next call). */
  async #runWithRetry(job: Job, signal: AbortSignal): Promise<void> {
    try {
      await job.run(signal);
    } catch (e) {
      if (!isWorkerCrash(e) || signal.aborted) throw e;
      console.warn(`Retrying ${job.item.name} in a fresh worker: ${errorMessage(e)}`);
      job.reset?.();
      await job.run(signal);
    }
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
            await this.#runWithRetry(job, signal);
          } catch (e) {
            if (isDownloadError(e)) {
              this.#hold([job, ...this.#jobs.splice(0)], e.download);
              break;
            }
            if (isAbortError(e)) this.#set(job.item, { state: 'cancelled' });
            else if (e instanceof IngestError && e.code === 'duplicate') this.#set(job.item, { state: 'skipped', reason: e.message, ...(e.i18n && { i18n: e.i18n }) });
            else this.#set(job.item, { state: 'failed', reason: errorMessage(e), ...translation(e) });
          }
        }
        // A file that ended without a document leaves the queue now, after its outcome (an indexed one left with its commit).
        const queueId = job.item.queueId;
        if (queueId !== undefined && job.item.status.state !== 'indexed') {
          await this.deps.store.queue.remove([queueId]).catch((e: unknown) => console.warn('Could not take a file off the saved queue:', e));
        }
        this.progress = { ...this.progress, filesDone: this.progress.filesDone + 1 };
        this.deps.onChange();
      }
      // Merge the batch's per-document vector blocks into large segments (fast cold loads).
      await (this.deps.compact ?? (() => this.deps.store.compact()))().catch((e: unknown) => console.warn('Vector compaction skipped:', e));
    } finally {
      this.#controller = new AbortController();
      this.progress = { chunksDone: 0, chunksTotal: 0, filesDone: 0, filesTotal: 0, etaMs: null };
      this.#embedStart = null;
      this.#embedded = 0;
    }
  }

  /**
   * The embedder could not be downloaded: every job left stays queued. Jobs from the persisted queue are let go
   * (their records stay there; the next turn at the queue pulls them again), the others are kept for retry().
   */
  #hold(jobs: Job[], download: Blocked['download']): void {
    for (const job of jobs) {
      job.reset?.();
      this.#set(job.item, { state: 'queued' });
      if (job.item.queueId === undefined) this.#held.push(job);
      else this.#letGo.add(job.item.queueId);
    }
    this.blocked = { download, waiting: this.queue.filter((q) => q.status.state === 'queued').length };
    this.deps.onChange();
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
    if (existing) throw new IngestError('duplicate', tKey('errors:ingest.duplicate', { existing: existing.name }));
    if (prepared.chunks.length === 0) throw new IngestError('no-text', tKey('errors:ingest.nothingToIndex', { name: item.name }));
    const vectors = await this.#embedChunks(item, port, prepared.chunks, signal);
    const docId = crypto.randomUUID();
    const triples = await this.deps.triples?.(docId, prepared.parsed, prepared.chunks);
    await this.deps.store.addDocument({
      doc: {
        id: docId, name: prepared.name, type: prepared.type, size: prepared.size, hash: prepared.hash, addedAt: Date.now(),
        chunkCount: prepared.chunks.length, embedderId: choice.entry.id, dim: choice.entry.dim, chunkOptions: options,
        ...(prepared.parsed.pageCount ? { pageCount: prepared.parsed.pageCount } : {}),
      },
      text: { docId, text: prepared.parsed.text, blocks: prepared.parsed.blocks },
      chunks: prepared.chunks,
      vectors,
      ...(item.queueId !== undefined ? { dequeue: item.queueId } : {}),
      ...(triples ? { triples: { extractor: rulesExtractorId, triples } } : {}),
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
    // Triples cite chunk ordinals: new chunks, new triples (or none, and the old ones go).
    const triples = await this.deps.triples?.(doc.id, { text: text.text, blocks: text.blocks }, chunks);
    await this.deps.store.replaceIndex(doc.id, chunks, vectors, choice.entry.id, choice.entry.dim, options, triples && { extractor: rulesExtractorId, triples });
    this.#set(item, { state: 'indexed', docId: doc.id });
  }
}

/** Whether a stored file can still be read: a File whose bytes the browser lost (evicted, deleted), or a damaged record, cannot. */
async function canRead(file: Blob): Promise<boolean> {
  try {
    await file.slice(0, 1).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** A document needs re-indexing when its embedder or chunk settings differ from the current ones. */
export function isStale(doc: DocumentRecord, embedderId: string, options: ChunkOptions): boolean {
  return doc.embedderId !== embedderId || doc.chunkOptions.chunkTokens !== options.chunkTokens || doc.chunkOptions.overlapTokens !== options.overlapTokens;
}
