// Main-thread handle on the ingest worker: started on first use, file bytes
// transferred in, terminated after a while idle. Calls race the worker's death
// (crash, out of memory), so that a dead worker rejects them instead of hanging.
import { transfer, wrap, type Remote } from 'comlink';
import { WorkerCrashError, abortError } from '../shared/errors';
import type { IngestApi, TokenizerSpec } from '../shared/ingest-api';
import type { Chunk, ChunkOptions, ParsedDoc, PreparedDoc } from '../shared/library-types';

export class IngestBridge {
  #worker: Worker | null = null;
  #api: Remote<IngestApi> | null = null;
  #pending = 0;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #died: Promise<never> = new Promise(() => undefined);
  #kill: (e: Error) => void = () => undefined;

  constructor(
    private readonly createWorker: () => Worker,
    private readonly idleMs = 5 * 60_000,
  ) {}

  prepare(file: File, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<PreparedDoc> {
    return this.#call(async (api) => {
      const bytes = await file.arrayBuffer();
      return api.prepare(file.name, transfer(bytes, [bytes]), tokenizer, options);
    });
  }

  prepareText(name: string, text: string, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<PreparedDoc> {
    return this.#call((api) => api.prepareText(name, text, tokenizer, options));
  }

  rechunk(parsed: ParsedDoc, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<Chunk[]> {
    return this.#call((api) => api.rechunk(parsed, tokenizer, options));
  }

  terminate(): void {
    this.#stop(abortError('The ingest worker was stopped.'));
  }

  /** Treats the worker as crashed: calls in flight reject with a WorkerCrashError; the next call starts a fresh worker. */
  crash(reason = 'it was terminated'): void {
    this.#stop(new WorkerCrashError(`The file-reading worker stopped (${reason}). Try again; a very large file may need more memory than this tab has.`));
  }

  #stop(reason: Error): void {
    clearTimeout(this.#idleTimer);
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
    this.#kill(reason);
    this.#kill = () => undefined;
  }

  async #call<T>(fn: (api: Remote<IngestApi>) => Promise<T>): Promise<T> {
    clearTimeout(this.#idleTimer);
    if (!this.#api) {
      const worker = this.createWorker();
      this.#worker = worker;
      this.#api = wrap<IngestApi>(worker);
      this.#died = new Promise<never>((_, reject) => (this.#kill = reject));
      this.#died.catch(() => undefined); // observed only by calls in flight
      worker.addEventListener?.('error', (ev) => {
        if (this.#worker === worker) this.crash(ev.message || 'an error in the worker');
      });
    }
    this.#pending++;
    try {
      return await Promise.race([fn(this.#api), this.#died]);
    } finally {
      if (--this.#pending === 0) this.#idleTimer = setTimeout(() => this.terminate(), this.idleMs);
    }
  }
}
