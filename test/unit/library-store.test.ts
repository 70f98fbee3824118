import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/store/library-store';
import type { DocumentRecord } from '../../src/store/schema';
import { IngestError } from '../../src/shared/errors';
import type { Chunk } from '../../src/shared/library-types';
import { freshDb } from './helpers';

const dim = 4;
let n = 0;
function newDoc(name: string, chunkCount = 2, embedderId = 'e1') {
  const id = `doc-${++n}`;
  const chunks: Chunk[] = Array.from({ length: chunkCount }, (_, i) => ({ text: `${name} ${i}`, start: i * 10, end: i * 10 + 5, headingPath: [], tokens: 2 }));
  const doc: DocumentRecord = {
    id, name, type: 'txt', size: 10, hash: `hash-${name}`, addedAt: n, chunkCount, embedderId, dim, chunkOptions: { chunkTokens: 256, overlapTokens: 32 },
  };
  const vectors = Float32Array.from({ length: chunkCount * dim }, (_, i) => n + i / 100);
  return { doc, text: { docId: id, text: `${name} text`, blocks: [] }, chunks, vectors };
}

let store: LibraryStore;
beforeEach(async () => void (store = await freshDb(() => LibraryStore.open('test'))));

describe('LibraryStore', () => {
  it('stores a document with its text, chunks and vectors, and loads vectors as one block', async () => {
    const a = newDoc('a.txt', 2);
    const b = newDoc('b.txt', 3);
    await store.addDocument(a);
    await store.addDocument(b);
    expect((await store.listDocuments()).map((d) => d.name)).toEqual(['a.txt', 'b.txt']);
    expect((await store.getText(a.doc.id))?.text).toBe('a.txt text');
    expect(await store.getChunks(b.doc.id)).toEqual(b.chunks);
    const loaded = await store.loadVectors('e1');
    expect(loaded).toMatchObject({ dim, docIds: [a.doc.id, b.doc.id], counts: [2, 3] });
    expect(Array.from(loaded.vectors)).toEqual([...a.vectors, ...b.vectors]);
    expect((await store.loadVectors('other')).vectors.length).toBe(0);
  });

  it('refuses the same content twice with a duplicate error, keeping the first', async () => {
    const a = newDoc('a.txt');
    await store.addDocument(a);
    const again = newDoc('a.txt');
    const e = await store.addDocument(again).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).code).toBe('duplicate');
    expect(await store.findByHash('hash-a.txt')).toMatchObject({ id: a.doc.id });
    // Nothing of the refused document was written.
    expect(await store.getText(again.doc.id)).toBeUndefined();
    expect(await store.getChunks(again.doc.id)).toEqual([]);
    expect((await store.loadVectors('e1')).docIds).toEqual([a.doc.id]);
  });

  it('is all or nothing: a failing write leaves no text, chunks or vectors behind', async () => {
    const bad = newDoc('bad.txt', 2);
    const e = await store.addDocument({ ...bad, vectors: new Float32Array(3) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    const broken = newDoc('broken.txt', 1);
    // A record IndexedDB cannot clone aborts the whole transaction after the document was queued.
    const e2 = await store.addDocument({ ...broken, text: { ...broken.text, blocks: [() => 1] as never } }).catch((x: unknown) => x);
    expect(e2).toBeInstanceOf(Error);
    expect(await store.listDocuments()).toEqual([]);
    expect(await store.getChunks(broken.doc.id)).toEqual([]);
    expect(await store.removeOrphans()).toBe(0);
  });

  it('deletes a document with its chunks and vectors of every embedder', async () => {
    const a = newDoc('a.txt');
    const b = newDoc('b.txt');
    await store.addDocument(a);
    await store.addDocument(b);
    await store.replaceIndex(a.doc.id, a.chunks, a.vectors, 'e2', dim, a.doc.chunkOptions);
    await store.deleteDocument(a.doc.id);
    expect((await store.listDocuments()).map((d) => d.id)).toEqual([b.doc.id]);
    expect(await store.getChunks(a.doc.id)).toEqual([]);
    expect(await store.getText(a.doc.id)).toBeUndefined();
    expect((await store.loadVectors('e1')).docIds).toEqual([b.doc.id]);
    expect((await store.loadVectors('e2')).docIds).toEqual([]);
  });

  it('replaces chunks and vectors for a new embedder, dropping the old ones', async () => {
    const a = newDoc('a.txt', 2);
    await store.addDocument(a);
    const chunks = [a.chunks[0]!];
    await store.replaceIndex(a.doc.id, chunks, new Float32Array(8).fill(0.5), 'e2', 8, { chunkTokens: 128, overlapTokens: 0 });
    expect(await store.getChunks(a.doc.id)).toEqual(chunks);
    expect((await store.loadVectors('e1')).docIds).toEqual([]);
    expect(await store.loadVectors('e2')).toMatchObject({ dim: 8, counts: [1] });
    expect((await store.listDocuments())[0]).toMatchObject({ embedderId: 'e2', dim: 8, chunkCount: 1, chunkOptions: { chunkTokens: 128 } });
  });

  it('removes orphans left by an older writer', async () => {
    const a = newDoc('a.txt');
    await store.addDocument(a);
    // Simulate data without its document record, written outside the store's transactions.
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('test');
      r.onsuccess = () => resolve(r.result);
    });
    await new Promise((resolve) => {
      const tx = raw.transaction(['documents'], 'readwrite');
      tx.objectStore('documents').delete(a.doc.id);
      tx.oncomplete = resolve;
    });
    raw.close();
    expect(await store.removeOrphans()).toBe(3);
    expect((await store.loadVectors('e1')).vectors.length).toBe(0);
  });

  it('keeps settings apart from documents', async () => {
    await store.setSetting('chunkOptions', { chunkTokens: 100, overlapTokens: 10 });
    await store.addDocument(newDoc('a.txt'));
    await store.clearDocuments();
    expect(await store.listDocuments()).toEqual([]);
    expect(await store.getSetting('chunkOptions')).toEqual({ chunkTokens: 100, overlapTokens: 10 });
  });

  it('closes itself for a newer schema in another tab, and says so', async () => {
    let told = false;
    store.close();
    store = await LibraryStore.open('test', { onVersionChange: () => (told = true) });
    await new Promise<void>((resolve, reject) => {
      const r = indexedDB.open('test', 99);
      r.onsuccess = () => (r.result.close(), resolve());
      r.onerror = () => reject(r.error);
    });
    expect(told).toBe(true);
  });

  describe('segments (compaction)', () => {
    async function fill(count: number) {
      const docs = Array.from({ length: count }, (_, i) => newDoc(`s${i}.txt`, 1 + (i % 3)));
      for (const d of docs) await store.addDocument(d);
      return docs;
    }
    const rows = (docs: ReturnType<typeof newDoc>[], skip = new Set<string>()) =>
      docs.filter((d) => !skip.has(d.doc.id)).flatMap((d) => Array.from(d.vectors));

    it('merges blocks into segments without changing what loads', async () => {
      const docs = await fill(10);
      const before = await store.loadVectors('e1');
      expect(await store.compact({ minBlocks: 2, maxBytes: 4 * dim * 4 * 3 })).toBeGreaterThan(1);
      const after = await store.loadVectors('e1');
      expect(after.docIds.slice().sort()).toEqual(before.docIds.slice().sort());
      // Same vectors per document, wherever they now live.
      for (const d of docs) expect(Array.from((await store.vectorBlock('e1', d.doc.id))!)).toEqual(Array.from(d.vectors));
      expect(after.vectors.length).toBe(before.vectors.length);
      expect(await store.compact({ minBlocks: 2 })).toBe(0); // nothing left to merge
    });

    it('removes a document from its segment on delete and on re-index', async () => {
      const docs = await fill(6);
      await store.compact({ minBlocks: 2 });
      await store.deleteDocument(docs[2]!.doc.id);
      let loaded = await store.loadVectors('e1');
      expect(loaded.docIds).toEqual(docs.filter((_, i) => i !== 2).map((d) => d.doc.id));
      expect(Array.from(loaded.vectors)).toEqual(rows(docs, new Set([docs[2]!.doc.id])));
      await store.replaceIndex(docs[0]!.doc.id, docs[0]!.chunks, docs[0]!.vectors, 'e2', dim, docs[0]!.doc.chunkOptions);
      loaded = await store.loadVectors('e1');
      expect(loaded.docIds).not.toContain(docs[0]!.doc.id);
      expect((await store.loadVectors('e2')).docIds).toEqual([docs[0]!.doc.id]);
      for (const d of docs.slice(3)) expect(Array.from((await store.vectorBlock('e1', d.doc.id))!)).toEqual(Array.from(d.vectors));
      await store.clearDocuments();
      expect((await store.loadVectors('e1')).vectors.length).toBe(0);
    });
  });
});

