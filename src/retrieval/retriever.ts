// The one retrieval entry point for chat, compare, eval and fine-tune data
// building: embeds the query (embed worker), then searches (search worker).
import type { RetrievalRequest, RetrievalResponse, SearchRequest, SyncInfo } from '../shared/search-api';

export interface RetrieverPorts {
  /** The current embedder's id: the search worker must hold its vectors. */
  embedderId(): string | null;
  embedQuery(text: string): Promise<Float32Array>;
  search: {
    synced: string | null;
    sync(embedderId: string): Promise<SyncInfo>;
    search(request: SearchRequest): Promise<Omit<RetrievalResponse, 'timings'> & { timings: Omit<RetrievalResponse['timings'], 'embedMs'> }>;
  };
}

export class Retriever {
  #dirty = true;
  #syncing: Promise<SyncInfo | null> | null = null;

  constructor(private readonly ports: RetrieverPorts) {}

  /** The library changed: the search worker re-reads it before the next query. */
  invalidate(): void {
    this.#dirty = true;
  }

  /** Loads the library into the search worker now (at start-up), instead of at the first query. */
  sync(): Promise<SyncInfo | null> {
    const id = this.ports.embedderId();
    if (!id) return Promise.resolve(null);
    if (!this.#dirty && this.ports.search.synced === id) return Promise.resolve(null);
    this.#dirty = false;
    this.#syncing = this.ports.search.sync(id).catch((e: unknown) => {
      this.#dirty = true;
      throw e;
    });
    return this.#syncing;
  }

  async retrieve(request: RetrievalRequest): Promise<RetrievalResponse> {
    const needsVector = request.mode !== 'lexical' || !!request.mmr;
    let embedMs = 0;
    const t0 = performance.now();
    // Embedding the query and (re)loading the library run side by side, in two workers.
    const [vector] = await Promise.all([
      needsVector ? this.ports.embedQuery(request.query).then((v) => ((embedMs = performance.now() - t0), v)) : undefined,
      this.sync(),
    ]);
    await this.#syncing;
    const response = await this.ports.search.search({ ...request, ...(vector ? { vector } : {}) });
    return { ...response, timings: { ...response.timings, embedMs } };
  }
}
