// The one retrieval entry point for chat, compare, eval and fine-tune data
// building: embeds the query (embed worker), searches (search worker), then,
// when asked, reranks the top N with a cross-encoder (rerank worker).
import { questionSpans } from '../graph/link';
import { RerankError, abortError, isAbortError } from '../shared/errors';
import type { RerankResult } from '../shared/rerank-api';
import type { FirstStageResponse, PlanLabels, RetrievalRequest, RetrievalResponse, SearchRequest, SyncInfo } from '../shared/search-api';
import { applyRerank } from './rerank-order';

export interface RetrieverPorts {
  /** The current embedder's id: the search worker must hold its vectors. */
  embedderId(): string | null;
  embedQuery(text: string): Promise<Float32Array>;
  /** Embeds texts as the query is (kind `query`), rows in order: the graph modes' embedding route; absent, they stay lexical. */
  embedTexts?(texts: string[]): Promise<Float32Array>;
  search: {
    synced: string | null;
    sync(embedderId: string): Promise<SyncInfo>;
    search(request: SearchRequest): Promise<FirstStageResponse>;
    /** The graph's relation labels near the query's entities, for an LLM planner. */
    planLabels(query: string, maxHops: number, vectors?: { question?: Float32Array; spans?: Float32Array }): Promise<PlanLabels>;
    graphTextsToEmbed?(limit: number): Promise<{ embedderId: string; texts: string[] }>;
    addGraphVectors?(embedderId: string, texts: string[], vectors: Float32Array): Promise<number>;
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

/**
 * Graph texts per embed call: the embed worker runs one job at a time, so a query's own embedding waits for one
 * batch at most, never for a whole large graph.
 */
export const graphEmbedBatch = 64;

export class Retriever {
  #dirty = true;
  #syncing: Promise<SyncInfo | null> | null = null;
  /** Embedding the synced graph's names and relation phrases; started by the first graph query after a sync. */
  #graphFill: Promise<void> | null = null;

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
    this.#graphFill = null;
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

  /**
   * The LLM's plans for a graph-mode query, when a planner was given and the query names entities of the graph.
   * A planner that fails (the model cannot run, a grammar is refused) does not fail the query: the graph's ranked
   * plans are followed, and the response says why the model's are missing.
   */
  async #plan(request: RetrievalRequest, options: RetrieveCallOptions, vectors: { vector: Float32Array; spanVectors: Float32Array } | null | undefined): Promise<{ plans: string[][]; text: string; ms: number; error?: string } | null> {
    if (!options.planner || (request.mode !== 'graph' && request.mode !== 'hybrid-graph') || request.plans) return null;
    const t = performance.now();
    // Linked as search() will link (the vectors are cloned to the worker, not transferred: search() sends them again).
    const { labels } = await this.ports.search.planLabels(request.query, plannerMaxHops, vectors ? { question: vectors.vector, spans: vectors.spanVectors } : undefined);
    if (!labels.length) return null;
    try {
      const out = await options.planner(request.query, labels, options.signal);
      if (options.signal?.aborted) throw abortError('The search was cancelled.');
      return { ...out, ms: performance.now() - t };
    } catch (e) {
      if (isAbortError(e) || options.signal?.aborted) throw e;
      return { plans: [], text: '', ms: performance.now() - t, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /**
   * Hands the search worker vectors for its graph's names and relation phrases, in batches, until none is missing.
   * Only what a sync added is embedded: the worker keeps the rest.
   */
  #fillGraph(): Promise<void> {
    const { ports } = this;
    const search = ports.search;
    if (!ports.embedTexts || !search.graphTextsToEmbed || !search.addGraphVectors) return Promise.resolve();
    this.#graphFill ??= (async () => {
      for (;;) {
        const { embedderId, texts } = await search.graphTextsToEmbed!(graphEmbedBatch);
        if (!texts.length) return;
        // A batch refused (the worker synced another embedder meanwhile) ends this fill; the next sync starts one.
        if (!(await search.addGraphVectors!(embedderId, texts, await ports.embedTexts!(texts)))) return;
      }
    })().catch((e: unknown) => {
      this.#graphFill = null;
      throw e;
    });
    return this.#graphFill;
  }

  /**
   * The graph modes' embedding route: the query and its spans in one embed call, and the graph's own vectors.
   * Without an embedder "graph" stays lexical; "hybrid-graph" needs the query vector anyway, so it fails as hybrid does.
   */
  async #graphVectors(query: string, mode: RetrievalRequest['mode']): Promise<{ vector: Float32Array; spanVectors: Float32Array } | null> {
    const spans = questionSpans(query);
    try {
      const all = await this.ports.embedTexts!([query, ...spans]);
      const dim = all.length / (spans.length + 1);
      await this.#syncing;
      await this.#fillGraph();
      return { vector: all.slice(0, dim), spanVectors: all.slice(dim) };
    } catch (e) {
      if (mode !== 'graph' || isAbortError(e)) throw e;
      console.warn('Graph retrieval without the embedder (lexical linking and planning):', e);
      return null;
    }
  }

  /** Runs one query through every stage; `timings` says what each cost. */
  async retrieve(request: RetrievalRequest, options: RetrieveCallOptions = {}): Promise<RetrievalResponse> {
    const graphVectors = (request.mode === 'graph' || request.mode === 'hybrid-graph') && !!this.ports.embedTexts && !!this.ports.search.graphTextsToEmbed;
    const needsVector = !graphVectors && ((request.mode !== 'lexical' && request.mode !== 'graph') || !!request.mmr);
    let embedMs = 0;
    const t0 = performance.now();
    // Embedding the query and (re)loading the library run side by side, in two workers.
    const [, vector, graph] = await Promise.all([
      this.sync(),
      needsVector ? this.ports.embedQuery(request.query).then((v) => ((embedMs = performance.now() - t0), v)) : undefined,
      // In the graph modes this includes the sync and embedding what the graph gained since the last one.
      graphVectors ? this.#graphVectors(request.query, request.mode).then((v) => ((embedMs = performance.now() - t0), v)) : undefined,
    ]);
    await this.#syncing;
    const { rerank, ...firstStage } = request;
    const llmPlan = await this.#plan(request, options, graph);
    // The second stage needs the first stage's top N, not just its top k.
    const topN = rerank ? Math.max(rerank.topN, request.k) : request.k;
    const found = await this.ports.search.search({ ...firstStage, k: topN, ...(vector ? { vector } : {}), ...(graph ?? {}), ...(llmPlan ? { plans: llmPlan.plans } : {}) });
    const response = llmPlan && found.graph ? { ...found, graph: { ...found.graph, llmPlan: { text: llmPlan.text, ms: llmPlan.ms, ...(llmPlan.error ? { error: llmPlan.error } : {}) } } } : found;
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
