// A document deleted from a library of a million vectors (the layout without OPFS; the OPFS layout is measured at
// 1M by npm run bench:retrieval and tested in the browser by vector-files.spec): the store drops its rows, and the
// search worker's VectorSet, loaded again, never returns them while finding the exact top 10 of the rest.
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { SyntheticCorpus } from '../../src/bench/synthetic-vectors';
import { LibraryStore } from '../../src/store/library-store';
import { VectorSet } from '../../src/retrieval/vector-set';
import { freshDb } from './helpers';

it('deleting a document at 1M rows removes exactly its rows from search', async () => {
  // 16 dimensions and the int8 scan (binary: false): this is about deletion at scale; the sign-code pass at 1M × 384 is
  // measured by bench:retrieval (16 sign bits cannot rank).
  const dim = 16;
  const docs = 100;
  const perDoc = 10_000;
  const corpus = new SyntheticCorpus(dim, 5, { topics: 5000, facets: 64, facetsPerRow: 2, weights: { shared: 0.3, topic: 0.9, facet: 0.4, noise: 0.35 } });
  const store = await freshDb(() => LibraryStore.open('million'));
  const vectors: Float32Array[] = [];
  const chunks = Array.from({ length: perDoc }, (_, i) => ({ text: '', start: i, end: i, headingPath: [], tokens: 0 }));
  for (let d = 0; d < docs; d++) {
    const id = `d${String(d).padStart(3, '0')}`;
    vectors.push(corpus.rows(perDoc, d + 1));
    await store.addDocument({
      doc: { id, name: id, type: 'txt', size: 1, hash: id, addedAt: d, chunkCount: perDoc, embedderId: 'e', dim, chunkOptions: { chunkTokens: 256, overlapTokens: 32 } },
      text: { docId: id, text: '', blocks: [] }, chunks, vectors: vectors[d]!,
    });
  }
  expect(await store.compact({ maxBytes: 16 * 2 ** 20 })).toBeGreaterThan(1);
  await store.deleteDocument('d042');

  const set = new VectorSet();
  const { docs: loaded } = await set.load(await store.vectorLayout('e'), { binary: false });
  expect(set.count).toBe((docs - 1) * perDoc);
  expect(loaded.map((d) => d.docId)).not.toContain('d042');
  const starts = new Map<number, string>();
  loaded.reduce((row, d) => (starts.set(row, d.docId), row + d.count), 0);
  const docAt = (row: number) => starts.get(row - (row % perDoc))!;

  // Queries next to the deleted document's own rows: without the deletion they would find them first.
  const deleted = vectors[42]!;
  for (const r of [0, 1234, 9999]) {
    const q = deleted.slice(r * dim, (r + 1) * dim);
    const hits = await set.search(q, 10);
    expect(hits.map((h) => docAt(h.row))).not.toContain('d042');
    const exact = await set.exactTopK(q, 10);
    expect(hits.map((h) => h.row)).toEqual(exact.map((h) => h.row));
  }
  store.close();
}, 120_000);
