// In-browser half of `npm run bench:store`: real IndexedDB, real LibraryStore,
// real ingest worker. The driver (scripts/bench-store.mjs) calls these through
// window.bench and reloads the page between cold loads.
import { wrap } from 'comlink';
import { IngestBridge } from '../../bridges/ingest-bridge';
import { LibraryService } from '../../library/library-service';
import { LibraryStore } from '../../store/library-store';
import type { IngestApi } from '../../shared/ingest-api';
import type { Chunk } from '../../shared/library-types';

const embedderId = 'bench/384';
const dim = 384;

function randomVectors(count: number, seed: number): Float32Array {
  const v = new Float32Array(count * dim);
  let s = seed >>> 0;
  for (let i = 0; i < v.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    v[i] = s / 2 ** 32 - 0.5;
  }
  return v;
}

const fakeChunks = (n: number): Chunk[] => Array.from({ length: n }, (_, i) => ({ text: `chunk ${i}`, start: i, end: i + 1, headingPath: [], tokens: 2 }));

async function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(name, 1);
    r.onupgradeneeded = () => r.result.createObjectStore('vectors', { keyPath: 'id' });
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

const done = (tx: IDBTransaction) => new Promise<void>((res, rej) => ((tx.oncomplete = () => res()), (tx.onerror = () => rej(tx.error)), (tx.onabort = () => rej(tx.error))));

const api = {
  /** Writes `total` vectors as documents of `perDoc` chunks (ours) and as one record per vector (baseline). */
  async seed(total: number, perDoc: number): Promise<{ oursMs: number; baselineMs: number }> {
    for (const name of ['bench-ours', 'bench-baseline']) await new Promise((r) => (indexedDB.deleteDatabase(name).onsuccess = r));
    const store = await LibraryStore.open('bench-ours');
    let t = performance.now();
    for (let d = 0; d * perDoc < total; d++) {
      const n = Math.min(perDoc, total - d * perDoc);
      const id = `doc-${String(d).padStart(6, '0')}`;
      await store.addDocument({
        doc: { id, name: id, type: 'txt', size: 1, hash: id, addedAt: d, chunkCount: n, embedderId, dim, chunkOptions: { chunkTokens: 256, overlapTokens: 32 } },
        text: { docId: id, text: 'x', blocks: [] },
        chunks: fakeChunks(n),
        vectors: randomVectors(n, d),
      });
    }
    await store.compact(); // as the app does after each batch
    const oursMs = performance.now() - t;
    store.close();
    const raw = await openRaw('bench-baseline');
    t = performance.now();
    for (let start = 0; start < total; start += 5000) {
      const tx = raw.transaction('vectors', 'readwrite');
      const os = tx.objectStore('vectors');
      const block = randomVectors(Math.min(5000, total - start), start);
      for (let i = 0; i < block.length / dim; i++) os.put({ id: start + i, docId: `doc-${Math.floor((start + i) / perDoc)}`, vector: block.slice(i * dim, (i + 1) * dim) });
      await done(tx);
    }
    raw.close();
    return { oursMs, baselineMs: performance.now() - t };
  },

  /** Loads every vector into one Float32Array, as the search worker does at start-up. */
  async loadOurs(): Promise<{ ms: number; count: number }> {
    const t = performance.now();
    const store = await LibraryStore.open('bench-ours');
    const loaded = await store.loadVectors(embedderId);
    const ms = performance.now() - t;
    store.close();
    return { ms, count: loaded.vectors.length / dim };
  },

  /** The same from one record per vector: getAll, then copy into one buffer. */
  async loadBaseline(): Promise<{ ms: number; count: number }> {
    const t = performance.now();
    const raw = await openRaw('bench-baseline');
    const records = await new Promise<{ vector: Float32Array }[]>((resolve, reject) => {
      const r = raw.transaction('vectors').objectStore('vectors').getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = new Float32Array(records.length * dim);
    records.forEach((r, i) => all.set(r.vector, i * dim));
    const ms = performance.now() - t;
    raw.close();
    return { ms, count: records.length };
  },

  /**
   * Ingest throughput without the model. Ours: the app's LibraryService and ingest
   * worker (parse + chunk with the fixture tokenizer, next file prepared while the
   * current one is stored, one transaction per document), with zero vectors in place
   * of the model. Baseline: the same parsing, then the idiomatic naive store, one
   * `put` transaction per chunk with one record per chunk and per vector.
   */
  async storeOnly(docs: string[]): Promise<number[]> {
    const catalog = await (await fetch('models/catalog.json')).json();
    const choice = { entry: { ...catalog.embedders[0], id: embedderId, dim }, source: { kind: 'local' as const, baseUrl: new URL('models/', location.href).href } };
    const ingest = new IngestBridge(() => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module' }));
    const options = { chunkTokens: 256, overlapTokens: 32 };
    const prepared = [];
    for (const [i, d] of docs.entries()) prepared.push(await ingest.prepare(new File([d], `d${i}.md`), choice, options));
    await new Promise((r) => (indexedDB.deleteDatabase('bench-so').onsuccess = r));
    const store = await LibraryStore.open('bench-so');
    const t0 = performance.now();
    let hashMs = 0;
    for (const [i, p] of prepared.entries()) {
      const h = performance.now();
      await store.findByHash(p.hash);
      hashMs += performance.now() - h;
      await store.addDocument({
        doc: { id: `d${i}`, name: p.name, type: p.type, size: p.size, hash: p.hash, addedAt: i, chunkCount: p.chunks.length, embedderId, dim, chunkOptions: options },
        text: { docId: `d${i}`, text: p.parsed.text, blocks: p.parsed.blocks }, chunks: p.chunks, vectors: new Float32Array(p.chunks.length * dim),
      });
    }
    const t1 = performance.now();
    await store.compact();
    return [t1 - t0, hashMs, performance.now() - t1];
  },

  async prepareOnly(docs: string[]): Promise<number> {
    const catalog = await (await fetch('models/catalog.json')).json();
    const choice = { entry: { ...catalog.embedders[0], dim }, source: { kind: 'local' as const, baseUrl: new URL('models/', location.href).href } };
    const ingest = new IngestBridge(() => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module' }));
    await ingest.prepareText('w', 'warm', choice, { chunkTokens: 256, overlapTokens: 32 });
    const t = performance.now();
    for (const [i, d] of docs.entries()) await ingest.prepare(new File([d], `d${i}.md`), choice, { chunkTokens: 256, overlapTokens: 32 });
    return performance.now() - t;
  },

  async ingest(docs: string[], layout: 'ours' | 'baseline'): Promise<{ ms: number; chunks: number }> {
    const catalog = await (await fetch('models/catalog.json')).json();
    const entry = { ...catalog.embedders[0], id: embedderId, dim };
    const choice = { entry, source: { kind: 'local' as const, baseUrl: new URL('models/', location.href).href } };
    const options = { chunkTokens: 256, overlapTokens: 32 };
    const files = docs.map((text, i) => new File([text], `doc-${i}.md`));
    const dbName = `bench-ingest-${layout}`;
    await new Promise((r) => (indexedDB.deleteDatabase(dbName).onsuccess = r));
    const makeWorker = () => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module' });
    if (layout === 'ours') {
      const ingest = new IngestBridge(makeWorker);
      await ingest.prepareText('warm-up', 'Warm up the tokenizer.', choice, options);
      const store = await LibraryStore.open(dbName);
      const service = new LibraryService({
        store, ingest, chunkOptions: () => options, onChange: () => undefined,
        embedder: async () => ({ choice, port: { embed: async (texts) => ({ vectors: new Float32Array(texts.length * dim), dim, count: texts.length, tokenCounts: [] }) } }),
      });
      const t = performance.now();
      await service.addFiles(files);
      const ms = performance.now() - t;
      const stored = await store.listDocuments();
      if (stored.length !== docs.length) throw new Error('not every document was stored');
      const chunks = stored.reduce((n, d) => n + d.chunkCount, 0);
      store.close();
      ingest.terminate();
      return { ms, chunks };
    }
    const worker = makeWorker();
    const ingest = wrap<IngestApi>(worker);
    await ingest.prepareText('warm-up', 'Warm up the tokenizer.', choice, options);
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open(dbName, 1);
      r.onupgradeneeded = () => (r.result.createObjectStore('chunks', { autoIncrement: true }), r.result.createObjectStore('vectors', { autoIncrement: true }));
      r.onsuccess = () => resolve(r.result);
    });
    let chunks = 0;
    const t = performance.now();
    for (const [i, file] of files.entries()) {
      const p = await ingest.prepare(file.name, await file.arrayBuffer(), choice, options);
      const vectors = new Float32Array(p.chunks.length * dim);
      chunks += p.chunks.length;
      for (const [j, c] of p.chunks.entries()) {
        const tx = raw.transaction(['chunks', 'vectors'], 'readwrite');
        tx.objectStore('chunks').put({ doc: i, ...c });
        tx.objectStore('vectors').put({ doc: i, vector: vectors.slice(j * dim, (j + 1) * dim) });
        await done(tx);
      }
    }
    const ms = performance.now() - t;
    raw.close();
    worker.terminate();
    return { ms, chunks };
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.title = 'bench ready';
