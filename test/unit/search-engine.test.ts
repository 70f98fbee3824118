// The search worker's engine over a real library: demo documents parsed, chunked
// and embedded with the fixture models, stored in IndexedDB (fake-indexeddb).
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Embedder } from '../../src/embed/embedder';
import { SearchEngine } from '../../src/retrieval/search-engine';
import { LibraryStore } from '../../src/store/library-store';
import { buildLibrary, documentIds } from './helpers';

const embedder = new Embedder();
const engine = new SearchEngine(() => LibraryStore.open('search'));
const names = ['history.md', 'kelp-harvest-guide.md', 'honey-and-bees.txt', 'price-list-2026.html', 'annual-report-2025.pdf', 'sheep-and-wool.md'];
let docIds: Map<string, string>;

async function queryVector(text: string) {
  return (await embedder.embed(0, [text], 'query')).vectors;
}

beforeAll(async () => {
  const store = await buildLibrary('search', embedder, names.map((n) => new File([readFileSync(`public/demo/docs/${n}`)], n)), { chunkOptions: { chunkTokens: 48, overlapTokens: 8 } });
  docIds = await documentIds(store);
  store.close();
});

describe('SearchEngine', () => {
  it('loads every vector and chunk of the embedder at sync', async () => {
    const info = await engine.sync('local/tiny-embedder');
    expect(info).toMatchObject({ embedderId: 'local/tiny-embedder', documents: names.length, stale: 0 });
    expect(info.chunks).toBeGreaterThan(names.length);
  });

  it('ranks the document that shares rare words first, in every mode', async () => {
    const query = 'thixotropic heather honey pressed from the comb';
    const vector = await queryVector(query);
    for (const mode of ['lexical', 'vector', 'hybrid'] as const) {
      const r = await engine.search({ query, vector, k: 3, mode });
      expect(r.results[0]?.docName, mode).toBe('honey-and-bees.txt');
      expect(r.mode).toBe(mode);
    }
    const hybrid = await engine.search({ query, vector, k: 3, mode: 'hybrid' });
    expect(hybrid.results[0]!.scores).toMatchObject({ vectorRank: expect.any(Number), lexicalRank: 1, fused: expect.any(Number) });
    expect(hybrid.results[0]!.text).toContain('thixotropic');
  });

  it('returns locations for citations, PDF pages included', async () => {
    const query = 'repair of the mill wheel cost';
    const r = await engine.search({ query, vector: await queryVector(query), k: 1, mode: 'hybrid' });
    expect(r.results[0]).toMatchObject({ docName: 'annual-report-2025.pdf', page: 2 });
    const { start, end, text } = r.results[0]!;
    expect(end - start).toBe(text.length);
  });

  it('filters by document and reports recall against exact search', async () => {
    const query = 'barley harvest';
    const only = docIds.get('history.md')!;
    const r = await engine.search({ query, vector: await queryVector(query), k: 5, mode: 'hybrid', docFilter: [only], verify: true });
    expect(r.results.length).toBeGreaterThan(0);
    expect(r.results.every((c) => c.docId === only)).toBe(true);
    expect(r.vector).toMatchObject({ method: 'int8-simd+rerank', recallAtK: 1 });
  });

  it('diversifies with MMR: no two results from the same near-duplicate', async () => {
    const query = 'kelp';
    const vector = await queryVector(query);
    const plain = await engine.search({ query, vector, k: 4, mode: 'vector' });
    const diverse = await engine.search({ query, vector, k: 4, mode: 'vector', mmr: { lambda: 0.3 } });
    expect(diverse.results).toHaveLength(4);
    const docsOf = (r: typeof plain) => new Set(r.results.map((c) => c.docId)).size;
    expect(docsOf(diverse)).toBeGreaterThanOrEqual(docsOf(plain));
    expect(diverse.results[0]!.docId).toBe(plain.results[0]!.docId);
  });

  it('follows library changes at the next sync, without a rebuild per query', async () => {
    const store = await LibraryStore.open('search');
    await store.deleteDocument(docIds.get('honey-and-bees.txt')!);
    store.close();
    const info = await engine.sync('local/tiny-embedder');
    expect(info.documents).toBe(names.length - 1);
    const r = await engine.search({ query: 'thixotropic honey', k: 3, mode: 'lexical' });
    expect(r.results.every((c) => c.docName !== 'honey-and-bees.txt')).toBe(true);
    // Another embedder's sync sees these documents as stale.
    expect(await engine.sync('other/embedder')).toMatchObject({ documents: 0, stale: names.length - 1 });
  });
});
