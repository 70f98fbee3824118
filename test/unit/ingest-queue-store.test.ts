// The persisted ingestion queue's transactions (fake-indexeddb): a file leaves
// the queue only in its document's transaction, or after it, never before.
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore, type NewDocument } from '../../src/store/library-store';
import { IngestError } from '../../src/shared/errors';
import type { DocumentRecord } from '../../src/store/schema';
import { freshDb } from './helpers';

const options = { chunkTokens: 256, overlapTokens: 32 };
const dim = 4;

function newDoc(name: string, dequeue?: number): NewDocument {
  const id = `doc-${name}`;
  const doc: DocumentRecord = { id, name, type: 'txt', size: 3, hash: `hash-${name}`, addedAt: 1, chunkCount: 1, embedderId: 'e1', dim, chunkOptions: options };
  return { doc, text: { docId: id, text: name, blocks: [] }, chunks: [{ text: name, start: 0, end: name.length, headingPath: [], tokens: 1 }], vectors: new Float32Array(dim), ...(dequeue !== undefined ? { dequeue } : {}) };
}

let store: LibraryStore;
beforeEach(async () => void (store = await freshDb(() => LibraryStore.open('queue'))));

describe('IngestQueueStore', () => {
  it('keeps the files themselves, their order and their settings', async () => {
    const ids = await store.queue.enqueue([
      { name: 'b.txt', file: new File(['bravo'], 'b.txt'), chunkOptions: options },
      { name: 'Pasted', text: 'pasted words', chunkOptions: { chunkTokens: 64, overlapTokens: 8 } },
      { name: 'a.txt', file: new File(['alpha'], 'a.txt'), chunkOptions: options },
    ]);
    expect(ids).toHaveLength(3);
    const list = await store.queue.list();
    expect(list.map((r) => r.name)).toEqual(['b.txt', 'Pasted', 'a.txt']);
    expect(list.map((r) => r.id)).toEqual(ids);
    expect(list[1]).toMatchObject({ source: { kind: 'text', text: 'pasted words' }, chunkOptions: { chunkTokens: 64, overlapTokens: 8 }, size: 12 });
    const file = list[0]!.source;
    if (file.kind !== 'file') throw new Error('expected a file');
    // A stored File comes back as a File with its name, and its bytes.
    expect(file.file).toBeInstanceOf(File);
    expect((file.file as File).name).toBe('b.txt');
    expect(await file.file.text()).toBe('bravo');
  });

  it('a file leaves the queue in the same transaction as its document', async () => {
    const [id] = await store.queue.enqueue([{ name: 'a.txt', file: new File(['alpha'], 'a.txt'), chunkOptions: options }]);
    await store.addDocument(newDoc('a.txt', id));
    expect(await store.queue.count()).toBe(0);
    expect((await store.listDocuments()).map((d) => d.name)).toEqual(['a.txt']);
  });

  it('a document that is not committed leaves its file in the queue', async () => {
    const [dup, broken] = await store.queue.enqueue([
      { name: 'dup.txt', file: new File(['x'], 'dup.txt'), chunkOptions: options },
      { name: 'broken.txt', file: new File(['y'], 'broken.txt'), chunkOptions: options },
    ]);
    await store.addDocument(newDoc('dup.txt'));
    // A duplicate is refused by the unique hash index: the transaction aborts, the dequeue with it.
    const e = await store.addDocument(newDoc('dup.txt', dup)).catch((x: unknown) => x);
    expect((e as IngestError).code).toBe('duplicate');
    // A write that fails synchronously (here, a record IndexedDB cannot clone) aborts the whole transaction.
    const bad = newDoc('broken.txt', broken);
    const e2 = await store.addDocument({ ...bad, text: { ...bad.text, blocks: [(() => undefined) as never] } }).catch((x: unknown) => x);
    expect(e2).toBeInstanceOf(Error);
    expect((await store.queue.list()).map((r) => r.id)).toEqual([dup, broken]);
    expect(await store.findByHash('hash-broken.txt')).toBeUndefined();
  });

  it('a full disk on enqueue saves none of the batch and says what to do', async () => {
    const put = IDBObjectStore.prototype.add;
    let n = 0;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'ingestQueue' && ++n === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    };
    try {
      const e = await store.queue.enqueue([
        { name: 'a.txt', file: new File(['a'], 'a.txt'), chunkOptions: options },
        { name: 'b.txt', file: new File(['b'], 'b.txt'), chunkOptions: options },
      ]).catch((x: unknown) => x);
      expect((e as Error).message).toMatch(/Storage is full.*free disk space/);
    } finally {
      IDBObjectStore.prototype.add = put;
    }
    expect(await store.queue.count()).toBe(0);
  });

  it('marks records that cannot be resumed, removes and clears', async () => {
    const ids = await store.queue.enqueue(['a', 'b', 'c'].map((n) => ({ name: n, text: n, chunkOptions: options })));
    await store.queue.markProblem([ids[1]!, 999], 'unreadable');
    expect((await store.queue.list()).map((r) => r.problem ?? null)).toEqual([null, 'unreadable', null]);
    await store.queue.remove([ids[0]!]);
    expect((await store.queue.list()).map((r) => r.name)).toEqual(['b', 'c']);
    await store.queue.clear();
    expect(await store.queue.count()).toBe(0);
  });

  it('version 4 only adds the queue store to a version 3 database', async () => {
    // A version 3 database as an earlier release left it (only the store this test reads).
    const old = await openDB('v3', 3, { upgrade: (db) => db.createObjectStore('documents', { keyPath: 'id' }).createIndex('byHash', 'hash', { unique: true }) });
    await old.put('documents', newDoc('kept.txt').doc);
    old.close();
    const upgraded = await LibraryStore.open('v3');
    expect((await upgraded.listDocuments()).map((d) => d.name)).toEqual(['kept.txt']);
    expect(await upgraded.queue.count()).toBe(0);
    upgraded.close();
  });
});
