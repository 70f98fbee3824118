// Knowledge-graph triples in IndexedDB (schema version 5): written in the
// document's transaction, replaced on re-indexing, removed with the document.
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Triple } from '../../src/shared/graph-types';
import { LibraryStore } from '../../src/store/library-store';
import type { DocumentRecord } from '../../src/store/schema';
import { freshDb } from './helpers';

const dim = 2;
let n = 0;
function newDoc(name: string) {
  const id = `doc-${++n}`;
  const doc: DocumentRecord = { id, name, type: 'txt', size: 10, hash: `hash-${name}-${n}`, addedAt: n, chunkCount: 1, embedderId: 'e1', dim, chunkOptions: { chunkTokens: 256, overlapTokens: 32 } };
  return { doc, text: { docId: id, text: `${name} text`, blocks: [] }, chunks: [{ text: 'x', start: 0, end: 1, headingPath: [], tokens: 1 }], vectors: new Float32Array(dim) };
}
const triple = (docId: string, head: string, tail: string): Triple => ({ head, relation: 'located_in', tail, prov: { docId, chunk: 0, start: 0, end: 1, extractor: 'pattern' } });

let store: LibraryStore;
beforeEach(async () => void (store = await freshDb(() => LibraryStore.open('graph'))));

describe('graph store (triples per document)', () => {
  it('stores a document\'s triples with it and reads them back, one or all', async () => {
    const a = newDoc('a.txt');
    const b = newDoc('b.txt');
    await store.addDocument({ ...a, triples: { extractor: 'rules', triples: [triple(a.doc.id, 'mill', 'Pellan Point')] } });
    await store.addDocument(b);
    expect(await store.graph.get(a.doc.id)).toEqual({ docId: a.doc.id, extractor: 'rules', triples: [triple(a.doc.id, 'mill', 'Pellan Point')] });
    expect(await store.graph.get(b.doc.id)).toBeUndefined();
    expect((await store.graph.all()).map((r) => r.docId)).toEqual([a.doc.id]);
  });

  it('writes nothing when the document\'s transaction fails (a duplicate)', async () => {
    const a = newDoc('a.txt');
    await store.addDocument(a);
    const copy = { ...newDoc('copy.txt'), doc: { ...newDoc('x').doc, hash: a.doc.hash } };
    await expect(store.addDocument({ ...copy, triples: { extractor: 'rules', triples: [triple(copy.doc.id, 'x', 'y')] } })).rejects.toThrow(/already in your library/);
    expect(await store.graph.all()).toEqual([]);
  });

  it('removes the triples when the document is deleted, and on clear', async () => {
    const a = newDoc('a.txt');
    const b = newDoc('b.txt');
    await store.addDocument({ ...a, triples: { extractor: 'rules', triples: [triple(a.doc.id, 'a', 'b')] } });
    await store.addDocument({ ...b, triples: { extractor: 'rules', triples: [triple(b.doc.id, 'c', 'd')] } });
    await store.deleteDocument(a.doc.id);
    expect(await store.graph.documentIds()).toEqual([b.doc.id]);
    await store.clearDocuments();
    expect(await store.graph.documentIds()).toEqual([]);
  });

  it('replaces the triples on re-indexing, or removes them when none are given', async () => {
    const a = newDoc('a.txt');
    await store.addDocument({ ...a, triples: { extractor: 'rules', triples: [triple(a.doc.id, 'old', 'x')] } });
    await store.replaceIndex(a.doc.id, a.chunks, a.vectors, 'e2', dim, a.doc.chunkOptions, { extractor: 'rules', triples: [triple(a.doc.id, 'new', 'x')] });
    expect((await store.graph.get(a.doc.id))!.triples.map((t) => t.head)).toEqual(['new']);
    await store.replaceIndex(a.doc.id, a.chunks, a.vectors, 'e3', dim, a.doc.chunkOptions);
    expect(await store.graph.get(a.doc.id)).toBeUndefined();
  });

  it('version 5 only adds the triples store to a version 4 database', async () => {
    const old = await openDB('v4', 4, {
      upgrade: (db) => {
        db.createObjectStore('documents', { keyPath: 'id' }).createIndex('byHash', 'hash', { unique: true });
        db.createObjectStore('ingestQueue', { keyPath: 'id', autoIncrement: true });
      },
    });
    await old.put('documents', newDoc('kept.txt').doc);
    await old.add('ingestQueue', { name: 'waiting.txt' });
    old.close();
    const upgraded = await LibraryStore.open('v4');
    expect((await upgraded.listDocuments()).map((d) => d.name)).toEqual(['kept.txt']);
    expect(await upgraded.queue.count()).toBe(1);
    expect(await upgraded.graph.all()).toEqual([]);
    upgraded.close();
  });
});
