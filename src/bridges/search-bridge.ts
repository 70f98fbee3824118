// Main-thread handle on the search worker. The worker keeps the vectors between
// queries; after a long idle time it is stopped and re-synced on the next query.
import { transfer } from 'comlink';
import type { SearchApi, SearchRequest, SyncInfo } from '../shared/search-api';
import { WorkerHandle } from './worker-handle';

export class SearchBridge {
  readonly #handle: WorkerHandle<SearchApi>;
  /** The embedder whose vectors the worker holds, or null after a (re)start. */
  synced: string | null = null;

  constructor(createWorker: () => Worker, idleMs = 15 * 60_000) {
    this.#handle = new WorkerHandle(createWorker, { idleMs, onStop: () => (this.synced = null) });
  }

  async sync(embedderId: string): Promise<SyncInfo> {
    const info = await this.#handle.call((api) => api.sync(embedderId));
    this.synced = embedderId;
    return info;
  }

  search(request: SearchRequest) {
    const vector = request.vector;
    return this.#handle.call((api) => api.search(vector ? transfer(request, [vector.buffer]) : request));
  }

  graphOverview() {
    return this.#handle.call((api) => api.graphOverview());
  }

  planLabels(query: string, maxHops: number) {
    return this.#handle.call((api) => api.planLabels(query, maxHops));
  }

  findEntities(text: string, limit: number) {
    return this.#handle.call((api) => api.findEntities(text, limit));
  }

  neighbourhood(key: string, maxEdges: number) {
    return this.#handle.call((api) => api.neighbourhood(key, maxEdges));
  }

  terminate(): void {
    this.#handle.terminate();
  }
}
