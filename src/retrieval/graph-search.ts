// The search worker's knowledge graph: loaded from the stored triples of the
// documents it searches, queried with RoG's no-LLM pipeline (link → plan →
// constrained search), and turned into ranked chunk keys ("docId#ord") through
// the provenance of the best paths' edges.
import { KnowledgeGraph } from '../graph/knowledge-graph';
import { renderPath } from '../graph/prompt';
import { defaultGraphRetrieveOptions, graphRetrieve } from '../graph/rog';
import type { Chunk } from '../shared/library-types';
import type { GraphRetrievalInfo } from '../shared/search-api';
import type { Triple } from '../shared/graph-types';

export interface GraphHits {
  /** Chunk keys, best first: the chunks of the best path's edges, then the next path's, without repeats. */
  ids: string[];
  info: GraphRetrievalInfo;
  ms: number;
}

export class GraphSearch {
  #kg = new KnowledgeGraph();
  #chunks = new Map<string, Chunk[]>();

  /** Rebuilds the graph from the triples of the searchable documents (others are left out). */
  load(triples: { docId: string; triples: Triple[] }[], chunks: Map<string, Chunk[]>): void {
    this.#chunks = chunks;
    this.#kg = KnowledgeGraph.from(triples.filter((t) => chunks.has(t.docId)).map((t) => [t.docId, t.triples]));
  }

  get size(): { entities: number; edges: number } {
    return { entities: this.#kg.graph.order, edges: this.#kg.graph.size };
  }

  /** Paths for the query and the chunks that state them; `allow` filters documents. */
  search(query: string, allow?: (docId: string) => boolean): GraphHits {
    const t = performance.now();
    // The evidence of an edge is its sentence, cut from the chunk that holds it.
    const evidence = (p: Triple['prov']) => {
      const c = this.#chunks.get(p.docId)?.[p.chunk];
      return c ? c.text.slice(Math.max(0, p.start - c.start), Math.max(0, p.end - c.start)) : '';
    };
    const r = graphRetrieve(this.#kg, query, { ...defaultGraphRetrieveOptions, search: { ...defaultGraphRetrieveOptions.search, evidence } });
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
      return { text: renderPath(p), score: p.score, end: p.steps.at(-1)!.toName, sources };
    });
    return { ids, info: { linked: r.linked.map((l) => l.name), paths, ...this.size }, ms: performance.now() - t };
  }
}
