import 'fake-indexeddb/auto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/store/library-store';
import { exportLibrary, importLibrary } from '../../src/store/library-export';
import { freshDb } from './helpers';

const options = { chunkTokens: 256, overlapTokens: 32 };
function doc(name: string, n: number) {
  const id = `id-${name}`;
  return {
    doc: { id, name, type: 'md' as const, size: 5, hash: `h-${name}`, addedAt: n, chunkCount: n, embedderId: 'emb', dim: 3, chunkOptions: options },
    text: { docId: id, text: `${name} body`, blocks: [{ kind: 'paragraph' as const, level: 0, start: 0, end: 4 }] },
    chunks: Array.from({ length: n }, (_, i) => ({ text: `c${i}`, start: i, end: i + 1, headingPath: ['H'], tokens: 1, page: 2 })),
    vectors: Float32Array.from({ length: n * 3 }, (_, i) => i / 7),
  };
}

let store: LibraryStore;
beforeEach(async () => void (store = await freshDb(() => LibraryStore.open('export'))));

describe('library export and import', () => {
  it('round-trips documents, chunks and vectors exactly', async () => {
    await store.addDocument(doc('a.md', 2));
    await store.addDocument(doc('b.md', 3));
    const before = await store.loadVectors('emb');
    const file = await exportLibrary(store, options);
    await store.clearDocuments();
    const result = await importLibrary(store, file);
    expect(result).toEqual({ added: ['a.md', 'b.md'], skipped: [], embedderIds: ['emb'], chunkOptions: options });
    expect(await store.loadVectors('emb')).toEqual(before);
    expect(await store.getChunks('id-b.md')).toEqual(doc('b.md', 3).chunks);
    expect((await store.getText('id-a.md'))?.text).toBe('a.md body');
    expect((await store.listDocuments()).map((d) => d.name)).toEqual(['a.md', 'b.md']);
  });

  it('carries each document\'s knowledge-graph triples, and imports an export made without them', async () => {
    const triples = [{ head: 'kelp', relation: 'harvested_in', tail: 'may', prov: { docId: 'id-a.md', chunk: 0, start: 0, end: 2, extractor: 'llm' as const, model: 'm' } }];
    await store.addDocument({ ...doc('a.md', 2), triples: { extractor: 'rules+llm', llmModel: 'm', triples } });
    await store.addDocument(doc('b.md', 1));
    const file = await exportLibrary(store, options);
    await store.clearDocuments();
    expect(await store.graph.all()).toEqual([]);
    await importLibrary(store, file);
    expect(await store.graph.all()).toEqual([{ docId: 'id-a.md', extractor: 'rules+llm', llmModel: 'm', triples }]);
    // An older export: no triplesFile entries; the documents come in without a graph.
    const unzipped = unzipSync(file);
    const manifest = JSON.parse(strFromU8(unzipped['library.json']!));
    for (const d of manifest.documents) delete d.triplesFile;
    await store.clearDocuments();
    await importLibrary(store, zipSync({ ...unzipped, 'library.json': strToU8(JSON.stringify(manifest)) }));
    expect((await store.listDocuments()).length).toBe(2);
    expect(await store.graph.all()).toEqual([]);
  });

  it('exports vectors that were compacted into segments', async () => {
    for (const name of ['a.md', 'b.md', 'c.md']) await store.addDocument(doc(name, 2));
    const before = await store.loadVectors('emb');
    expect(await store.compact({ minBlocks: 2 })).toBe(1);
    const file = await exportLibrary(store, options);
    await store.clearDocuments();
    await importLibrary(store, file);
    const after = await store.loadVectors('emb');
    expect(after.docIds.slice().sort()).toEqual(before.docIds.slice().sort());
    for (const id of before.docIds) expect(await store.vectorBlock('emb', id)).toEqual(Float32Array.from({ length: 6 }, (_, i) => i / 7));
  });

  it('skips documents that are already there', async () => {
    await store.addDocument(doc('a.md', 2));
    const file = await exportLibrary(store, null);
    expect(await importLibrary(store, file)).toMatchObject({ added: [], skipped: ['a.md'] });
    expect((await store.listDocuments()).length).toBe(1);
  });

  it('refuses files that are not library exports, with a message', async () => {
    await expect(importLibrary(store, strToU8('hello'))).rejects.toThrow(/not a valid \.zip/);
    await expect(importLibrary(store, zipSync({ 'x.txt': strToU8('x') }))).rejects.toThrow(/library\.json is missing/);
    await expect(importLibrary(store, zipSync({ 'library.json': strToU8('{"format":"rag-lab-library","version":9}') }))).rejects.toThrow(/newer RAG Lab/);
  });
});
