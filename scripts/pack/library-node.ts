// Builds a library export (.zip, the Library's own format) in Node for a
// workshop pack: the app's real ingestion (parsers, chunking with the
// embedder's tokenizer), embedding (transformers.js on onnxruntime-node),
// knowledge-graph rules and store (IndexedDB through fake-indexeddb), then the
// app's exporter. The browser tests seed their libraries with it too
// (test/browser/global-setup.ts).
// Bundled for Node by scripts/pack.mjs (like the benchmarks' Node halves).
import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Embedder } from '../../src/embed/embedder';
import { extractDocumentTriples } from '../../src/graph/extract';
import { Ingestor } from '../../src/ingest/ingestor';
import { LibraryService, type EmbedPort, type IngestPort } from '../../src/library/library-service';
import type { EmbedderEntry } from '../../src/shared/catalog-types';
import { defaultChunkOptions } from '../../src/shared/library-types';
import { exportLibrary } from '../../src/store/library-export';
import { LibraryStore } from '../../src/store/library-store';

/** A demo pack's documents (its folder's manifest.json), named as "Load demo pack" names them. */
export async function demoPackFiles(packDir: string): Promise<{ name: string; bytes: Uint8Array }[]> {
  const manifest = JSON.parse(await readFile(join(packDir, 'manifest.json'), 'utf8')) as { documents: { file: string }[] };
  return Promise.all(manifest.documents.map(async (d) => ({ name: d.file.split('/').pop()!, bytes: new Uint8Array(await readFile(join(packDir, d.file))) })));
}

export interface BuiltLibrary {
  zip: Uint8Array;
  indexed: string[];
  failed: { name: string; reason: string }[];
}

/** `modelsDir` is the pack folder holding the embedder at `entry.path`. */
export async function buildLibrary(files: { name: string; bytes: Uint8Array }[], entry: EmbedderEntry, modelsDir: string): Promise<BuiltLibrary> {
  const spec = { entry, source: { kind: 'local' as const, baseUrl: `${modelsDir.replace(/\/+$/, '')}/` }, device: 'cpu' as const };
  const ingestor = new Ingestor({ pdfjs: () => import('pdfjs-dist/legacy/build/pdf.mjs') as never });
  const ingest: IngestPort = {
    prepare: async (file, t, o) => ingestor.prepare(file.name, await file.arrayBuffer(), t, o),
    prepareText: (n, text, t, o) => ingestor.prepareText(n, text, t, o),
    rechunk: (p, t, o) => ingestor.rechunk(p, t, o),
  };
  const embedder = new Embedder({ batchSize: 16 });
  await embedder.load(spec);
  let job = 0;
  const port: EmbedPort = { embed: async (texts, kind, { onProgress }) => embedder.embed(++job, texts, kind, onProgress as never) };
  const store = await LibraryStore.open(`pack-${Date.now()}`);
  const service = new LibraryService({
    store, ingest, embedder: async () => ({ choice: { entry, source: spec.source }, port }), chunkOptions: () => defaultChunkOptions, onChange: () => undefined,
    triples: async (docId, parsed, chunks) => extractDocumentTriples(docId, parsed, chunks),
  });
  await service.addFiles(files.map((f) => new File([f.bytes as Uint8Array<ArrayBuffer>], f.name)));
  const indexed: string[] = [];
  const failed: BuiltLibrary['failed'] = [];
  for (const q of service.queue) {
    if (q.status.state === 'indexed') indexed.push(q.name);
    else failed.push({ name: q.name, reason: 'reason' in q.status ? String(q.status.reason) : q.status.state });
  }
  return { zip: await exportLibrary(store, defaultChunkOptions), indexed, failed };
}
