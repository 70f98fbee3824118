// Main-thread handle on the ingest worker: started on first use, file bytes
// transferred in, terminated after a while idle.
import { transfer, wrap, type Remote } from 'comlink';
import type { IngestApi, TokenizerSpec } from '../shared/ingest-api';
import type { Chunk, ChunkOptions, ParsedDoc, PreparedDoc } from '../shared/library-types';

export class IngestBridge {
  #worker: Worker | null = null;
  #api: Remote<IngestApi> | null = null;
  #pending = 0;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

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
    clearTimeout(this.#idleTimer);
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
  }

  async #call<T>(fn: (api: Remote<IngestApi>) => Promise<T>): Promise<T> {
    clearTimeout(this.#idleTimer);
    if (!this.#api) {
      this.#worker = this.createWorker();
      this.#api = wrap<IngestApi>(this.#worker);
    }
    this.#pending++;
    try {
      return await fn(this.#api);
    } finally {
      if (--this.#pending === 0) this.#idleTimer = setTimeout(() => this.terminate(), this.idleMs);
    }
  }
}
