import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { zipSync, strToU8 } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/store/library-store';
import { exportLibrary, importLibrary } from '../../src/store/library-export';

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
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await LibraryStore.open('export');
});

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
