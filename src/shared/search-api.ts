// The retrieval API (one for chat, compare, eval and fine-tune data building)
// and the search worker's typed API.

export type RetrievalMode = 'vector' | 'lexical' | 'hybrid';

export interface RetrievalOptions {
  k: number;
  mode: RetrievalMode;
  /** Maximal marginal relevance: diversify the top k; lambda 1 = pure relevance. */
  mmr?: { lambda: number };
  /** Only chunks of these documents. */
  docFilter?: string[];
  /** Reciprocal-rank-fusion weights for hybrid mode. */
  weights?: { vector: number; lexical: number };
  /** Also run exact search and report the recall of the fast vector path. */
  verify?: boolean;
}

export const defaultRetrievalOptions: RetrievalOptions = { k: 5, mode: 'hybrid', weights: { vector: 1, lexical: 1 } };

export interface RetrievalRequest extends RetrievalOptions {
  query: string;
}

export interface RetrievedChunk {
  docId: string;
  docName: string;
  /** Position of the chunk in its document. */
  ord: number;
  text: string;
  headingPath: string[];
  page?: number;
  pageEnd?: number;
  start: number;
  end: number;
  /** The score the final order is by (fused score in hybrid mode). */
  score: number;
  scores: { vector?: number; vectorRank?: number; lexical?: number; lexicalRank?: number; fused?: number };
}

export interface SearchTimings {
  embedMs: number;
  vectorMs: number;
  lexicalMs: number;
  fuseMs: number;
  searchMs: number;
}

export interface RetrievalResponse {
  results: RetrievedChunk[];
  mode: RetrievalMode;
  timings: SearchTimings;
  /** How the vector side ran, and its recall@k against exact search when asked for. */
  vector?: { method: 'int8-simd+rerank' | 'exact-f32'; candidates: number; recallAtK?: number };
  /** Documents searched, and documents left out because another embedder indexed them. */
  searchable: number;
  stale: number;
}

export interface SyncInfo {
  embedderId: string;
  documents: number;
  chunks: number;
  stale: number;
  loadMs: number;
}

export interface SearchRequest extends RetrievalRequest {
  /** The query embedded with the library's embedder (absent for lexical-only searches). */
  vector?: Float32Array;
}

export interface SearchApi {
  /** Loads (or refreshes) vectors, chunks and the lexical index from IndexedDB for one embedder. */
  sync(embedderId: string): Promise<SyncInfo>;
  search(request: SearchRequest): Promise<Omit<RetrievalResponse, 'timings'> & { timings: Omit<SearchTimings, 'embedMs'> }>;
}
