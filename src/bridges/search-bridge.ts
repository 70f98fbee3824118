// Main-thread handle on the search worker. The worker keeps the vectors between
// queries; after a long idle time it is stopped and re-synced on the next query.
import { transfer, wrap, type Remote } from 'comlink';
import type { SearchApi, SearchRequest, SyncInfo } from '../shared/search-api';

export class SearchBridge {
  #worker: Worker | null = null;
  #api: Remote<SearchApi> | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** The embedder whose vectors the worker holds, or null after a (re)start. */
  synced: string | null = null;

  constructor(
    private readonly createWorker: () => Worker,
    private readonly idleMs = 15 * 60_000,
  ) {}

  #get(): Remote<SearchApi> {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.terminate(), this.idleMs);
    if (!this.#api) {
      this.#worker = this.createWorker();
      this.#api = wrap<SearchApi>(this.#worker);
    }
    return this.#api;
  }

  async sync(embedderId: string): Promise<SyncInfo> {
    const info = await this.#get().sync(embedderId);
    this.synced = embedderId;
    return info;
  }

  search(request: SearchRequest) {
    const vector = request.vector;
    return this.#get().search(vector ? transfer(request, [vector.buffer]) : request);
  }

  terminate(): void {
    clearTimeout(this.#idleTimer);
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
    this.synced = null;
  }
}
