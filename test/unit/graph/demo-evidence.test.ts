// Evidence on the demo pack (issue #14 §5): extraction precision and recall
// against the gold triples (public/demo/kg.jsonl), and, on the multi-hop test
// questions, how often graph retrieval reaches the answer entity against how
// often hybrid chunk retrieval puts the answer in its top 5. The library is
// built as the app builds it: parsed, chunked with the default settings and
// embedded with the fixture embedder, stored in (fake) IndexedDB.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Embedder } from '../../../src/embed/embedder';
import { extractTriples } from '../../../src/graph/extract';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { extractionScores, parseGoldTriples, type GoldTriple } from '../../../src/graph/metrics';
import { libraryExtraction } from '../../../src/eval/extraction';
import { questionSpans } from '../../../src/graph/link';
import { defaultGraphRetrieveOptions, graphRetrieve, type GraphRetrieveOptions } from '../../../src/graph/rog';
import { defaultGraphVectorOptions, type GraphVectorOptions } from '../../../src/graph/similarity';
import type { GraphPath, Triple } from '../../../src/graph/types';
import { entityKey } from '../../../src/graph/normalize';
import { GraphVectors } from '../../../src/retrieval/graph-vectors';
import { SearchEngine } from '../../../src/retrieval/search-engine';
import { defaultChunkOptions } from '../../../src/shared/library-types';
import { LibraryStore } from '../../../src/store/library-store';
import { buildLibrary, tinyEmbedderSpec } from '../helpers';
import { loadTagger } from '../../../src/graph/verbs';

// The extractor and the scorer need compromise (graph/verbs.ts), which loads on first use.
await loadTagger();

interface QaItem {
  id: string;
  type: string;
  question: string;
  answer: string;
  aliases?: string[];
  split: 'train' | 'test';
  relation_path?: string[];
}

/** Whether a text names an answer: it holds the answer's (or an alias's) key as whole words. */
function namesAnswer(text: string, answers: string[]): boolean {
  const k = ` ${entityKey(text)} `;
  return answers.some((a) => {
    const ak = entityKey(a);
    return !!ak && k.includes(` ${ak} `);
  });
}

/** The entities the paths reach (every entity after the start), best path first. */
function reachedEntities(paths: GraphPath[]): string[] {
  return paths.flatMap((p) => p.steps.map((s) => s.toName));
}

const manifest = JSON.parse(readFileSync('public/demo/manifest.json', 'utf8')) as { documents: { id: string; file: string }[] };
const gold: GoldTriple[] = parseGoldTriples(readFileSync('public/demo/kg.jsonl', 'utf8')).triples;
const pathItems = readFileSync('public/demo/qa.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as QaItem).filter((q) => q.relation_path);

const spec = tinyEmbedderSpec();
const embedder = new Embedder();
const engine = new SearchEngine(() => LibraryStore.open('graph-evidence'));
const extracted: Triple[] = [];
/** The triples per document as Evaluate reads the library's: under the stored document's file name. */
const stored: { docName: string; triples: Triple[] }[] = [];
let kg: KnowledgeGraph;
const texts = new Map<string, string>();

beforeAll(async () => {
  const files = manifest.documents.map((d) => new File([readFileSync(`public/demo/${d.file}`)], d.file.replace('docs/', '')));
  const store = await buildLibrary('graph-evidence', embedder, files, { chunkOptions: defaultChunkOptions });
  // Triples per stored document, keyed by the manifest id (the gold's doc_id).
  const byName = new Map(manifest.documents.map((d) => [d.file.replace('docs/', ''), d.id]));
  const docs: [string, Triple[]][] = [];
  for (const d of await store.listDocuments()) {
    const id = byName.get(d.name)!;
    const { text, blocks } = (await store.getText(d.id))!;
    texts.set(id, text);
    const triples = extractTriples({ docId: id, text, chunks: await store.getChunks(d.id), headings: blocks.filter((b) => b.kind === 'heading') });
    stored.push({ docName: d.name, triples });
    extracted.push(...triples);
    docs.push([id, triples]);
  }
  kg = KnowledgeGraph.from(docs);
  store.close();
  await engine.sync(spec.entry.id);
}, 180_000);

describe('the deterministic extractor on the demo pack', () => {
  it('reads every document and finds a measured share of the gold triples', () => {
    expect(texts.size).toBe(manifest.documents.length);
    const s = extractionScores(extracted, gold);
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    console.log(`extraction vs ${s.labelled.gold} gold triples, ${s.labelled.extracted} extracted:`,
      `labelled P ${pct(s.labelled.precision)} R ${pct(s.labelled.recall)};`,
      `unlabelled P ${pct(s.unlabelled.precision)} R ${pct(s.unlabelled.recall)};`,
      Object.entries(s.byExtractor).map(([k, v]) => `${k}: ${v!.correct}/${v!.extracted}`).join(', '));
    // Floors a little under the measured values (docs/graph.md): a broken rule shows here.
    expect(s.labelled.recall).toBeGreaterThan(0.5);
    expect(s.unlabelled.recall).toBeGreaterThan(0.55);
    expect(s.labelled.precision).toBeGreaterThan(0.16);
    // Every extractor that fired got something right, except co-occurrence, which the gold never lists.
    for (const [name, v] of Object.entries(s.byExtractor)) if (name !== 'co-occurrence') expect(v!.correct, name).toBeGreaterThan(0);
    // Evaluate's figure (the library's triples matched to the gold by the documents' file names) is this measure.
    const e = libraryExtraction(stored, { file: 'kg.jsonl', hash: 'h', triples: gold });
    expect(e).toMatchObject({ documents: manifest.documents.length, labelled: s.labelled, unlabelled: s.unlabelled });
  });

  it('has gold multi-hop questions, with gold relation paths, in both splits', () => {
    expect(pathItems.length).toBeGreaterThanOrEqual(30);
    expect(pathItems.every((q) => q.relation_path!.length === 2 && q.type === 'multi')).toBe(true);
    expect(pathItems.filter((q) => q.split === 'test').length).toBeGreaterThanOrEqual(10);
  });
});

/** The embedding route as the search worker runs it: the graph's texts embedded once, the question and its spans per query. */
async function embeddingRoute(graph: KnowledgeGraph, options: GraphVectorOptions = defaultGraphVectorOptions) {
  const vectors = new GraphVectors();
  vectors.reset(spec.entry.id, graph);
  const missing = vectors.missing(graph, Infinity);
  vectors.add(spec.entry.id, missing, (await embedder.embed(0, missing, 'query')).vectors);
  const merges = options.aliasMerge ? vectors.mergeAliases(graph, options) : 0;
  return {
    merges,
    options: async (question: string, base: GraphRetrieveOptions) => {
      const spans = questionSpans(question);
      const e = await embedder.embed(0, [question, ...spans], 'query');
      return vectors.retrieveOptions(graph, { question: e.vectors.slice(0, e.dim), spans: e.vectors.slice(e.dim) }, base, options);
    },
  };
}

describe('graph retrieval against hybrid chunk retrieval on the multi-hop questions', () => {
  type Route = Awaited<ReturnType<typeof embeddingRoute>>;
  async function hitRates(items: QaItem[], route?: Route, graph = kg) {
    let graph_ = 0;
    let baseline = 0;
    let hybrid = 0;
    for (const q of items) {
      const answers = [q.answer, ...(q.aliases ?? [])];
      const evidence = (p: { docId: string; start: number; end: number }) => texts.get(p.docId)!.slice(p.start, p.end);
      const base = { ...defaultGraphRetrieveOptions, search: { ...defaultGraphRetrieveOptions.search, evidence } };
      const r = graphRetrieve(graph, q.question, route ? await route.options(q.question, base) : base);
      if (reachedEntities(r.paths).some((e) => namesAnswer(e, answers))) graph_++;
      const best = r.paths[0]?.steps.at(-1)?.toName;
      if (best && namesAnswer(best, answers)) baseline++;
      const vector = (await embedder.embed(0, [q.question], 'query')).vectors;
      const top5 = await engine.search({ query: q.question, vector, k: 5, mode: 'hybrid' });
      if (top5.results.some((c) => namesAnswer(c.text, answers))) hybrid++;
    }
    return { n: items.length, graph: graph_, baseline, hybrid };
  }

  // Issue #14 hoped the graph would beat hybrid top 5 here. With the deterministic extractor it does not
  // (docs/graph.md has the numbers): this test measures both and guards the graph's share against regressions.
  it('measures how often graph paths reach the answer entity and how often hybrid top 5 holds the answer', async () => {
    const test = await hitRates(pathItems.filter((q) => q.split === 'test'));
    const all = await hitRates(pathItems);
    console.log(`multi-hop test split (n=${test.n}): graph paths reach the answer ${test.graph}, RoG baseline (last entity of best path) ${test.baseline}, hybrid top-5 ${test.hybrid}`);
    console.log(`all ${all.n} path questions: graph ${all.graph}, baseline ${all.baseline}, hybrid top-5 ${all.hybrid}`);
    // Floors a little under the measured values: 5 of 12 and 16 of 34 for the graph, 2 and 8 for the baseline
    // (13 and 6 before issue #26's extractor and planner).
    expect(test.graph).toBeGreaterThanOrEqual(4);
    expect(all.graph).toBeGreaterThanOrEqual(14);
    expect(all.baseline).toBeGreaterThanOrEqual(7);
    expect(all.hybrid).toBeGreaterThan(0);
  });

  // The retrieval side alone: the same pipeline on the gold triples (kg.jsonl) as the graph. The gap between this
  // and the extracted graph's reach is the deterministic extractor's, which a better extractor (an LLM) can close.
  it('measures the same retrieval on the gold graph: the upper bound an extractor could reach', async () => {
    const goldKg = KnowledgeGraph.from(manifest.documents.map((d) => [d.id, gold.filter((g) => g.docId === d.id)
      .map((g) => ({ head: g.head, relation: g.relation, tail: g.tail, prov: { docId: d.id, chunk: 0, start: 0, end: 0, extractor: 'pattern' as const } }))]));
    const test = await hitRates(pathItems.filter((q) => q.split === 'test'), undefined, goldKg);
    const all = await hitRates(pathItems, undefined, goldKg);
    console.log(`gold graph, test split (n=${test.n}): graph ${test.graph}, baseline ${test.baseline}, hybrid top-5 ${test.hybrid}; all ${all.n}: graph ${all.graph}, baseline ${all.baseline}, hybrid top-5 ${all.hybrid}`);
    // Measured: 28 of 34 on the gold graph against hybrid's 24; floors a little under.
    expect(all.graph).toBeGreaterThan(all.hybrid);
    expect(all.graph).toBeGreaterThanOrEqual(26);
  });

  // The embedding route with the fixture embedder (a bag of words: "close" means sharing rare words, so this
  // measures the wiring and the thresholds, not what a real embedder's semantics would add).
  it('measures the embedding route: linking and planning with the library\'s embedder, and the optional alias merge', async () => {
    const route = await embeddingRoute(kg);
    const test = await hitRates(pathItems.filter((q) => q.split === 'test'), route);
    const all = await hitRates(pathItems, route);
    console.log(`embedding route, test split (n=${test.n}): graph ${test.graph}, baseline ${test.baseline}; all ${all.n}: graph ${all.graph}, baseline ${all.baseline}`);
    const merged = KnowledgeGraph.from(kg.documents().map((d) => [d, extracted.filter((t) => t.prov.docId === d)]));
    const mergeRoute = await embeddingRoute(merged, { ...defaultGraphVectorOptions, aliasMerge: true });
    const m = await hitRates(pathItems, mergeRoute, merged);
    console.log(`… with the alias merge (${mergeRoute.merges} entities merged into others): all ${m.n}: graph ${m.graph}, baseline ${m.baseline}`);
    // Floors under the measured values (3 of 12 and 13 of 34 for the graph, 6 for the baseline). Before issue #26 the
    // relation phrases held cue words picked from this pack ("cheese", "rent"), and this route reached 15 of 34; with
    // the labels' own words and vocabulary, and a bag-of-words fixture embedder, it is below the lexical route's 16.
    expect(test.graph).toBeGreaterThanOrEqual(3);
    expect(all.graph).toBeGreaterThanOrEqual(12);
    expect(all.baseline).toBeGreaterThanOrEqual(5);
    expect(mergeRoute.merges).toBeGreaterThan(0);
  });
});
