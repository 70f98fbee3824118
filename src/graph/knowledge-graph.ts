// The knowledge graph in memory: a graphology MultiDirectedGraph whose nodes are
// entity keys and whose edges are (head, relation, tail) with every triple that
// states them. A per-node, per-relation index makes a constrained hop cost the
// number of matching edges, not the node's degree (npm run bench:graph).
import { MultiDirectedGraph } from 'graphology';
import { edgeId } from './drawing';
import { entityKey } from './normalize';
import type { Provenance, Triple } from './types';

export interface EntityAttrs {
  /** The first surface form seen (for an alias group: the head of its same_as triple). */
  name: string;
  /** Other surface forms that share the key or were declared the same. */
  aliases: string[];
}

export interface RelationAttrs {
  relation: string;
  prov: Provenance[];
}

export interface Hop {
  edge: string;
  other: string;
}

interface Adjacency {
  out: Hop[];
  in: Hop[];
}

export interface GraphStats {
  entities: number;
  edges: number;
  triples: number;
  relations: number;
  triplesPerDoc: Record<string, number>;
  /** Triples by extractor: the deterministic rules' and the LLM extractor's (`llm`), in all and per document. */
  llmTriples: number;
  llmTriplesPerDoc: Record<string, number>;
}

/** Union-find over entity keys, for same_as: the head's group absorbs the tail's. */
class Aliases {
  readonly #parent = new Map<string, string>();
  find(k: string): string {
    let r = k;
    while (this.#parent.has(r)) r = this.#parent.get(r)!;
    return r;
  }
  union(head: string, tail: string): void {
    const a = this.find(head);
    const b = this.find(tail);
    if (a !== b) this.#parent.set(b, a);
  }
}

export class KnowledgeGraph {
  readonly graph = new MultiDirectedGraph<EntityAttrs, RelationAttrs>();
  readonly #docs = new Map<string, Triple[]>();
  #aliases = new Aliases();
  #index = new Map<string, Map<string, Adjacency>>();
  #relationCounts = new Map<string, number>();
  /** Merges by name vectors (similarity.ts embeddingAliases): member key → canonical key and name. */
  #embedded = new Map<string, { key: string; name: string }>();
  #version = 0;

  /** Changes whenever the graph does: caches built from it check this. */
  get version(): number {
    return this.#version;
  }

  /** Builds the graph from every document's triples at once. */
  static from(docs: Iterable<[string, Triple[]]>): KnowledgeGraph {
    const kg = new KnowledgeGraph();
    for (const [docId, triples] of docs) kg.#docs.set(docId, triples);
    kg.#rebuild();
    return kg;
  }

  /** Adds or replaces one document's triples. A new document without aliases is added in place; anything else rebuilds. */
  setDocument(docId: string, triples: Triple[]): void {
    const replacing = this.#docs.has(docId);
    this.#docs.set(docId, triples);
    // Embedding merges were decided on the old entities: the caller decides again.
    const merges = triples.some((t) => t.relation === 'same_as') || this.#embedded.size > 0;
    this.#embedded.clear();
    if (replacing || merges) this.#rebuild();
    else for (const t of triples) this.#addEdge(t);
  }

  /** Removes a document's triples; entities that only it mentioned disappear. */
  removeDocument(docId: string): boolean {
    if (!this.#docs.delete(docId)) return false;
    this.#embedded.clear();
    this.#rebuild();
    return true;
  }

  /**
   * Merges entities whose names the embedder finds alike (member key → canonical key, from `embeddingAliases`),
   * on top of the key and same_as merges: the canonical keeps its name, the member's spellings become aliases.
   * Replaces earlier embedding merges; a document added or removed later drops them.
   */
  mergeByEmbedding(pairs: ReadonlyMap<string, string>): void {
    this.#embedded = new Map();
    for (const [member, canonical] of pairs) {
      if (this.graph.hasNode(member) && this.graph.hasNode(canonical)) this.#embedded.set(member, { key: canonical, name: this.name(canonical) });
    }
    this.#rebuild();
  }

  documents(): string[] {
    return [...this.#docs.keys()];
  }

  /** The node key for a name or key, through aliases; undefined when the graph has no such entity. */
  resolve(name: string): string | undefined {
    const key = this.#aliases.find(entityKey(name));
    return this.graph.hasNode(key) ? key : undefined;
  }

  name(key: string): string {
    return this.graph.getNodeAttribute(key, 'name');
  }

  /** Relation labels and how many edges carry each. */
  relations(): ReadonlyMap<string, number> {
    return this.#relationCounts;
  }

  /** Edges of one relation at a node, in either direction. */
  hops(key: string, relation: string): Adjacency {
    return this.#index.get(key)?.get(relation) ?? { out: [], in: [] };
  }

  /** Relation labels at a node (both directions). */
  relationsAt(key: string): string[] {
    return [...(this.#index.get(key)?.keys() ?? [])];
  }

  /** How many documents state an entity's edges, counted up to `limit`. */
  documentsAt(key: string, limit = Infinity): number {
    const docs = new Set<string>();
    for (const adjacency of this.#index.get(key)?.values() ?? []) {
      for (const h of [...adjacency.out, ...adjacency.in]) for (const p of this.provenance(h.edge)) docs.add(p.docId);
      if (docs.size >= limit) break;
    }
    return docs.size;
  }

  provenance(edge: string): Provenance[] {
    return this.graph.getEdgeAttribute(edge, 'prov');
  }

  stats(): GraphStats {
    const triplesPerDoc: Record<string, number> = {};
    const llmTriplesPerDoc: Record<string, number> = {};
    let triples = 0;
    let llmTriples = 0;
    for (const [d, t] of this.#docs) {
      const llm = t.reduce((n, x) => n + (x.prov.extractor === 'llm' ? 1 : 0), 0);
      triplesPerDoc[d] = t.length;
      llmTriplesPerDoc[d] = llm;
      triples += t.length;
      llmTriples += llm;
    }
    return { entities: this.graph.order, edges: this.graph.size, triples, relations: this.#relationCounts.size, triplesPerDoc, llmTriples, llmTriplesPerDoc };
  }

  #rebuild(): void {
    this.#version++;
    this.graph.clear();
    this.#index.clear();
    this.#relationCounts.clear();
    this.#aliases = new Aliases();
    const all = [...this.#docs.values()].flat();
    for (const t of all) if (t.relation === 'same_as') this.#aliases.union(entityKey(t.head), entityKey(t.tail));
    for (const [member, canonical] of this.#embedded) this.#aliases.union(canonical.key, member);
    // Canonicals and heads of same_as first, so that a group is named by them.
    for (const c of this.#embedded.values()) this.#node(c.name);
    for (const t of all) if (t.relation === 'same_as') this.#node(t.head), this.#node(t.tail);
    for (const t of all) this.#addEdge(t);
  }

  #node(surface: string): string | null {
    const key = this.#aliases.find(entityKey(surface));
    if (!key) return null;
    if (!this.graph.hasNode(key)) this.graph.addNode(key, { name: surface.trim(), aliases: [] });
    else {
      const attrs = this.graph.getNodeAttributes(key);
      const s = surface.trim();
      if (s !== attrs.name && !attrs.aliases.includes(s) && attrs.aliases.length < 16) attrs.aliases.push(s);
    }
    return key;
  }

  #addEdge(t: Triple): void {
    if (t.relation === 'same_as') return;
    const h = this.#node(t.head);
    const tl = this.#node(t.tail);
    if (!h || !tl || h === tl) return;
    const key = edgeId(h, t.relation, tl);
    this.#version++;
    if (this.graph.hasEdge(key)) {
      this.graph.getEdgeAttribute(key, 'prov').push(t.prov);
      return;
    }
    this.graph.addDirectedEdgeWithKey(key, h, tl, { relation: t.relation, prov: [t.prov] });
    this.#adjacency(h, t.relation).out.push({ edge: key, other: tl });
    this.#adjacency(tl, t.relation).in.push({ edge: key, other: h });
    this.#relationCounts.set(t.relation, (this.#relationCounts.get(t.relation) ?? 0) + 1);
  }

  #adjacency(node: string, relation: string): Adjacency {
    let byRel = this.#index.get(node);
    if (!byRel) this.#index.set(node, (byRel = new Map()));
    let adj = byRel.get(relation);
    if (!adj) byRel.set(relation, (adj = { out: [], in: [] }));
    return adj;
  }
}
