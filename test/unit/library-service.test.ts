// The ingestion pipeline end to end in Node: real parsers, the real fixture
// tokenizer and embedder, and IndexedDB (fake-indexeddb). Only the worker
// wrappers are left out; the browser tests cover those.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Embedder } from '../../src/embed/embedder';
import { LibraryService, isStale, type EmbedPort, type IngestPort } from '../../src/library/library-service';
import { LibraryStore } from '../../src/store/library-store';
import { IngestError } from '../../src/shared/errors';
import type { ChunkOptions } from '../../src/shared/library-types';
import { extractDocumentTriples } from '../../src/graph/extract';
import { freshDb, nodeIngestPort, tinyEmbedderSpec } from './helpers';

const spec = tinyEmbedderSpec();
const choice = { entry: spec.entry, source: spec.source };
const ingest: IngestPort = nodeIngestPort();
const embedder = new Embedder({ batchSize: 4 });
let job = 0;
const port: EmbedPort = {
  embed: async (texts, kind, { signal, onProgress }) => {
    const id = ++job;
    signal?.addEventListener('abort', () => embedder.cancel(id));
    return embedder.embed(id, texts, kind, onProgress as never);
  },
};
const demoFile = (name: string) => new File([readFileSync(`public/demo/docs/${name}`)], name);

let store: LibraryStore;
let options: ChunkOptions;
let service: LibraryService;
let stored = 0;

beforeAll(() => embedder.load(spec));
beforeEach(async () => {
  store = await freshDb(() => LibraryStore.open('svc'));
  options = { chunkTokens: 64, overlapTokens: 8 };
  stored = 0;
  service = new LibraryService({
    store, ingest, embedder: async () => ({ choice, port }), chunkOptions: () => options, onChange: () => undefined, onStored: () => stored++,
  });
});

const states = () => service.queue.map((q) => [q.name, q.status.state]);

describe('LibraryService', () => {
  it('indexes good files and reports bad ones per file, without stopping the batch', async () => {
    const corrupt = new File([readFileSync('public/demo/docs/annual-report-2025.pdf').subarray(0, 700)], 'broken.pdf');
    const binary = new File([new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1])], 'program.txt');
    await service.addFiles([demoFile('history.md'), corrupt, demoFile('price-list-2026.html'), binary, demoFile('annual-report-2025.pdf')]);
    expect(states()).toEqual([
      ['history.md', 'indexed'], ['broken.pdf', 'failed'], ['price-list-2026.html', 'indexed'], ['program.txt', 'failed'], ['annual-report-2025.pdf', 'indexed'],
    ]);
    expect(service.queue[1]!.status).toMatchObject({ reason: expect.stringMatching(/could not be read as a PDF/) });
    expect(service.queue[3]!.status).toMatchObject({ reason: expect.stringMatching(/binary/) });
    const docs = await store.listDocuments();
    expect(docs.map((d) => d.name)).toEqual(['history.md', 'price-list-2026.html', 'annual-report-2025.pdf']);
    const pdf = docs[2]!;
    expect(pdf).toMatchObject({ type: 'pdf', pageCount: 4, embedderId: 'local/tiny-embedder', dim: 128, chunkOptions: options });
    const chunks = await store.getChunks(pdf.id);
    expect(chunks.length).toBe(pdf.chunkCount);
    expect(chunks.find((c) => c.text.includes('mill wheel'))?.page).toBe(2);
    const vectors = await store.loadVectors('local/tiny-embedder');
    expect(vectors.vectors.length).toBe(docs.reduce((n, d) => n + d.chunkCount, 0) * 128);
    expect(stored).toBe(3);
    expect(service.busy).toBe(false);
  });

  it('detects the same content added twice and keeps one copy', async () => {
    await service.addFiles([demoFile('glossary.md')]);
    await service.addFiles([new File([readFileSync('public/demo/docs/glossary.md')], 'glossary-copy.md')]);
    expect(service.queue.at(-1)!.status).toEqual({
      state: 'skipped',
      reason: 'Already in your library as glossary.md (same content).',
      // The UI shows the translation of the reason in the interface language.
      i18n: { key: 'errors:ingest.duplicate', params: { existing: 'glossary.md' } },
    });
    expect((await store.listDocuments()).length).toBe(1);
  });

  it('cancels the running file and the queued ones, leaving nothing half-written', async () => {
    const long = new File([Array.from({ length: 400 }, (_, i) => `Sentence ${i} about the kelp harvest.`).join(' ')], 'long.txt');
    const done = service.addFiles([demoFile('glossary.md'), long, demoFile('history.md')]);
    const timer = setInterval(() => {
      const s = service.queue[1]?.status;
      if (s?.state === 'embedding' && s.done > 0) service.cancel();
    }, 1);
    await done;
    clearInterval(timer);
    expect(states()).toEqual([['glossary.md', 'indexed'], ['long.txt', 'cancelled'], ['history.md', 'cancelled']]);
    expect((await store.listDocuments()).map((d) => d.name)).toEqual(['glossary.md']);
    expect(await store.removeOrphans()).toBe(0);
    // A new batch works after a cancel.
    await service.addFiles([demoFile('history.md')]);
    expect(service.queue.at(-1)!.status.state).toBe('indexed');
  });

  it('reports a full disk for one file, keeps the earlier ones and goes on', async () => {
    const add = store.addDocument.bind(store);
    store.addDocument = async (d) => {
      if (d.doc.name === 'history.md') throw new IngestError('quota', 'Storage is full, so history.md was not added.');
      return add(d);
    };
    await service.addFiles([demoFile('glossary.md'), demoFile('history.md'), demoFile('water-rights.md')]);
    expect(states()).toEqual([['glossary.md', 'indexed'], ['history.md', 'failed'], ['water-rights.md', 'indexed']]);
    expect((await store.listDocuments()).map((d) => d.name)).toEqual(['glossary.md', 'water-rights.md']);
  });

  it('adds pasted text as a document', async () => {
    await service.addText('Pasted note', '# Ferry\n\nThe ferry leaves at 07:15.');
    const [doc] = await store.listDocuments();
    expect(doc).toMatchObject({ name: 'Pasted note', type: 'paste' });
    expect((await store.getChunks(doc!.id))[0]).toMatchObject({ headingPath: ['Ferry'], start: 0 });
  });

  it('re-chunks and re-embeds from the stored text when the settings change', async () => {
    await service.addFiles([demoFile('history.md')]);
    const [before] = await store.listDocuments();
    options = { chunkTokens: 24, overlapTokens: 4 };
    expect(isStale(before!, 'local/tiny-embedder', options)).toBe(true);
    await service.reindexStale();
    const [after] = await store.listDocuments();
    expect(after!.chunkCount).toBeGreaterThan(before!.chunkCount);
    expect(after!.chunkOptions).toEqual(options);
    expect((await store.loadVectors('local/tiny-embedder')).vectors.length).toBe(after!.chunkCount * 128);
    expect((await store.getChunks(after!.id)).every((c) => c.tokens <= 24)).toBe(true);
  });

  it('stores the knowledge-graph triples with the document, and re-extracts them for the new chunks on re-indexing', async () => {
    const triples = async (docId: string, parsed: Parameters<typeof extractDocumentTriples>[1], chunks: Parameters<typeof extractDocumentTriples>[2]) => extractDocumentTriples(docId, parsed, chunks);
    service = new LibraryService({ store, ingest, embedder: async () => ({ choice, port }), chunkOptions: () => options, onChange: () => undefined, triples });
    await service.addFiles([demoFile('lighthouse-cottage.md')]);
    const [doc] = await store.listDocuments();
    const record = (await store.graph.get(doc!.id))!;
    expect(record.extractor).toBe('rules');
    const rent = record.triples.find((t) => t.head === 'rent' && t.relation === 'paid_into')!;
    expect(rent).toMatchObject({ tail: 'seawall fund', prov: { docId: doc!.id, extractor: 'pattern' } });
    const text = (await store.getText(doc!.id))!.text;
    expect(text.slice(rent.prov.start, rent.prov.end)).toBe('All rent from the cottage goes into the seawall fund.');
    // Smaller chunks: the same fact now sits in a later chunk, and the stored provenance says so.
    options = { chunkTokens: 16, overlapTokens: 0 };
    await service.reindexStale();
    const chunks = await store.getChunks(doc!.id);
    const moved = (await store.graph.get(doc!.id))!.triples.find((t) => t.head === 'rent' && t.relation === 'paid_into')!;
    const holder = chunks[moved.prov.chunk]!;
    expect(holder.start <= moved.prov.start && moved.prov.start < holder.end).toBe(true);
    expect(moved.prov.chunk).toBeGreaterThan(rent.prov.chunk);
    await store.deleteDocument(doc!.id);
    expect(await store.graph.all()).toEqual([]);
  });
  it('reads a file while the embedder loads; a hub model is loaded first, and a failed load decides what happens to the file', async () => {
    const events: string[] = [];
    const watched: IngestPort = { ...ingest, prepare: (...a) => (events.push('prepare'), ingest.prepare(...a)) };
    let load = Promise.resolve();
    const make = (source: typeof choice.source) => new LibraryService({
      store, ingest: watched, chunkOptions: () => options, onChange: () => undefined,
      embedderChoice: () => ({ entry: choice.entry, source }),
      embedder: async () => (events.push('load'), await load, events.push('loaded'), { choice: { entry: choice.entry, source }, port }),
    });
    await make(choice.source).addFiles([demoFile('glossary.md')]);
    expect(events).toEqual(['prepare', 'load', 'loaded']);
    events.length = 0;
    await make({ kind: 'hub' }).addFiles([demoFile('history.md')]);
    expect(events).toEqual(['load', 'loaded', 'prepare']);
    expect((await store.listDocuments()).map((d) => d.name)).toEqual(['glossary.md', 'history.md']);
    // The embedder fails to load after the file was read: the file fails with the load's error, not with a stored document.
    events.length = 0;
    load = Promise.reject(new Error('the embedder is broken'));
    load.catch(() => undefined);
    const failing = make(choice.source);
    await failing.addFiles([demoFile('water-rights.md')]);
    expect(events[0]).toBe('prepare');
    expect(failing.queue.at(-1)!.status).toMatchObject({ state: 'failed', reason: expect.stringContaining('the embedder is broken') });
    expect((await store.listDocuments()).length).toBe(2);
  });
});
