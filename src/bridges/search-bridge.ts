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

  /** Merges vector blocks into segments in the worker (LibraryStore.compact); resolves to the segments written. */
  compact(): Promise<number> {
    return this.#handle.call((api) => api.compact());
  }

  search(request: SearchRequest) {
    const buffers = [request.vector?.buffer, request.spanVectors?.buffer].filter((b): b is ArrayBuffer => !!b);
    return this.#handle.call((api) => api.search(buffers.length ? transfer(request, buffers) : request));
  }

  graphTextsToEmbed(limit: number) {
    return this.#handle.call((api) => api.graphTextsToEmbed(limit));
  }

  /** `vectors` is transferred: the worker keeps them, the caller's copy is gone. */
  addGraphVectors(embedderId: string, texts: string[], vectors: Float32Array) {
    return this.#handle.call((api) => api.addGraphVectors(embedderId, texts, transfer(vectors, [vectors.buffer])));
  }

  graphOverview() {
    return this.#handle.call((api) => api.graphOverview());
  }

  planLabels(query: string, maxHops: number, vectors?: { question?: Float32Array; spans?: Float32Array }) {
    return this.#handle.call((api) => api.planLabels(query, maxHops, vectors));
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
