// Main-thread handle on the ingest worker: started on first use, file bytes
// transferred in, terminated after a while idle; a dead worker rejects its calls.
import { transfer } from 'comlink';
import type { Triple } from '../shared/graph-types';
import type { IngestWorkerApi, TokenizerSpec } from '../shared/ingest-api';
import type { Chunk, ChunkOptions, ParsedDoc, PreparedDoc } from '../shared/library-types';
import { WorkerHandle } from './worker-handle';

export class IngestBridge {
  readonly #handle: WorkerHandle<IngestWorkerApi>;

  constructor(createWorker: () => Worker, idleMs = 5 * 60_000) {
    this.#handle = new WorkerHandle(createWorker, {
      idleMs,
      crashMessage: (reason) => `The file-reading worker stopped (${reason}). Try again; a very large file may need more memory than this tab has.`,
    });
  }

  prepare(file: File, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<PreparedDoc> {
    return this.#handle.call(async (api) => {
      const bytes = await file.arrayBuffer();
      return api.prepare(file.name, transfer(bytes, [bytes]), tokenizer, options);
    });
  }

  prepareText(name: string, text: string, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<PreparedDoc> {
    return this.#handle.call((api) => api.prepareText(name, text, tokenizer, options));
  }

  rechunk(parsed: ParsedDoc, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<Chunk[]> {
    return this.#handle.call((api) => api.rechunk(parsed, tokenizer, options));
  }

  /** The knowledge-graph triples of a parsed document (the deterministic extractor, in the worker). */
  extractTriples(docId: string, parsed: ParsedDoc, chunks: Chunk[]): Promise<Triple[]> {
    return this.#handle.call((api) => api.extractTriples(docId, parsed, chunks));
  }

  /** Stops the worker; a call still running rejects with an AbortError. */
  terminate(): void {
    this.#handle.terminate();
  }

  /** Treats the worker as crashed: calls in flight reject with a WorkerCrashError; the next call starts a fresh worker. */
  crash(reason = 'it was terminated'): void {
    this.#handle.crash(reason);
  }
}
