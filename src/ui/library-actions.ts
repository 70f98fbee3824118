// Library actions: the only code that drives the LibraryService and the
// store from the UI, and writes the library state.
import { LibraryService } from '../library/library-service';
import { fetchDemoPack } from '../demo/demo-pack';
import { errorMessage } from '../shared/errors';
import type { ChunkOptions } from '../shared/library-types';
import type { RetrievalOptions } from '../shared/search-api';
import { exportLibrary, importLibrary } from '../store/library-export';
import type { LibraryStore } from '../store/library-store';
import { stores } from './database';
import { ensureEmbedder, refreshStorage, type Services } from './actions';
import { retrievalOptions, searchState, chunkOptions, ingestBusy, ingestProgress, ingestQueue, libraryDocs, libraryEmbedderId, libraryNotice, libraryReady } from './library-state';
import { catalog, databaseNotice, demo, embedders, pickedEmbedderId, selectedEmbedder } from './state';

const channelName = 'rag-lab-library';
let store: LibraryStore | null = null;
let service: LibraryService | null = null;
let channel: BroadcastChannel | null = null;
let askedPersist = false;
let markOpen: () => void = () => undefined;
/** Resolves once the library is open: files added earlier wait for it instead of being lost. */
const whenOpen = new Promise<void>((resolve) => (markOpen = resolve));

let retriever: Services['retriever'] | null = null;

async function refreshDocs(): Promise<void> {
  retriever?.invalidate();
  if (!store) return;
  libraryDocs.value = await store.listDocuments();
  void refreshStorage();
}

/** Tells other tabs to re-read the library. */
function announce(): void {
  channel?.postMessage('changed');
}

function sync(stored = false): void {
  if (!service) return;
  ingestQueue.value = service.queue;
  ingestProgress.value = service.busy ? service.progress : null;
  ingestBusy.value = service.busy;
  // The document list is re-read only when documents changed, not on every progress step.
  if (stored) void refreshDocs();
}

/** Opens the library (IndexedDB), cleans up, restores settings, and listens to other tabs. */
export async function openLibrary(services: Services): Promise<void> {
  retriever = services.retriever;
  try {
    store = (await stores()).library;
    // The shared connection closes when another tab upgrades the schema (the app-wide notice says to reload).
    databaseNotice.subscribe((n) => n?.reload && (store = null));
  } catch (e) {
    libraryNotice.value = { kind: 'error', text: errorMessage(e) };
    markOpen(); // files added meanwhile are dropped with the notice above, not left waiting
    return;
  }
  const removed = await store.removeOrphans();
  if (removed) console.info(`Removed ${removed} orphaned records left by an older version.`);
  chunkOptions.value = (await store.getSetting<ChunkOptions>('chunkOptions')) ?? chunkOptions.value;
  libraryEmbedderId.value = (await store.getSetting<string>('embedderId')) ?? null;
  retrievalOptions.value = { ...retrievalOptions.value, ...((await store.getSetting<RetrievalOptions>('retrieval')) ?? {}) };
  // Keep using the embedder the library was built with, when it is still offered.
  if (pickedEmbedderId.value === null && embedders.value.some((c) => c.entry.id === libraryEmbedderId.value)) {
    pickedEmbedderId.value = libraryEmbedderId.value;
  }
  const opened = store;
  service = new LibraryService({
    store: opened,
    ingest: services.ingest,
    embedder: async () => {
      const choice = await ensureEmbedder(services);
      // The picker is the library's embedder: remembered, so the next visit starts with it.
      if (libraryEmbedderId.value !== choice.entry.id) {
        libraryEmbedderId.value = choice.entry.id;
        await opened.setSetting('embedderId', choice.entry.id);
      }
      return { choice, port: { embed: (texts, kind, o) => services.embed.embed(texts, kind, o) } };
    },
    chunkOptions: () => chunkOptions.value,
    onChange: (stored) => {
      sync(stored);
      if (stored) announce();
    },
    onStored: () => {
      if (askedPersist) return;
      askedPersist = true;
      // Ask once: without it the browser may evict the library under storage pressure.
      void navigator.storage?.persist?.().then(() => refreshStorage());
    },
  });
  channel = new BroadcastChannel(channelName);
  channel.onmessage = () => void refreshDocs();
  await refreshDocs();
  libraryReady.value = true;
  markOpen();
  // Vectors go into the search worker at start-up, not at the first query.
  if (libraryDocs.value.length) void services.retriever.sync().catch((e: unknown) => console.warn('Search index not loaded yet:', e));
}

export async function addFiles(files: File[]): Promise<void> {
  if (!files.length) return;
  await whenOpen;
  await service?.addFiles(files);
}

export async function addPastedText(name: string, text: string): Promise<void> {
  await whenOpen;
  await service?.addText(name.trim() || `Pasted text ${new Date().toLocaleString()}`, text);
}

export function cancelIngest(): void {
  service?.cancel();
}

export async function deleteDocument(docId: string): Promise<void> {
  await service?.deleteDocument(docId);
}

/** Re-chunks and re-embeds what the current embedder and settings did not make. */
export async function reindexLibrary(): Promise<void> {
  await service?.reindexStale();
}

export async function applyChunkOptions(options: ChunkOptions): Promise<void> {
  chunkOptions.value = options;
  await store?.setSetting('chunkOptions', options);
  await reindexLibrary();
}

/** Forgets finished entries (indexed, failed, skipped, cancelled) in the processing list. */
export function clearFinished(): void {
  if (!service || service.busy) return;
  service.queue = [];
  sync();
}

export async function clearLibrary(): Promise<void> {
  await store?.clearDocuments();
  await refreshDocs();
  announce();
}

/** Fetches the demo pack and adds its documents like any other files. */
export async function loadDemoPack(services: Services): Promise<void> {
  demo.value = { state: 'loading', done: 0, total: 0 };
  try {
    const { manifest, files } = await fetchDemoPack(services.baseUrl, (done, total) => (demo.value = { state: 'loading', done, total }));
    // The files go to the ingestion queue; the state keeps only the manifest.
    demo.value = { state: 'loaded', manifest };
    void addFiles(files.map((f) => f.file));
  } catch (e) {
    demo.value = { state: 'failed', message: errorMessage(e) };
  }
}

/** The whole library as a downloadable .zip. */
export async function exportLibraryFile(): Promise<Blob | null> {
  if (!store) return null;
  const bytes = await exportLibrary(store, chunkOptions.value);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

export async function importLibraryFile(file: File): Promise<void> {
  if (!store) return;
  try {
    const result = await importLibrary(store, new Uint8Array(await file.arrayBuffer()));
    await refreshDocs();
    announce();
    const current = selectedEmbedder.value?.entry.id;
    const other = result.embedderIds.filter((id) => id !== current);
    libraryNotice.value = {
      kind: 'info',
      text: `Imported ${result.added.length} document(s)${result.skipped.length ? `; ${result.skipped.length} already in your library were skipped` : ''}.` +
        (other.length ? ` They were embedded with ${other.join(', ')}, not the current embedder ${current ?? ''}: re-embed them below, or pick that embedder in Models.` : ''),
    };
  } catch (e) {
    libraryNotice.value = { kind: 'error', text: errorMessage(e) };
  }
}

/** Imports the model pack's ready-made library (catalog "library"), if the site has one. */
export async function loadPackLibrary(): Promise<void> {
  const load = catalog.value;
  const file = load?.parsed?.catalog.library;
  if (!load || !file) return;
  const res = await fetch(new URL(file, load.baseUrl)).catch(() => null);
  if (!res?.ok) {
    libraryNotice.value = { kind: 'error', text: `The pack's library (models/${file}) could not be fetched${res ? ` (HTTP ${res.status})` : ''}. Check the pack.` };
    return;
  }
  await importLibraryFile(new File([await res.blob()], file));
}

export async function setRetrievalOptions(options: RetrievalOptions): Promise<void> {
  retrievalOptions.value = options;
  await store?.setSetting('retrieval', options);
}

let searching: AbortController | null = null;

/** The Library's search box: the retrieval API without an LLM. A new search cancels the one still running (and its reranking). */
export async function searchLibrary(services: Services, query: string, docFilter?: string[]): Promise<void> {
  if (!query.trim()) return;
  searching?.abort();
  const controller = (searching = new AbortController());
  searchState.value = { state: 'running', query };
  try {
    const response = await services.retriever.retrieve({ ...retrievalOptions.value, query, verify: true, ...(docFilter ? { docFilter } : {}) }, { signal: controller.signal });
    if (controller.signal.aborted) return;
    searchState.value = { state: 'done', query, response };
  } catch (e) {
    if (controller.signal.aborted) return;
    searchState.value = { state: 'failed', query, message: errorMessage(e) };
  }
}

/** Every stored chunk with its document's name (QA synthesis samples from these). */
export async function libraryChunks(): Promise<{ docName: string; ord: number; text: string }[]> {
  if (!store) return [];
  const names = new Map(libraryDocs.value.map((d) => [d.id, d.name]));
  return (await store.allChunks()).flatMap(({ docId, chunks }) => chunks.map((c, ord) => ({ docName: names.get(docId) ?? docId, ord, text: c.text })));
}
