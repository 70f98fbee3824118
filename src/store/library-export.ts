// A whole library as one .zip file (documents, text, chunks, vectors, the
// knowledge-graph triples, the embedder id and settings), so a presenter can
// hand out a ready index. Import adds what is new and never touches what is
// already stored. Exports made before the triples were carried import without
// a graph (re-index to build it).
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ImportError, IngestError, tKey } from '../shared/errors';
import type { ChunkOptions } from '../shared/library-types';
import type { LibraryStore } from './library-store';
import type { DocumentRecord, TripleSetRecord } from './schema';

export const exportFormat = 'rag-lab-library';
export const exportVersion = 1;

interface ExportManifest {
  format: typeof exportFormat;
  version: number;
  exportedAt: string;
  embedderIds: string[];
  chunkOptions: ChunkOptions | null;
  /** `triplesFile` is absent for a document that has no triples stored (or in exports made before they were carried). */
  documents: (DocumentRecord & { vectorsFile: string; triplesFile?: string })[];
}

/** Packs every document with its text, chunks and current-embedder vectors. */
export async function exportLibrary(store: LibraryStore, chunkOptions: ChunkOptions | null): Promise<Uint8Array> {
  const docs = await store.listDocuments();
  const files: Record<string, Uint8Array> = {};
  const entries: ExportManifest['documents'] = [];
  for (const [i, doc] of docs.entries()) {
    const [text, chunks, vectors, triples] = await Promise.all([
      store.getText(doc.id), store.getChunks(doc.id), store.vectorBlock(doc.embedderId, doc.id), store.graph.get(doc.id),
    ]);
    if (!text || !vectors) continue;
    const base = `documents/${String(i).padStart(5, '0')}`;
    files[`${base}/text.json`] = strToU8(JSON.stringify(text));
    files[`${base}/chunks.json`] = strToU8(JSON.stringify(chunks));
    files[`${base}/vectors.f32`] = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
    if (triples) files[`${base}/triples.json`] = strToU8(JSON.stringify(triples));
    entries.push({ ...doc, vectorsFile: `${base}/vectors.f32`, ...(triples ? { triplesFile: `${base}/triples.json` } : {}) });
  }
  const manifest: ExportManifest = {
    format: exportFormat, version: exportVersion, exportedAt: new Date().toISOString(),
    embedderIds: [...new Set(entries.map((d) => d.embedderId))], chunkOptions, documents: entries,
  };
  files['library.json'] = strToU8(JSON.stringify(manifest, null, 1));
  // Vectors barely compress; level 1 keeps export fast.
  return zipSync(files, { level: 1 });
}

export interface ImportResult {
  added: string[];
  skipped: string[];
  embedderIds: string[];
  chunkOptions: ChunkOptions | null;
}

function readJson<T>(files: Record<string, Uint8Array>, path: string): T {
  const f = files[path];
  if (!f) throw new ImportError(tKey('errors:import.incomplete', { path }));
  return JSON.parse(strFromU8(f)) as T;
}

/** Adds an exported library's documents; ones already present (same content hash) are skipped. */
export async function importLibrary(store: LibraryStore, bytes: Uint8Array): Promise<ImportResult> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new ImportError(tKey('errors:import.notZip'));
  }
  const manifest = readJson<ExportManifest>(files, 'library.json');
  if (manifest.format !== exportFormat) throw new ImportError(tKey('errors:import.notExport'));
  if (manifest.version > exportVersion) throw new ImportError(tKey('errors:import.newer', { version: manifest.version }));
  const result: ImportResult = { added: [], skipped: [], embedderIds: manifest.embedderIds, chunkOptions: manifest.chunkOptions };
  for (const { vectorsFile, triplesFile, ...doc } of manifest.documents) {
    const base = vectorsFile.replace(/\/vectors\.f32$/, '');
    const raw = files[vectorsFile];
    if (!raw) throw new ImportError(tKey('errors:import.noVectors', { file: vectorsFile }));
    const vectors = new Float32Array(raw.slice().buffer);
    if ((await store.findByHash(doc.hash)) !== undefined) {
      result.skipped.push(doc.name);
      continue;
    }
    try {
      // The triples cite this document's chunk ordinals, which the import keeps; they are stored under its id.
      const triples = triplesFile ? readJson<TripleSetRecord>(files, triplesFile) : undefined;
      await store.addDocument({
        doc, text: readJson(files, `${base}/text.json`), chunks: readJson(files, `${base}/chunks.json`), vectors,
        ...(triples ? { triples: { extractor: triples.extractor, triples: triples.triples, ...(triples.llmModel ? { llmModel: triples.llmModel } : {}) } } : {}),
      });
      result.added.push(doc.name);
    } catch (e) {
      if (e instanceof IngestError && e.code === 'duplicate') result.skipped.push(doc.name);
      else throw e;
    }
  }
  return result;
}
