// Reads the app's IndexedDB straight from the page, bypassing the app's own
// code, so tests check what is really stored.
import type { Page } from '@playwright/test';
import type { StoreNames, StoreValue } from 'idb';
import type { ChunkSetRecord, DocumentRecord, LibraryDB, SegmentRecord, TextRecord, VectorBlockRecord } from '../../src/store/schema';

/** The record type of one object store, from the app's own schema. */
export type Stored<N extends StoreNames<LibraryDB>> = StoreValue<LibraryDB, N>;

export interface Snapshot {
  docs: { id: string; name: string; chunkCount: number; embedderId: string }[];
  textIds: string[];
  chunks: { docId: string; texts: string[] }[];
  vectors: { docId: string; embedderId: string; count: number; dim: number; sum: number }[];
}

export function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('rag-lab');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result as T[]);
        r.onerror = () => reject(r.error);
      });
    const docs = await all<DocumentRecord>('documents');
    const texts = await all<TextRecord>('texts');
    const chunks = await all<ChunkSetRecord>('chunks');
    // Vectors live in per-document blocks (ArrayBuffer) until a batch ends, then in segments: files in OPFS
    // (`rag-lab-vectors/<id>.f32`, documents at rows `file.starts`), or Blobs where there is no OPFS.
    const blocks = await all<VectorBlockRecord>('vectors');
    const segments = await all<SegmentRecord>('segments');
    const vectors: { docId: string; embedderId: string; count: number; dim: number; sum: number }[] = [];
    const sum = (a: Float32Array) => a.reduce((x, y) => x + y, 0);
    for (const b of blocks) vectors.push({ docId: b.docId, embedderId: b.embedderId, count: b.count, dim: b.dim, sum: sum(new Float32Array(b.vectors)) });
    for (const s of segments) {
      const bytes = s.file
        ? await (await (await (await navigator.storage.getDirectory()).getDirectoryHandle('rag-lab-vectors')).getFileHandle(`${s.id}.f32`)).getFile()
        : s.vectors!;
      const all32 = new Float32Array(await bytes.arrayBuffer());
      let off = 0;
      s.docIds.forEach((docId, i) => {
        const n = s.counts[i]! * s.dim;
        const from = s.file ? s.file.starts[i]! * s.dim : off;
        vectors.push({ docId, embedderId: s.embedderId, count: s.counts[i]!, dim: s.dim, sum: sum(all32.subarray(from, from + n)) });
        off += n;
      });
    }
    db.close();
    const byName = <T extends { docId?: string; id?: string }>(a: T[]) => a.sort((x, y) => String(x.docId ?? x.id).localeCompare(String(y.docId ?? y.id)));
    return {
      docs: byName(docs).map(({ id, name, chunkCount, embedderId }) => ({ id, name, chunkCount, embedderId })),
      textIds: texts.map((t) => t.docId).sort(),
      chunks: byName(chunks).map((c) => ({ docId: c.docId, texts: c.chunks.map((x) => x.text) })),
      vectors: byName(vectors),
    };
  });
}

/** True when every chunk set and vector block belongs to a stored document, and vice versa. */
export function consistent(s: Snapshot): boolean {
  const ids = s.docs.map((d) => d.id).sort().join();
  return (
    s.textIds.join() === ids &&
    s.chunks.map((c) => c.docId).join() === ids &&
    s.vectors.map((v) => v.docId).sort().join() === ids &&
    s.docs.every((d) => s.chunks.find((c) => c.docId === d.id)?.texts.length === d.chunkCount && s.vectors.find((v) => v.docId === d.id)?.count === d.chunkCount)
  );
}

/** Every record of one object store, read with the raw IndexedDB API, typed by the app's schema. */
export function readStore<N extends StoreNames<LibraryDB>>(page: Page, store: N): Promise<Stored<N>[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('rag-lab');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      return await new Promise<Stored<N>[]>((resolve, reject) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => resolve(r.result as Stored<N>[]);
        r.onerror = () => reject(r.error);
      });
    } finally {
      db.close();
    }
  }, store);
}

/** Writes one record straight into an object store (for states the UI cannot make yet). */
export function putRecord<N extends StoreNames<LibraryDB>>(page: Page, store: N, value: Stored<N>): Promise<void> {
  return page.evaluate(async ([name, v]) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('rag-lab');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(name as string, 'readwrite');
      tx.objectStore(name as string).put(v);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, [store, value] as const);
}
