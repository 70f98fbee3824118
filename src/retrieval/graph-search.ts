// The search worker's knowledge graph: loaded from the stored triples of the
// documents it searches, queried with RoG's no-LLM pipeline (link → plan →
// constrained search), and turned into ranked chunk keys ("docId#ord") through
// the provenance of the best paths' edges. The Graph view's questions (overview,
// entity search, neighbourhood) are answered here too, from the same graph.
import { findEntities, neighbourhood, relationCounts } from '../graph/explore';
import { KnowledgeGraph } from '../graph/knowledge-graph';
import { baselineAnswer, graphKinds, graphSex, renderPath } from '../graph/prompt';
import { defaultGraphRetrieveOptions, graphRetrieve, planLabels } from '../graph/rog';
import { defaultGraphVectorOptions, type GraphVectorOptions } from '../graph/similarity';
import type { Chunk } from '../shared/library-types';
import type { EdgeEvidence, EntityMatch, GraphDrawing, GraphOverview, GraphRetrievalInfo, PathHop, PlanLabels } from '../shared/search-api';
import type { Provenance, Triple } from '../shared/graph-types';
import { GraphVectors, type QueryVectors } from './graph-vectors';

export interface GraphHits {
  /** Chunk keys, best first: the chunks of the best path's edges, then the next path's, without repeats. */
  ids: string[];
  info: GraphRetrievalInfo;
  ms: number;
}

/** Sentences shown per edge: an edge stated in many places needs only a few to be checked. */
const maxEvidence = 5;

export class GraphSearch {
  #kg = new KnowledgeGraph();
  #chunks = new Map<string, Chunk[]>();
  #names = new Map<string, string>();
  /** The LLM that read each document (stored records of the LLM extractor). */
  #llmModels = new Map<string, string>();
  readonly #vectors = new GraphVectors();
  #merged = false;

  constructor(private readonly options: GraphVectorOptions = defaultGraphVectorOptions) {}

  /** Rebuilds the graph from the triples of the searchable documents (others are left out). */
  load(triples: { docId: string; triples: Triple[]; llmModel?: string }[], chunks: Map<string, Chunk[]>, names: Map<string, string> = new Map(), embedderId = ''): void {
    this.#chunks = chunks;
    this.#names = names;
    const searchable = triples.filter((t) => chunks.has(t.docId));
    this.#llmModels = new Map(searchable.flatMap((t) => (t.llmModel ? [[t.docId, t.llmModel] as const] : [])));
    this.#kg = KnowledgeGraph.from(searchable.map((t) => [t.docId, t.triples]));
    this.#vectors.reset(embedderId, this.#kg);
    this.#merged = false;
  }

  /** Entity names, aliases and relation phrases still without a vector from the library's embedder, at most `limit`. */
  textsToEmbed(limit: number): string[] {
    return this.#vectors.missing(this.#kg, limit);
  }

  /**
   * Vectors for `textsToEmbed`'s texts (rows in order). Once every text has one, the optional alias merge runs.
   * Returns how many were kept (0: another embedder's, or malformed).
   */
  addVectors(embedderId: string, texts: string[], vectors: Float32Array): number {
    const kept = this.#vectors.add(embedderId, texts, vectors);
    if (kept && this.options.aliasMerge && !this.#merged && !this.textsToEmbed(1).length) {
      this.#merged = true;
      this.#vectors.mergeAliases(this.#kg, this.options);
    }
    return kept;
  }

  get size(): { entities: number; edges: number } {
    return { entities: this.#kg.graph.order, edges: this.#kg.graph.size };
  }

  /** The sentence of a triple, cut from the chunk that holds it ('' when the chunk is gone). */
  #sentence(p: Provenance): string {
    const c = this.#chunks.get(p.docId)?.[p.chunk];
    return c ? c.text.slice(Math.max(0, p.start - c.start), Math.max(0, p.end - c.start)) : '';
  }

  #evidence(prov: Provenance[], allow?: (docId: string) => boolean): EdgeEvidence[] {
    return prov.filter((p) => !allow || allow(p.docId)).slice(0, maxEvidence).map((p) => ({
      docId: p.docId, docName: this.#names.get(p.docId) ?? p.docId, ord: p.chunk, start: p.start, end: p.end, text: this.#sentence(p).trim(), extractor: p.extractor,
      ...(p.model ? { model: p.model } : {}),
    }));
  }

  /** Paths for the query and the chunks that state them; `allow` filters documents. */
  search(query: string, allow?: (docId: string) => boolean, vectors: QueryVectors = {}, given?: string[][]): GraphHits {
    const t = performance.now();
    // The evidence of an edge is its sentence: its words count in the ranking.
    const evidence = (p: Provenance) => this.#sentence(p);
    const d = defaultGraphRetrieveOptions;
    const r = graphRetrieve(this.#kg, query, this.#vectors.retrieveOptions(this.#kg, vectors, { ...d, search: { ...d.search, evidence }, ...(given?.length ? { given } : {}) }, this.options));
    const ids: string[] = [];
    const paths = r.paths.map((p) => {
      const sources: { docId: string; ord: number }[] = [];
      for (const step of p.steps) {
        for (const prov of step.prov) {
          if (allow && !allow(prov.docId)) continue;
          const key = `${prov.docId}#${prov.chunk}`;
          if (!sources.some((s) => s.docId === prov.docId && s.ord === prov.chunk)) sources.push({ docId: prov.docId, ord: prov.chunk });
          if (!ids.includes(key)) ids.push(key);
        }
      }
      const hops: PathHop[] = p.steps.map((s, i) => {
        const from = i ? p.steps[i - 1]! : { to: p.start, toName: p.startName };
        return { from: from.to, fromName: from.toName, to: s.to, toName: s.toName, relation: s.relation, reverse: s.reverse, evidence: this.#evidence(s.prov, allow) };
      });
      return { text: renderPath(p), score: p.score, end: p.steps.at(-1)!.toName, sources, hops };
    });
    const plans = r.plans.map((p, i) => ({ relations: p.relations, matched: r.planMatched[i]!, source: p.source }));
    const links = r.linked.map(({ name, mention, how, score }) => ({ name, mention, how, ...(score !== undefined ? { score } : {}) }));
    const info = { linked: r.linked.map((l) => l.name), links, paths, baseline: baselineAnswer(r.paths, query, graphKinds(this.#kg), graphSex(this.#kg)), plans, ...this.size, stages: r.timings };
    return { ids, info, ms: performance.now() - t };
  }

  overview(): GraphOverview {
    const s = this.#kg.stats();
    const documents = Object.entries(s.triplesPerDoc).map(([docId, triples]) => {
      const llmModel = this.#llmModels.get(docId);
      return { docId, docName: this.#names.get(docId) ?? docId, triples, llmTriples: s.llmTriplesPerDoc[docId] ?? 0, ...(llmModel ? { llmModel } : {}) };
    });
    documents.sort((a, b) => b.triples - a.triples || a.docName.localeCompare(b.docName));
    return { entities: s.entities, edges: s.edges, triples: s.triples, llmTriples: s.llmTriples, relations: relationCounts(this.#kg), documents };
  }

  /** The labels an LLM planner may use: near the entities the query links to, by the same linking as search(). */
  planLabels(query: string, maxHops: number, vectors: QueryVectors = {}): PlanLabels {
    const link = this.#vectors.retrieveOptions(this.#kg, vectors, defaultGraphRetrieveOptions, this.options).link;
    const r = planLabels(this.#kg, query, maxHops, link);
    return { linked: r.linked.map((l) => l.name), labels: r.labels };
  }

  findEntities(text: string, limit: number): EntityMatch[] {
    return findEntities(this.#kg, text, limit);
  }

  neighbourhood(key: string, maxEdges: number): GraphDrawing {
    const n = neighbourhood(this.#kg, key, maxEdges);
    const nodes = n.nodes.map((x) => (x.key === key ? { ...x, role: 'center' as const } : x));
    return { nodes, edges: n.edges.map(({ prov, ...e }) => ({ ...e, evidence: this.#evidence(prov) })), truncated: n.truncated };
  }
}
