// Shared helpers for unit tests: the generated fixture models, a fake comlink worker, a fresh
// IndexedDB per test, and a library built as the app builds it.
import { readFileSync } from 'node:fs';
import { expose } from 'comlink';
import { IDBFactory } from 'fake-indexeddb';
import type { Embedder } from '../../src/embed/embedder';
import { LibraryService, type LibraryDeps } from '../../src/library/library-service';
import type { ChunkOptions } from '../../src/shared/library-types';
import { LibraryStore } from '../../src/store/library-store';
import { join, resolve } from 'node:path';
import { parseCatalog } from '../../src/catalog/catalog';
import type { EmbedderEntry, RerankerEntry } from '../../src/shared/catalog-types';
import type { RerankLoadSpec } from '../../src/shared/rerank-api';
import type { EmbedLoadSpec } from '../../src/shared/embed-api';
import { Ingestor } from '../../src/ingest/ingestor';
import type { IngestPort } from '../../src/library/library-service';

export const fixtureModelsDir = resolve('test/fixtures/models');

export function fixtureCatalog() {
  return parseCatalog(readFileSync(join(fixtureModelsDir, 'catalog.json'), 'utf8')).catalog;
}

export function tinyEmbedderEntry(overrides: Partial<EmbedderEntry> = {}): EmbedderEntry {
  const entry = fixtureCatalog().embedders.find((e) => e.id === 'local/tiny-embedder');
  if (!entry) throw new Error('The fixture catalog lacks local/tiny-embedder; run npm run fixtures.');
  return { ...entry, ...overrides };
}

/** A load spec for Node: the local pack is a folder on disk, the device is the CPU. */
export function tinyEmbedderSpec(overrides: Partial<EmbedderEntry> = {}): EmbedLoadSpec {
  return { entry: tinyEmbedderEntry(overrides), source: { kind: 'local', baseUrl: `${fixtureModelsDir}/` }, device: 'cpu' };
}

/** The library's ingest port over an in-process Ingestor (what the ingest worker runs), for Node tests. */
export function nodeIngestPort(): IngestPort {
  const ingestor = new Ingestor({ pdfjs: () => import('pdfjs-dist/legacy/build/pdf.mjs') as never });
  return {
    prepare: async (file, t, o) => ingestor.prepare(file.name, await file.arrayBuffer(), t, o),
    prepareText: (n, text, t, o) => ingestor.prepareText(n, text, t, o),
    rechunk: (p, t, o) => ingestor.rechunk(p, t, o),
  };
}

/** The fixture reranker's catalog entry. */
export function tinyRerankerEntry(overrides: Partial<RerankerEntry> = {}): RerankerEntry {
  const entry = fixtureCatalog().rerankers.find((e) => e.id === 'local/tiny-reranker');
  if (!entry) throw new Error('The fixture catalog lacks local/tiny-reranker; run npm run fixtures.');
  return { ...entry, ...overrides };
}

/** A reranker load spec for Node: the local pack on disk, the CPU. */
export function tinyRerankerSpec(overrides: Partial<RerankerEntry> = {}): RerankLoadSpec {
  return { entry: tinyRerankerEntry(overrides), source: { kind: 'local', baseUrl: `${fixtureModelsDir}/` }, device: 'cpu' };
}

/**
 * Mean next-token cross-entropy (float64) over a completion's tokens: position t - 1 predicts
 * token t for t ≥ promptLength. Targets in `skip` are left out of the mean.
 */
export function completionLoss(logits: Float32Array[], tokens: number[], promptLength: number, skip: Set<number> = new Set()): number {
  let sum = 0;
  let n = 0;
  for (let t = promptLength; t < tokens.length; t++) {
    if (skip.has(tokens[t]!)) continue;
    const row = logits[t - 1]!;
    const max = row.reduce((m, v) => Math.max(m, v), -Infinity);
    sum += max + Math.log(row.reduce((z, v) => z + Math.exp(v - max), 0)) - row[tokens[t]!]!;
    n++;
  }
  return sum / n;
}

/** One fake worker made by fakeWorkers: whether it was terminated, and how to make it crash. */
export interface FakeWorker {
  terminated: boolean;
  /** Fires the worker's 'error' event, as a crashed worker (out of memory) does. */
  crash(message: string): void;
}

/**
 * Workers for a bridge, each a comlink endpoint over a MessageChannel that serves `makeApi()` and
 * behaves like a Worker: `terminate()` closes it, `crash()` fires its 'error' event. What the
 * browser's Worker adds (a thread) is left to the browser tests.
 */
export function fakeWorkers(makeApi: () => object): { create: () => Worker; made: FakeWorker[] } {
  const made: FakeWorker[] = [];
  const create = () => {
    const { port1, port2 } = new MessageChannel();
    expose(makeApi(), port2);
    const target = new EventTarget();
    const handle: FakeWorker = {
      terminated: false,
      crash: (message) => void target.dispatchEvent(Object.assign(new Event('error'), { message })),
    };
    made.push(handle);
    const listen = port1.addEventListener.bind(port1);
    return Object.assign(port1, {
      addEventListener: (type: string, fn: EventListener) => (type === 'error' ? target.addEventListener(type, fn) : listen(type, fn)),
      terminate: () => {
        handle.terminated = true;
        port1.close();
        port2.close();
      },
    }) as unknown as Worker;
  };
  return { create, made };
}

/**
 * A fresh, empty IndexedDB (fake-indexeddb; the test file imports 'fake-indexeddb/auto' for its globals),
 * then `open` on it: the store set-up of a test, e.g. `store = await freshDb(() => LibraryStore.open('t'))`.
 */
export function freshDb<S>(open: () => Promise<S>): Promise<S> {
  globalThis.indexedDB = new IDBFactory();
  return open();
}

/**
 * A library built as the app builds it, in Node, in a fresh IndexedDB: the files parsed and chunked by an
 * in-process Ingestor, embedded with `embedder` (the fixture embedder, loaded), each document stored in one
 * transaction, with its triples when `triples` is given. Returns the open store; the caller closes it.
 */
export async function buildLibrary(
  dbName: string,
  embedder: Embedder,
  files: File[],
  { chunkOptions, triples }: { chunkOptions: ChunkOptions; triples?: LibraryDeps['triples'] },
): Promise<LibraryStore> {
  const spec = tinyEmbedderSpec();
  await embedder.load(spec);
  const store = await freshDb(() => LibraryStore.open(dbName));
  let job = 0;
  const service = new LibraryService({
    store,
    ingest: nodeIngestPort(),
    embedder: async () => ({ choice: { entry: spec.entry, source: spec.source }, port: { embed: (texts, kind) => embedder.embed(++job, texts, kind) } }),
    chunkOptions: () => chunkOptions,
    onChange: () => undefined,
    ...(triples ? { triples } : {}),
  });
  await service.addFiles(files);
  return store;
}

/** The stored documents' ids by file name. */
export async function documentIds(store: LibraryStore): Promise<Map<string, string>> {
  return new Map((await store.listDocuments()).map((d) => [d.name, d.id]));
}
