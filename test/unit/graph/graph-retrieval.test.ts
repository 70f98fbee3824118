// The graph retrieval modes of the one retrieval API, in the search worker's
// engine: the library is stored with its triples (as the app stores it), the
// engine loads the graph at sync, and "graph" / "hybrid-graph" return the chunks
// that state the best paths' edges, with the paths themselves.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Embedder } from '../../../src/embed/embedder';
import { extractDocumentTriples } from '../../../src/graph/extract';
import { questionSpans } from '../../../src/graph/link';
import { graphEmbedBatch, Retriever, type PathPlanner } from '../../../src/retrieval/retriever';
import { LabEngine } from '../../../src/llm/lab/lab-engine';
import { defaultLlmPlanOptions, planWithLlm } from '../../../src/graph/llm-plan';
import { join } from 'node:path';
import { SearchEngine } from '../../../src/retrieval/search-engine';
import { LibraryStore } from '../../../src/store/library-store';
import { buildLibrary, documentIds, fixtureModelsDir, tinyEmbedderSpec } from '../helpers';

const spec = tinyEmbedderSpec();
const embedder = new Embedder();
const engine = new SearchEngine(() => LibraryStore.open('graph-modes'));
const names = ['lighthouse-cottage.md', 'storm-protocol.md', 'history.md', 'member-handbook.md'];
let ids: Map<string, string>;

beforeAll(async () => {
  const store = await buildLibrary('graph-modes', embedder, names.map((n) => new File([readFileSync(`public/demo/docs/${n}`)], n)), {
    chunkOptions: { chunkTokens: 48, overlapTokens: 8 },
    triples: async (docId, parsed, chunks) => extractDocumentTriples(docId, parsed, chunks),
  });
  ids = await documentIds(store);
  store.close();
  await engine.sync(spec.entry.id);
}, 120_000);

describe('graph retrieval modes', () => {
  it('"graph" returns the paths and, first, the chunk that states the best path', async () => {
    const r = await engine.search({ query: 'Who owns the lighthouse tower?', k: 3, mode: 'graph' });
    expect(r.mode).toBe('graph');
    expect(r.graph!.entities).toBeGreaterThan(20);
    expect(r.graph!.linked).toContain('lighthouse tower');
    expect(r.graph!.paths[0]).toMatchObject({ text: 'lighthouse tower → owned_by → Harbour Board', end: 'Harbour Board' });
    expect(r.graph!.paths[0]!.sources).toEqual([{ docId: ids.get('lighthouse-cottage.md'), ord: expect.any(Number) }]);
    expect(r.results[0]!.text).toContain('The lighthouse tower itself belongs to the Harbour Board');
    expect(r.results[0]!.scores.graphRank).toBe(1);
    expect(r.timings.graphMs).toBeGreaterThanOrEqual(0);
    // Each stage of RoG's retrieval is timed, for Evaluate; together they are within the graph's time.
    const { linkMs, planMs, searchMs } = r.graph!.stages!;
    expect([linkMs, planMs, searchMs].every((ms) => ms >= 0)).toBe(true);
    expect(linkMs + planMs + searchMs).toBeLessThanOrEqual(r.timings.graphMs!);
  });

  it('follows two hops across documents and returns the chunks of both', async () => {
    const r = await engine.search({ query: 'The rent from the cottage goes into a fund created after which event?', k: 5, mode: 'graph' });
    expect(r.graph!.paths.map((p) => p.text)).toContain('rent → paid_into → seawall fund → created_after → storm');
    const docs = new Set(r.results.map((c) => c.docName));
    expect(docs.has('lighthouse-cottage.md') && docs.has('history.md')).toBe(true);
    // Each hop carries the sentences that state its edge: document, chunk, offsets, text.
    const path = r.graph!.paths.find((p) => p.text === 'rent → paid_into → seawall fund → created_after → storm')!;
    expect(path.hops.map((h) => [h.fromName, h.relation, h.toName, h.reverse])).toEqual([['rent', 'paid_into', 'seawall fund', false], ['seawall fund', 'created_after', 'storm', false]]);
    const [rent, storm] = path.hops.map((h) => h.evidence[0]!);
    expect(rent).toMatchObject({ docId: ids.get('lighthouse-cottage.md'), docName: 'lighthouse-cottage.md' });
    expect(rent!.text).toMatch(/rent .*seawall fund/i);
    expect(storm!.docName).toBe('history.md');
    expect(storm!.end - storm!.start).toBeGreaterThanOrEqual(storm!.text.length);
    expect(r.graph!.baseline).toBe(r.graph!.paths[0]!.end);
    // The plans, each marked by whether the graph instantiates it from a linked entity.
    expect(r.graph!.plans!.find((p) => p.relations.join() === 'paid_into,created_after')?.matched).toBe(true);
  });

  it('answers the Graph view: overview, entity search, a neighbourhood with its sentences', async () => {
    const o = await engine.graphOverview();
    expect(o.entities).toBeGreaterThan(20);
    expect(o.documents.map((d) => d.docName).sort()).toEqual([...names].sort());
    expect(o.documents.reduce((n, d) => n + d.triples, 0)).toBe(o.triples);
    expect(o.relations[0]!.edges).toBeGreaterThanOrEqual(o.relations.at(-1)!.edges);
    const [tower] = await engine.findEntities('lighthouse tower', 5);
    expect(tower).toMatchObject({ key: 'lighthouse tower', name: 'lighthouse tower' });
    const n = await engine.neighbourhood(tower!.key, 30);
    const owned = n.edges.find((e) => e.relation === 'owned_by')!;
    expect(n.nodes.find((x) => x.key === owned.target)!.name).toBe('Harbour Board');
    expect(owned.evidence[0]).toMatchObject({ docName: 'lighthouse-cottage.md' });
    expect(owned.evidence[0]!.text).toContain('belongs to the Harbour Board');
  });

  it('"hybrid-graph" fuses the graph\'s chunks with vector and BM25 results', async () => {
    const query = 'Who owns the lighthouse tower?';
    const vector = (await embedder.embed(0, [query], 'query')).vectors;
    const r = await engine.search({ query, vector, k: 5, mode: 'hybrid-graph' });
    expect(r.graph!.paths.length).toBeGreaterThan(0);
    const top = r.results[0]!;
    expect(top.scores.graphRank).toBe(1);
    expect(top.scores.fused).toBeGreaterThan(0);
    expect(r.results.some((c) => c.scores.vectorRank !== undefined)).toBe(true);
    const plain = await engine.search({ query, vector, k: 5, mode: 'hybrid' });
    expect(plain.graph).toBeUndefined();
  });

  it('respects the document filter', async () => {
    const r = await engine.search({ query: 'Who owns the lighthouse tower?', k: 5, mode: 'graph', docFilter: [ids.get('history.md')!] });
    expect(r.results.every((c) => c.docName === 'history.md')).toBe(true);
  });

  it('the retriever does not embed the query in graph mode when it cannot embed graph texts', async () => {
    let embedded = 0;
    const retriever = new Retriever({
      embedderId: () => spec.entry.id,
      embedQuery: async () => (embedded++, new Float32Array(spec.entry.dim)),
      search: { synced: spec.entry.id, sync: (id) => engine.sync(id), search: (req) => engine.search(req), planLabels: (q, h) => engine.planLabels(q, h) },
    });
    const r = await retriever.retrieve({ query: 'Who owns the lighthouse tower?', k: 2, mode: 'graph' });
    expect(r.graph!.paths.length).toBeGreaterThan(0);
    expect(embedded).toBe(0);
  });

  it('an LLM planner (the fixture LLM under the path grammar) plans over the labels near the question, and its plans go first', async () => {
    const llm = new LabEngine(async (_id, file) => new Uint8Array(readFileSync(join(fixtureModelsDir, 'tiny-llama', file))).buffer);
    await llm.load('local/tiny-llama');
    const retriever = new Retriever({
      embedderId: () => spec.entry.id,
      embedQuery: async () => new Float32Array(spec.entry.dim),
      search: { synced: spec.entry.id, sync: (id) => engine.sync(id), search: (req) => engine.search(req), planLabels: (q, h) => engine.planLabels(q, h) },
    });
    const offered: string[][] = [];
    const planner: PathPlanner = (q, labels, signal) => (offered.push(labels), planWithLlm((m, o, s) => llm.chat(m, o, s), q, labels, defaultLlmPlanOptions, signal));
    const r = await retriever.retrieve({ query: 'Who owns the lighthouse tower?', k: 3, mode: 'graph' }, { planner });
    const near = await engine.planLabels('Who owns the lighthouse tower?', 3);
    expect(offered).toEqual([near.labels]);
    expect(near.labels).toContain('owned_by');
    const llmPlans = r.graph!.plans!.filter((p) => p.source === 'llm');
    expect(llmPlans.length).toBeGreaterThan(0);
    expect(r.graph!.plans!.findIndex((p) => p.source === 'ranked')).toBe(llmPlans.length);
    for (const p of llmPlans) for (const label of p.relations) expect(near.labels).toContain(label);
    expect(r.graph!.llmPlan!.text).toContain('<PATH>');
    // The ranked plans still find the answer when the random model's plans lead nowhere.
    expect(r.graph!.paths.some((p) => p.text.includes('Harbour Board'))).toBe(true);
  }, 60_000);

  it('a planner that fails does not fail the query: the ranked plans are followed and the response says why', async () => {
    const retriever = new Retriever({
      embedderId: () => spec.entry.id,
      embedQuery: async () => new Float32Array(spec.entry.dim),
      search: { synced: spec.entry.id, sync: (id) => engine.sync(id), search: (req) => engine.search(req), planLabels: (q, h) => engine.planLabels(q, h) },
    });
    const r = await retriever.retrieve({ query: 'Who owns the lighthouse tower?', k: 3, mode: 'graph' }, { planner: async () => { throw new Error('The grammar was refused'); } });
    expect(r.graph!.llmPlan!.error).toBe('The grammar was refused');
    expect(r.graph!.plans!.every((p) => p.source === 'ranked')).toBe(true);
    expect(r.graph!.paths.some((p) => p.text.includes('Harbour Board'))).toBe(true);
    const stopped = new AbortController();
    const cancelled = retriever.retrieve({ query: 'Who owns the lighthouse tower?', k: 3, mode: 'graph' }, { signal: stopped.signal, planner: async () => { stopped.abort(); throw new DOMException('stopped', 'AbortError'); } });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('no entity of the question in the graph: the planner is not asked', async () => {
    let asked = 0;
    const retriever = new Retriever({
      embedderId: () => spec.entry.id,
      embedQuery: async () => new Float32Array(spec.entry.dim),
      search: { synced: spec.entry.id, sync: (id) => engine.sync(id), search: (req) => engine.search(req), planLabels: (q, h) => engine.planLabels(q, h) },
    });
    await retriever.retrieve({ query: 'zzz qqq', k: 3, mode: 'graph' }, { planner: async () => (asked++, { plans: [], text: '' }) });
    expect(asked).toBe(0);
  });
});

describe('the embedding route (the library\'s embedder in linking and planning)', () => {
  /** A retriever whose embedder records what it embeds; `fail` makes it throw. */
  function embeddingRetriever(log: string[][], fail = false, eng = engine) {
    return new Retriever({
      embedderId: () => spec.entry.id,
      embedQuery: async (text) => (await embedder.embed(0, [text], 'query')).vectors,
      embedTexts: async (texts) => {
        if (fail) throw new Error('no embedder here');
        log.push(texts);
        return (await embedder.embed(0, texts, 'query')).vectors;
      },
      search: {
        synced: spec.entry.id,
        sync: (id) => eng.sync(id),
        search: (req) => eng.search(req),
        planLabels: (q, h, v) => eng.planLabels(q, h, v),
        graphTextsToEmbed: (limit) => eng.graphTextsToEmbed(limit),
        addGraphVectors: (id, texts, vectors) => eng.addGraphVectors(id, texts, vectors),
      },
    });
  }

  it('links a name the question does not spell out, by embedding', async () => {
    // "lighthouse" alone is no entity's key, alias or last words: lexically the question names nothing.
    const lexical = await engine.search({ query: 'Who owns the lighthouse?', k: 3, mode: 'graph' });
    expect(lexical.graph!.linked).toEqual([]);
    const r = await embeddingRetriever([]).retrieve({ query: 'Who owns the lighthouse?', k: 3, mode: 'graph' });
    expect(r.graph!.links).toEqual([{ name: 'Pellan lighthouse', mention: 'lighthouse', how: 'embedding', score: expect.any(Number) }]);
    expect(r.graph!.links![0]!.score).toBeGreaterThanOrEqual(0.8);
    expect(r.graph!.paths.length).toBeGreaterThan(0);
    expect(r.graph!.paths[0]!.text).toMatch(/^Pellan lighthouse /);
  });

  it('embeds the graph\'s names once, in batches; later queries and an unchanged re-sync embed only the question', async () => {
    // A fresh search worker: it holds no vectors yet.
    const fresh = new SearchEngine(() => LibraryStore.open('graph-modes'));
    await fresh.sync(spec.entry.id);
    const log: string[][] = [];
    const retriever = embeddingRetriever(log, false, fresh);
    await retriever.retrieve({ query: 'Who owns the lighthouse tower?', k: 3, mode: 'graph' });
    const { entities } = await fresh.graphOverview();
    const graphTexts = log.slice(1).flat();
    expect(log[0]![0]).toBe('Who owns the lighthouse tower?');
    expect(graphTexts.length).toBeGreaterThanOrEqual(entities);
    expect(Math.max(...log.slice(1).map((b) => b.length))).toBeLessThanOrEqual(graphEmbedBatch);
    expect((await fresh.graphTextsToEmbed(10)).texts).toEqual([]);
    log.length = 0;
    await retriever.retrieve({ query: 'Where does the rent go?', k: 3, mode: 'graph' });
    retriever.invalidate();
    await retriever.retrieve({ query: 'Where does the rent go?', k: 3, mode: 'hybrid-graph' });
    expect(log.map((b) => b[0])).toEqual(['Where does the rent go?', 'Where does the rent go?']);
  });

  it('ranks plans by the question vector', async () => {
    // The words name only the cottage, so word overlap cannot rank; the vector says what is asked.
    const query = 'the Lighthouse Cottage';
    const spanVectors = (await embedder.embed(0, questionSpans(query), 'query')).vectors;
    const plans = async (asked: string) => {
      const vector = (await embedder.embed(0, [asked], 'query')).vectors;
      const r = await engine.search({ query, vector, spanVectors, k: 3, mode: 'graph' });
      return r.graph!.plans!.map((p) => p.relations.join('>'));
    };
    expect((await plans('owned owns owner belongs'))[0]).toBe('owned_by');
    expect((await plans('where located place kept held'))[0]).toBe('located_in');
  });

  it('stays lexical when the embedder fails in "graph" mode', async () => {
    const r = await embeddingRetriever([], true).retrieve({ query: 'Who owns the lighthouse tower?', k: 3, mode: 'graph' });
    expect(r.graph!.links).toEqual([{ name: 'lighthouse tower', mention: 'lighthouse tower', how: 'exact' }]);
    expect(r.graph!.paths[0]!.text).toBe('lighthouse tower → owned_by → Harbour Board');
  });
});

describe('graph retrieval after a document is deleted', () => {
  it('loses the deleted document\'s edges at the next sync', async () => {
    const before = await engine.search({ query: 'Who owns the lighthouse tower?', k: 3, mode: 'graph' });
    expect(before.graph!.paths.some((p) => p.text.includes('Harbour Board'))).toBe(true);
    const store = await LibraryStore.open('graph-modes');
    await store.deleteDocument(ids.get('lighthouse-cottage.md')!);
    store.close();
    await engine.sync(spec.entry.id);
    const after = await engine.search({ query: 'Who owns the lighthouse tower?', k: 3, mode: 'graph' });
    expect(after.graph!.linked).not.toContain('lighthouse tower');
    expect(after.graph!.paths.some((p) => p.text.includes('lighthouse tower'))).toBe(false);
    expect(after.results.every((c) => c.docName !== 'lighthouse-cottage.md')).toBe(true);
    expect(after.graph!.edges).toBeLessThan(before.graph!.edges);
  });
});
