// The search worker's engine: it holds one embedder's vectors (compact codes in memory, the
// float32 rows in OPFS files or in memory: vector-set.ts), the chunks, the BM25 index, and the
// knowledge graph built from the documents' stored triples.
import type { Chunk } from '../shared/library-types';
import type { EntityMatch, GraphDrawing, GraphOverview, PlanLabels, RetrievedChunk, SearchApi, SearchRequest, SyncInfo } from '../shared/search-api';
import type { LibraryStore } from '../store/library-store';
import { maximalMarginalRelevance, reciprocalRankFusion } from './fusion';
import { GraphSearch } from './graph-search';
import { LexicalIndex } from './lexical';
import type { Hit } from './topk';
import { exactCandidates, VectorSet } from './vector-set';
import { dot } from '../shared/vectors';
import { searchCache } from '../store/vector-files';

interface DocEntry {
  id: string;
  name: string;
  rowStart: number;
  chunks: Chunk[];
}

export class SearchEngine implements SearchApi {
  #embedderId = '';
  #vectors = new VectorSet();
  /** Settles when no sync is loading: searches wait for it (the codes are rebuilt in place). */
  #ready: Promise<unknown> = Promise.resolve();
  #damaged = 0;
  #docs = new Map<string, DocEntry>();
  #rowDoc: DocEntry[] = [];
  #lexical = new LexicalIndex();
  /** Whether this worker has tried its BM25 cache yet (once: afterwards its own index is newer). */
  #lexicalRestored = false;
  /** The last write of the BM25 cache: writes go one after another. */
  #lexicalSaved: Promise<void> = Promise.resolve();
  #graph = new GraphSearch();
  #stale = 0;

  constructor(private readonly openStore: () => Promise<LibraryStore>) {}

  sync(embedderId: string): Promise<SyncInfo> {
    const run = this.#ready.then(() => this.#sync(embedderId));
    this.#ready = run.catch(() => undefined);
    return run;
  }

  async #sync(embedderId: string): Promise<SyncInfo> {
    const t = performance.now();
    const store = await this.openStore();
    try {
      const docs = await store.listDocuments();
      const current = docs.filter((d) => d.embedderId === embedderId);
      const chunkSets = new Map((await store.allChunks()).map((c) => [c.docId, c.chunks]));
      const names = new Map(docs.map((d) => [d.id, d.name]));
      let loaded: Awaited<ReturnType<VectorSet['load']>>;
      try {
        loaded = await this.#vectors.load(await store.vectorLayout(embedderId));
      } catch (e) {
        // A segment file replaced by a compaction between reading the records and opening it: read them again.
        if ((e as { name?: string }).name !== 'NotFoundError') throw e;
        loaded = await this.#vectors.load(await store.vectorLayout(embedderId));
      }
      this.#embedderId = embedderId;
      this.#damaged = loaded.damaged.length;
      this.#docs.clear();
      this.#rowDoc = [];
      let row = 0;
      for (const { docId: id, count } of loaded.docs) {
        const entry: DocEntry = { id, name: names.get(id) ?? id, rowStart: row, chunks: chunkSets.get(id) ?? [] };
        this.#docs.set(id, entry);
        for (let j = 0; j < count; j++) this.#rowDoc.push(entry);
        row += count;
      }
      // Documents whose vector files are damaged have no rows, but BM25 and the graph still find them.
      for (const d of current) if (!this.#docs.has(d.id)) this.#docs.set(d.id, { id: d.id, name: d.name, rowStart: -1, chunks: chunkSets.get(d.id) ?? [] });
      // The BM25 index changes one document at a time: added, re-chunked or removed. It starts from the cache the last
      // worker wrote (a million chunks tokenize in about a minute; the cache loads in a second), patched the same way.
      if (!this.#lexicalRestored) {
        this.#lexicalRestored = true;
        const cached = await searchCache.read(store.name, 'bm25.bin');
        try {
          if (cached) this.#lexical = LexicalIndex.fromBytes(cached);
        } catch (e) {
          console.warn('BM25 cache unreadable; building the index from the chunks:', e);
        }
      }
      let lexicalChanged = false;
      const versions = new Map(current.map((d) => [d.id, `${d.chunkCount}:${d.chunkOptions.chunkTokens}:${d.chunkOptions.overlapTokens}:${d.embedderId}`]));
      for (const [id, version] of versions) {
        if (this.#lexical.version(id) !== version) (this.#lexical.add(id, version, (chunkSets.get(id) ?? []).map((c) => c.text)), (lexicalChanged = true));
      }
      for (const id of this.#lexical.documentIds()) if (!versions.has(id)) (this.#lexical.remove(id), (lexicalChanged = true));
      if (lexicalChanged) {
        const name = store.name;
        const bytes = this.#lexical.toBytes();
        this.#lexicalSaved = this.#lexicalSaved.then(() => searchCache.write(name, 'bm25.bin', bytes)).catch((e: unknown) => console.warn('BM25 cache not written:', e));
      }
      for (const id of [...this.#docs.keys()]) if (!versions.has(id)) this.#docs.delete(id);
      this.#stale = docs.length - current.length;
      // Files this worker held open until now (replaced by a compaction meanwhile) can go.
      await store.sweepFiles().catch((e: unknown) => console.warn('Vector files left for a later sweep:', e));
      this.#graph.load(await store.graph.all(), new Map([...this.#docs].map(([id, e]) => [id, e.chunks])), names, embedderId);
      return {
        embedderId, documents: this.#docs.size, chunks: row, stale: this.#stale, loadMs: performance.now() - t,
        ...(this.#damaged ? { damaged: this.#damaged } : {}),
      };
    } finally {
      store.close();
    }
  }

  async compact(): Promise<number> {
    const store = await this.openStore();
    try {
      return await store.compact();
    } finally {
      store.close();
    }
  }

  async graphOverview(): Promise<GraphOverview> {
    return this.#graph.overview();
  }

  async planLabels(query: string, maxHops: number, vectors?: { question?: Float32Array; spans?: Float32Array }): Promise<PlanLabels> {
    return this.#graph.planLabels(query, maxHops, vectors);
  }

  async findEntities(text: string, limit: number): Promise<EntityMatch[]> {
    return this.#graph.findEntities(text, limit);
  }

  async neighbourhood(key: string, maxEdges: number): Promise<GraphDrawing> {
    return this.#graph.neighbourhood(key, maxEdges);
  }

  async graphTextsToEmbed(limit: number): Promise<{ embedderId: string; texts: string[] }> {
    return { embedderId: this.#embedderId, texts: this.#graph.textsToEmbed(limit) };
  }

  async addGraphVectors(embedderId: string, texts: string[], vectors: Float32Array): Promise<number> {
    return this.#graph.addVectors(embedderId, texts, vectors);
  }

  #result(entry: DocEntry, ord: number, score: number, scores: RetrievedChunk['scores']): RetrievedChunk {
    const c = entry.chunks[ord]!;
    return {
      docId: entry.id, docName: entry.name, ord, text: c.text, headingPath: c.headingPath, start: c.start, end: c.end,
      ...(c.page ? { page: c.page } : {}), ...(c.pageEnd ? { pageEnd: c.pageEnd } : {}), score, scores,
    };
  }

  async search(req: SearchRequest) {
    await this.#ready;
    const t0 = performance.now();
    const filter = req.docFilter?.length ? new Set(req.docFilter) : null;
    const rows = this.#rowDoc.length;
    const allow = filter ? Uint8Array.from(this.#rowDoc, (d) => (filter.has(d.id) ? 1 : 0)) : undefined;
    const fusing = req.mode === 'hybrid' || req.mode === 'hybrid-graph';
    const pool = fusing || req.mmr ? Math.max(req.k * 4, 50) : req.k;
    const useVector = req.mode !== 'lexical' && req.mode !== 'graph' && !!req.vector && rows > 0;
    const candidates = Math.max(exactCandidates, pool * 2);

    let vectorHits: Hit[] = [];
    let recallAtK: number | undefined;
    if (useVector) {
      const q = req.vector!;
      vectorHits = await this.#vectors.search(q, pool, allow, candidates);
      if (req.verify) {
        const exact = new Set((await this.#vectors.exactTopK(q, req.k, allow)).map((h) => h.row));
        recallAtK = exact.size ? vectorHits.slice(0, req.k).filter((h) => exact.has(h.row)).length / exact.size : 1;
      }
    }
    const t1 = performance.now();
    const lexicalHits = req.mode === 'lexical' || fusing ? this.#lexical.search(req.query, pool, filter ? (d) => filter.has(d) : undefined) : [];
    const graph = req.mode === 'graph' || req.mode === 'hybrid-graph' ? this.#graph.search(req.query, filter ? (d) => filter.has(d) : undefined, { question: req.vector, spans: req.spanVectors }, req.plans) : null;
    const t2 = performance.now();

    // Everything is keyed by "docId#ord" from here on.
    const key = (docId: string, ord: number) => `${docId}#${ord}`;
    const byKey = new Map<string, { entry: DocEntry; ord: number; scores: RetrievedChunk['scores'] }>();
    const note = (docId: string, ord: number, s: RetrievedChunk['scores']) => {
      const entry = this.#docs.get(docId);
      if (!entry || !entry.chunks[ord]) return null;
      const k = key(docId, ord);
      const cur = byKey.get(k) ?? { entry, ord, scores: {} };
      Object.assign(cur.scores, s);
      byKey.set(k, cur);
      return k;
    };
    const vectorIds = vectorHits.map((h, i) => note(this.#rowDoc[h.row]!.id, h.row - this.#rowDoc[h.row]!.rowStart, { vector: h.score, vectorRank: i + 1 })).filter((k): k is string => !!k);
    const lexicalIds = lexicalHits.map((h, i) => note(h.docId, h.ord, { lexical: h.score, lexicalRank: i + 1 })).filter((k): k is string => !!k);
    const graphIds = (graph?.ids ?? []).map((id, i) => note(id.slice(0, id.lastIndexOf('#')), Number(id.slice(id.lastIndexOf('#') + 1)), { graphRank: i + 1 })).filter((k): k is string => !!k);

    let ordered: { id: string; score: number }[];
    if (fusing) {
      const w = req.weights ?? { vector: 1, lexical: 1 };
      const lists = [{ name: 'vector', weight: w.vector, ids: vectorIds }, { name: 'lexical', weight: w.lexical, ids: lexicalIds }];
      ordered = reciprocalRankFusion(req.mode === 'hybrid-graph' ? [...lists, { name: 'graph', weight: 1, ids: graphIds }] : lists);
      for (const f of ordered) byKey.get(f.id)!.scores.fused = f.score;
    } else if (req.mode === 'graph') {
      // The chunks of the best path come first; no other score exists in this mode.
      ordered = graphIds.map((id, i) => ({ id, score: 1 / (i + 1) }));
    } else if (req.mode === 'vector') {
      ordered = vectorIds.map((id) => ({ id, score: byKey.get(id)!.scores.vector! }));
    } else {
      ordered = lexicalIds.map((id) => ({ id, score: byKey.get(id)!.scores.lexical! }));
    }
    if (req.mmr && this.#vectors.dim > 0) {
      const rowOf = (id: string) => byKey.get(id)!.entry.rowStart + byKey.get(id)!.ord;
      const top = ordered[0]?.score ?? 1;
      const dim = this.#vectors.dim;
      // The pool's float32 vectors, read once (from memory or by offset from the segment files); a document without
      // vectors (damaged files) counts as similar to nothing.
      const withRows = ordered.filter((x) => byKey.get(x.id)!.entry.rowStart >= 0);
      const pooled = await this.#vectors.rows(Int32Array.from(withRows, (x) => rowOf(x.id)));
      const at = new Map(withRows.map((x, i) => [x.id, pooled.subarray(i * dim, (i + 1) * dim)]));
      const sim = (a: { id: string }, b: { id: string }) => (at.has(a.id) && at.has(b.id) ? dot(at.get(a.id)!, at.get(b.id)!) : 0);
      // Relevance on a 0..1 scale, so that it is comparable with cosine similarity.
      ordered = maximalMarginalRelevance(ordered, (x) => x.score / (top || 1), sim, req.k, req.mmr.lambda);
    }
    const results = ordered.slice(0, req.k).map(({ id, score }) => {
      const { entry, ord, scores } = byKey.get(id)!;
      return this.#result(entry, ord, score, scores);
    });
    const t3 = performance.now();
    return {
      results,
      mode: req.mode,
      timings: { vectorMs: t1 - t0, lexicalMs: t2 - t1 - (graph?.ms ?? 0), fuseMs: t3 - t2, searchMs: t3 - t0, ...(graph ? { graphMs: graph.ms } : {}) },
      ...(graph ? { graph: graph.info } : {}),
      ...(useVector ? { vector: { method: this.#vectors.method, candidates, ...(recallAtK !== undefined ? { recallAtK } : {}) } } : {}),
      searchable: this.#docs.size,
      stale: this.#stale,
      ...(this.#damaged ? { damaged: this.#damaged } : {}),
    };
  }
}
