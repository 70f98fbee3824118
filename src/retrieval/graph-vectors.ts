// The knowledge graph's vectors in the search worker: entity names, aliases and
// relation phrases embedded by the library's embedder (in the embed worker, in
// batches the retriever sends over), kept here beside the graph that uses them.
// Cached by text, so a re-sync embeds only names the graph did not have.
import type { KnowledgeGraph } from '../graph/knowledge-graph';
import { relationPhrase } from '../graph/relation-cues';
import type { GraphRetrieveOptions } from '../graph/rog';
import { embeddingAliases, similarityBaseline, type GraphVectorOptions, type SimilarityBaseline, type VectorRows } from '../graph/similarity';

/** The question embedded by the library's embedder: the whole question, and its spans (graph/link.ts questionSpans). */
export interface QueryVectors {
  question?: Float32Array | undefined;
  spans?: Float32Array | undefined;
}

export interface NameVectors {
  rows: VectorRows;
  baseline: SimilarityBaseline;
}

export class GraphVectors {
  #embedderId = '';
  #dim = 0;
  #byText = new Map<string, Float32Array>();
  #names: { version: number; size: number; value: NameVectors } | null = null;

  get dim(): number {
    return this.#dim;
  }

  /** A new graph: vectors of another embedder go, and so do those of texts the graph no longer has. */
  reset(embedderId: string, kg: KnowledgeGraph): void {
    if (embedderId !== this.#embedderId) (this.#byText = new Map()), (this.#dim = 0), (this.#embedderId = embedderId);
    const keep = new Set(texts(kg));
    for (const t of [...this.#byText.keys()]) if (!keep.has(t)) this.#byText.delete(t);
    this.#names = null;
  }

  /** Texts of the graph that have no vector yet, at most `limit`. */
  missing(kg: KnowledgeGraph, limit: number): string[] {
    const out: string[] = [];
    for (const t of texts(kg)) {
      if (out.length >= limit) break;
      if (!this.#byText.has(t)) out.push(t);
    }
    return out;
  }

  /** Stores one batch (rows in the order of `texts`); refused (0) when it is another embedder's or malformed. */
  add(embedderId: string, batch: string[], vectors: Float32Array): number {
    if (embedderId !== this.#embedderId || !batch.length || vectors.length % batch.length) return 0;
    const dim = vectors.length / batch.length;
    if (this.#dim && dim !== this.#dim) return 0;
    this.#dim = dim;
    batch.forEach((t, i) => this.#byText.set(t, vectors.subarray(i * dim, (i + 1) * dim)));
    return batch.length;
  }

  relation(label: string): Float32Array | undefined {
    return this.#byText.get(relationPhrase(label));
  }

  /** One row per entity name and alias that has a vector, and how similar unrelated names are; null without any. */
  names(kg: KnowledgeGraph): NameVectors | null {
    if (!this.#dim) return null;
    if (this.#names?.version === kg.version && this.#names.size === this.#byText.size) return this.#names.value;
    const keys: string[] = [];
    const rows: Float32Array[] = [];
    kg.graph.forEachNode((key, attrs) => {
      for (const text of [attrs.name, ...attrs.aliases]) {
        const v = this.#byText.get(text);
        if (v) keys.push(key), rows.push(v);
      }
    });
    const vectors = new Float32Array(rows.length * this.#dim);
    rows.forEach((r, i) => vectors.set(r, i * this.#dim));
    const names = { keys, vectors, dim: this.#dim };
    const value = { rows: names, baseline: similarityBaseline(names) };
    this.#names = { version: kg.version, size: this.#byText.size, value };
    return keys.length ? value : null;
  }

  /** `base` with the embedding route's inputs for one question, where the vectors exist (else `base` as it is). */
  retrieveOptions(kg: KnowledgeGraph, query: QueryVectors, base: GraphRetrieveOptions, options: GraphVectorOptions): GraphRetrieveOptions {
    const names = this.names(kg);
    const dim = this.#dim;
    if (!names) return base;
    const link = query.spans && query.spans.length % dim === 0
      ? { ...base.link, vectors: { spans: query.spans, names: names.rows, threshold: Math.max(options.linkFloor, names.baseline.high), maxLinks: options.maxEmbeddingLinks } }
      : base.link;
    const plan = query.question?.length === dim
      ? { ...base.plan, vectors: { question: query.question, relation: (l: string) => this.relation(l), baseline: names.baseline.median } }
      : base.plan;
    return { ...base, link, plan };
  }

  /**
   * The embedding alias merge (similarity.ts embeddingAliases): entities by name vector, the better connected
   * first as canonicals, at cosine ≥ max(aliasThreshold, the graph's baseline.high). Returns the merges made.
   */
  mergeAliases(kg: KnowledgeGraph, options: GraphVectorOptions): number {
    const threshold = Math.max(options.aliasThreshold, this.names(kg)?.baseline.high ?? 1);
    const entities: { key: string; vector: Float32Array; degree: number }[] = [];
    kg.graph.forEachNode((key, attrs) => {
      const vector = this.#byText.get(attrs.name);
      if (vector) entities.push({ key, vector, degree: kg.graph.degree(key) });
    });
    entities.sort((a, b) => b.degree - a.degree || a.key.localeCompare(b.key));
    const pairs = embeddingAliases(entities, threshold);
    if (pairs.size) kg.mergeByEmbedding(pairs);
    return pairs.size;
  }
}

/** Every text of the graph that gets a vector: entity names and aliases, then relation phrases. */
function* texts(kg: KnowledgeGraph): Generator<string> {
  const seen = new Set<string>();
  for (const { attributes } of kg.graph.nodeEntries()) {
    for (const t of [attributes.name, ...attributes.aliases]) if (!seen.has(t)) seen.add(t), yield t;
  }
  for (const label of kg.relations().keys()) {
    const t = relationPhrase(label);
    if (!seen.has(t)) seen.add(t), yield t;
  }
}
