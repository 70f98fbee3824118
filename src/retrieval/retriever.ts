// The one retrieval entry point for chat, compare, eval and fine-tune data
// building: embeds the query (embed worker), searches (search worker), then,
// when asked, reranks the top N with a cross-encoder (rerank worker).
import { RerankError, abortError } from '../shared/errors';
import type { RerankResult } from '../shared/rerank-api';
import type { FirstStageResponse, PlanLabels, RetrievalRequest, RetrievalResponse, SearchRequest, SyncInfo } from '../shared/search-api';
import { applyRerank } from './rerank-order';

export interface RetrieverPorts {
  /** The current embedder's id: the search worker must hold its vectors. */
  embedderId(): string | null;
  embedQuery(text: string): Promise<Float32Array>;
  search: {
    synced: string | null;
    sync(embedderId: string): Promise<SyncInfo>;
    search(request: SearchRequest): Promise<FirstStageResponse>;
    /** The graph's relation labels near the query's entities, for an LLM planner. */
    planLabels(query: string, maxHops: number): Promise<PlanLabels>;
  };
  /** Scores (query, passage) pairs with the reranker `modelId`; absent where no reranker can run. */
  rerank?(modelId: string, query: string, passages: string[], signal?: AbortSignal): Promise<RerankResult>;
}

export interface RetrieveCallOptions {
  /** Cancels the query; reranking stops at its next batch. */
  signal?: AbortSignal;
  /**
   * RoG's planning step with an LLM, for the graph modes: given the question and the labels the graph has near
   * its entities, the relation paths to follow (graph/llm-plan.ts). Without one, the graph ranks its own plans.
   */
  planner?: PathPlanner;
}

/** Plans relation paths over the given labels (an LLM under a grammar); `text` is what it wrote. */
export type PathPlanner = (question: string, labels: string[], signal?: AbortSignal) => Promise<{ plans: string[][]; text: string }>;

/** Hops an LLM plan may have: RoG's plans are short, and the graph's labels are looked up this far. */
export const plannerMaxHops = 3;

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

  /** Resolves once the search worker holds the current library (for direct questions to it, such as the Graph view's). */
  async ready(): Promise<void> {
    await this.sync();
    await this.#syncing;
  }

  /** The LLM's plans for a graph-mode query, when a planner was given and the query names entities of the graph. */
  async #plan(request: RetrievalRequest, options: RetrieveCallOptions): Promise<{ plans: string[][]; text: string; ms: number } | null> {
    if (!options.planner || (request.mode !== 'graph' && request.mode !== 'hybrid-graph') || request.plans) return null;
    const t = performance.now();
    const { labels } = await this.ports.search.planLabels(request.query, plannerMaxHops);
    if (!labels.length) return null;
    const out = await options.planner(request.query, labels, options.signal);
    if (options.signal?.aborted) throw abortError('The search was cancelled.');
    return { ...out, ms: performance.now() - t };
  }

  /** Runs one query through every stage; `timings` says what each cost. */
  async retrieve(request: RetrievalRequest, options: RetrieveCallOptions = {}): Promise<RetrievalResponse> {
    const needsVector = (request.mode !== 'lexical' && request.mode !== 'graph') || !!request.mmr;
    let embedMs = 0;
    const t0 = performance.now();
    // Embedding the query and (re)loading the library run side by side, in two workers.
    const [vector] = await Promise.all([
      needsVector ? this.ports.embedQuery(request.query).then((v) => ((embedMs = performance.now() - t0), v)) : undefined,
      this.sync(),
    ]);
    await this.#syncing;
    const { rerank, ...firstStage } = request;
    const llmPlan = await this.#plan(request, options);
    // The second stage needs the first stage's top N, not just its top k.
    const topN = rerank ? Math.max(rerank.topN, request.k) : request.k;
    const found = await this.ports.search.search({ ...firstStage, k: topN, ...(vector ? { vector } : {}), ...(llmPlan ? { plans: llmPlan.plans } : {}) });
    const response = llmPlan && found.graph ? { ...found, graph: { ...found.graph, llmPlan: { text: llmPlan.text, ms: llmPlan.ms } } } : found;
    const timings = { ...response.timings, embedMs, rerankMs: 0 };
    if (!rerank) return { ...response, timings };
    if (options.signal?.aborted) throw abortError('The search was cancelled.');
    if (!this.ports.rerank) throw new RerankError('Reranking is not available here; turn it off in the retrieval settings.');
    const t1 = performance.now();
    const scored = await this.ports.rerank(rerank.modelId, request.query, response.results.map((r) => r.text), options.signal);
    timings.rerankMs = performance.now() - t1;
    return {
      ...response,
      results: applyRerank(response.results, scored.scores, request.k),
      timings,
      rerank: { modelId: rerank.modelId, topN, candidates: response.results.length, scored: scored.scored, cached: scored.cached },
    };
  }
}
