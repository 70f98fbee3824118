// The retrieval API (one for chat, compare, eval and fine-tune data building)
// and the search worker's typed API.

/**
 * `graph`: Reasoning on Graphs' path retrieval over the library's knowledge graph, returning the chunks that state the
 * best paths' edges (docs/graph.md); `hybrid-graph`: those fused with hybrid search by reciprocal rank.
 */
export type RetrievalMode = 'vector' | 'lexical' | 'hybrid' | 'graph' | 'hybrid-graph';

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
  /** Second stage: a cross-encoder rescores the first stage's top `topN`, and the best k are kept. */
  rerank?: RerankSetting;
}

/** Which reranker reorders how many first-stage candidates. */
export interface RerankSetting {
  /** Candidates the cross-encoder reads; at least k (a smaller N is raised to k). */
  topN: number;
  /** A reranker id from the catalog (local pack or built-in). */
  modelId: string;
}

/** 30 candidates: most answers that a reranker can rescue sit in the first stage's top 30, at ~30 pairs of model time. */
export const defaultRerankTopN = 30;

export const defaultRetrievalOptions: RetrievalOptions = { k: 5, mode: 'hybrid', weights: { vector: 1, lexical: 1 } };

export interface RetrievalRequest extends RetrievalOptions {
  query: string;
  /** Graph modes: relation paths an LLM planned (RoG's planning step); tried before the graph's own ranked plans. */
  plans?: string[][];
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
  scores: { vector?: number; vectorRank?: number; lexical?: number; lexicalRank?: number; graphRank?: number; fused?: number };
  /** The cross-encoder's logit, when the results were reranked. */
  rerankScore?: number;
  /** Position (1-based) in the first stage's order, when the results were reranked. */
  firstStageRank?: number;
}

export interface SearchTimings {
  embedMs: number;
  vectorMs: number;
  lexicalMs: number;
  fuseMs: number;
  searchMs: number;
  /** Second-stage cross-encoder time; 0 when the results were not reranked. */
  rerankMs: number;
  /** Graph path retrieval (link, plan, search), in the graph modes. */
  graphMs?: number;
}

/** Where an edge of the knowledge graph is stated: a sentence (or line, or table row) of a document. */
export interface EdgeEvidence {
  docId: string;
  docName: string;
  /** The chunk that holds the sentence. */
  ord: number;
  /** Character offsets of the sentence in the document text, end exclusive. */
  start: number;
  end: number;
  text: string;
  /** The extractor rule that read it (graph/types.ts ExtractorName). */
  extractor: string;
  /** The LLM that read it, when `extractor` is `llm`. */
  model?: string;
}

/** One hop of a retrieved path. `reverse`: the edge was followed against its direction (`to relation from`). */
export interface PathHop {
  /** Node keys and display names. */
  from: string;
  fromName: string;
  to: string;
  toName: string;
  relation: string;
  reverse: boolean;
  evidence: EdgeEvidence[];
}

/** A reasoning path of the knowledge graph, in the graph modes. */
export interface RetrievedPath {
  /** `A → relation → B ← relation ← C` (a reverse hop points back). */
  text: string;
  score: number;
  /** The path's last entity: RoG's no-LLM answer when the path is the best one. */
  end: string;
  /** The chunks whose sentences state the path's edges. */
  sources: { docId: string; ord: number }[];
  /** The hops, each with the sentences that state its edge. */
  hops: PathHop[];
}

/** Who planned a relation path: the LLM (RoG's planner) or the graph's ranking of its own relation sequences. */
export type PlanSource = 'llm' | 'ranked';

/** The labels an LLM planner may use for a question: those within reach of the entities it names. */
export interface PlanLabels {
  linked: string[];
  labels: string[];
}

/** What the graph modes add to a response. */
export interface GraphRetrievalInfo {
  /** Entities of the query found in the graph. */
  linked: string[];
  /** How each was found (same order): by key or alias, as the end of a longer name, or by embedding (with its cosine). */
  links?: { name: string; mention: string; how: 'exact' | 'suffix' | 'embedding'; score?: number }[];
  paths: RetrievedPath[];
  /** RoG's baseline without an LLM: the last entity of the best path; null when no path was found. */
  baseline: string | null;
  /**
   * The relation paths planned, and whether the graph has at least one path that follows each from a linked entity.
   * `source`: written by the LLM (constrained to the graph's labels), or ranked without an LLM (absent in older runs).
   */
  plans?: { relations: string[]; matched: boolean; source?: PlanSource }[];
  /** The LLM's planning step, when it ran: what it wrote, how long it took, and why it failed when it did. */
  llmPlan?: { text: string; ms: number; error?: string };
  /** The graph's size: zero entities means no document has triples yet. */
  entities: number;
  edges: number;
  /**
   * The time of each stage of RoG's retrieval in the search worker (graph/rog.ts): linking the question's entities,
   * planning relation paths, the constrained path search. Absent in Chat turns kept from before it existed.
   */
  stages?: GraphStageTimings;
}

export interface GraphStageTimings {
  linkMs: number;
  planMs: number;
  searchMs: number;
}

/** The timings the search worker measures itself (the retriever adds embedding and reranking). */
export type FirstStageTimings = Omit<SearchTimings, 'embedMs' | 'rerankMs'>;

export interface RetrievalResponse {
  results: RetrievedChunk[];
  mode: RetrievalMode;
  timings: SearchTimings;
  /** How the vector side ran, and its recall@k against exact search when asked for. */
  vector?: { method: 'binary+int8+rerank' | 'int8-simd+rerank' | 'exact-f32'; candidates: number; recallAtK?: number };
  /** Documents left out because their vector files are missing or damaged on disk (re-index them). */
  damaged?: number;
  /** Documents searched, and documents left out because another embedder indexed them. */
  searchable: number;
  stale: number;
  /** How the second stage ran, when one was asked for. */
  rerank?: { modelId: string; topN: number; candidates: number; scored: number; cached: number };
  /** The reasoning paths, in the graph modes. */
  graph?: GraphRetrievalInfo;
}

export interface SyncInfo {
  embedderId: string;
  documents: number;
  chunks: number;
  stale: number;
  loadMs: number;
  /** Documents left out because their vector files are missing or damaged on disk. */
  damaged?: number;
}

/** The knowledge graph at a glance, for the Graph view. */
export interface GraphOverview {
  entities: number;
  edges: number;
  triples: number;
  /** Of `triples`, those the LLM extractor wrote; the rest are the deterministic rules'. */
  llmTriples: number;
  /** Relation labels by how many edges carry them, most first. */
  relations: { label: string; edges: number }[];
  /**
   * Stored triples per searchable document, most first: all, the LLM's, and the LLM that read the document
   * (absent when none did; set even when it found nothing).
   */
  documents: { docId: string; docName: string; triples: number; llmTriples: number; llmModel?: string }[];
}

/** An entity found by name, for the Graph view's entity search. */
export interface EntityMatch {
  key: string;
  name: string;
  aliases: string[];
  /** Edges at the entity, both directions. */
  degree: number;
}

/** A part of the knowledge graph to draw: nodes, and edges in their stated direction. */
export interface GraphDrawing {
  /** `center`: the entity whose neighbourhood it is; `start` / `end`: where reasoning paths begin and end. */
  nodes: { key: string; name: string; role?: 'center' | 'start' | 'end' }[];
  /** `best`: the edge is on the best reasoning path (path 1). */
  edges: { id: string; source: string; target: string; relation: string; evidence: EdgeEvidence[]; best?: boolean }[];
  /** True when the neighbourhood had more edges than were drawn. */
  truncated: boolean;
}

export interface SearchRequest extends RetrievalRequest {
  /** The query embedded with the library's embedder (absent for lexical-only searches); in the graph modes it ranks plans. */
  vector?: Float32Array;
  /** Graph modes: the query's spans (graph/link.ts questionSpans) embedded, rows in order, for entity linking by embedding. */
  spanVectors?: Float32Array;
}

export interface SearchApi {
  /** Loads (or refreshes) vectors, chunks and the lexical index from IndexedDB for one embedder. */
  sync(embedderId: string): Promise<SyncInfo>;
  /** Runs the library's vector compaction here, off the main thread (LibraryStore.compact); the segments written. */
  compact(): Promise<number>;
  search(request: SearchRequest): Promise<FirstStageResponse>;
  /** The knowledge graph of the synced documents: sizes, relation labels, triples per document. */
  graphOverview(): Promise<GraphOverview>;
  /** The relation labels within `maxHops` of the entities the query names (none linked: no labels). */
  planLabels(query: string, maxHops: number, vectors?: { question?: Float32Array; spans?: Float32Array }): Promise<PlanLabels>;
  /** Entities whose name or alias contains the text (whole-name matches first), at most `limit`. */
  findEntities(text: string, limit: number): Promise<EntityMatch[]>;
  /** An entity, its edges and its neighbours, at most `maxEdges` edges (the most stated first). */
  neighbourhood(key: string, maxEdges: number): Promise<GraphDrawing>;
  /**
   * The synced graph's entity names, aliases and relation phrases that have no vector yet, at most `limit`: the
   * retriever embeds them (kind `query`) and hands them back with `addGraphVectors`.
   */
  graphTextsToEmbed(limit: number): Promise<{ embedderId: string; texts: string[] }>;
  /** Vectors of those texts (rows in order, transferred); returns how many were kept (0: another embedder's). */
  addGraphVectors(embedderId: string, texts: string[], vectors: Float32Array): Promise<number>;
}

/** What the search worker answers: the first stage only. */
export type FirstStageResponse = Omit<RetrievalResponse, 'timings' | 'rerank'> & { timings: FirstStageTimings };
