// Library actions: the only code that drives the LibraryService and the
// store from the UI, and writes the library state. The protocol between tabs is
// library-tabs.ts; the search box is search-actions.ts.
import { KnowledgeGraph } from '../../graph/knowledge-graph';
import { LibraryService } from '../../library/library-service';
import { demoPacks, fetchDemoPack, type DemoPackInfo } from '../../demo/demo-pack';
import { tKey, type Translatable } from '../../shared/errors';
import type { ChunkOptions } from '../../shared/library-types';
import type { RetrievalOptions } from '../../shared/search-api';
import { exportLibrary, importLibrary } from '../../store/library-export';
import { detectPromptLanguage, type PromptLanguage } from '../../shared/language';
import type { LibraryStore } from '../../store/library-store';
import { stores } from '../database';
import { formatDate } from '../format';
import { errorText, messageOf, t } from '../i18n/i18n';
import { ensureEmbedder, refreshStorage, type Services } from '../actions';
import { announceCancel, announceChange, announceQueued, openTabChannel, queueWorkedElsewhere, shareProgress, withQueueLock, type TabMessage } from './library-tabs';
import { retrievalOptions, chunkOptions, ingestBlocked, ingestBusy, ingestElsewhere, ingestProgress, ingestQueue, libraryDocs, libraryEmbedderId, libraryNotice, libraryReady, stuckFiles } from './library-state';
import { builtinEmbedder, catalog, databaseNotice, demo, embedders, pickedEmbedderId, selectedEmbedder } from '../state';

let store: LibraryStore | null = null;
let service: LibraryService | null = null;
let askedPersist = false;
let markOpen: () => void = () => undefined;
/** Resolves once the library is open: files added earlier wait for it instead of being lost. */
const whenOpen = new Promise<void>((resolve) => (markOpen = resolve));

let retriever: Services['retriever'] | null = null;
let search: Services['search'] | null = null;

/**
 * Has the search worker compact the vectors (blocks into segments, segments of older versions into OPFS files,
 * files no record names removed: LibraryStore.compact), then load the library. After start-up and an import.
 */
function compactThenSync(): void {
  void (search?.compact() ?? Promise.resolve(0))
    .catch((e: unknown) => (console.warn('Vector compaction skipped:', e), 0))
    .then((made) => (made && retriever?.invalidate(), retriever?.sync()))
    .catch((e: unknown) => console.warn('Search index not loaded yet:', e));
}

async function refreshDocs(): Promise<void> {
  retriever?.invalidate();
  if (!store) return;
  libraryDocs.value = await store.listDocuments();
  void refreshStorage();
}

/** The language of each document (from its first chunks), for the embedder suggestion; at most `limit` documents are read. */
export async function documentLanguages(limit = 200): Promise<PromptLanguage[]> {
  const s = store;
  if (!s) return [];
  return Promise.all(libraryDocs.value.slice(0, limit).map(async (d) => detectPromptLanguage((await s.getChunks(d.id)).slice(0, 3).map((c) => c.text).join('\n'))));
}

/** A document's stored triples changed (the LLM extractor): the search worker re-reads the graph, and so do other tabs. */
export function triplesChanged(): void {
  retriever?.invalidate();
  announceChange();
}

function sync(stored = false): void {
  if (!service) return;
  ingestQueue.value = service.queue;
  ingestProgress.value = service.busy ? service.progress : null;
  ingestBusy.value = service.busy;
  ingestBlocked.value = service.blocked;
  ingestElsewhere.value = false;
  shareProgress(service.owner, service.busy, service.queue, service.progress);
  // The document list is re-read only when documents changed, not on every progress step.
  if (stored) void refreshDocs();
}

function onTabMessage(message: TabMessage): void {
  if (message === 'changed') return void refreshDocs();
  if (!service) return;
  if (message.type === 'queued') {
    // The working tab takes the new files in; the others stand by to take over if it goes away.
    void service.workQueue();
  } else if (message.type === 'cancel') {
    service.cancel();
  } else if (message.type === 'progress' && !service.busy && (message.busy || ingestBusy.value)) {
    // Another tab works the queue: show its progress here.
    ingestQueue.value = message.queue;
    ingestProgress.value = message.busy ? message.progress : null;
    ingestBusy.value = message.busy;
    ingestElsewhere.value = message.busy;
  }
}

async function hasRoom(bytes: number): Promise<boolean> {
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  if (!estimate?.quota || estimate.usage === undefined) return true;
  return estimate.quota - estimate.usage > bytes;
}

/** Opens the library (IndexedDB), cleans up, restores settings, and listens to other tabs. */
export async function openLibrary(services: Services): Promise<void> {
  retriever = services.retriever;
  search = services.search;
  try {
    store = (await stores()).library;
    // The shared connection closes when another tab upgrades the schema (the app-wide notice says to reload).
    databaseNotice.subscribe((n) => n?.reload && (store = null));
  } catch (e) {
    libraryNotice.value = { kind: 'error', text: messageOf(e) };
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
    embedderChoice: () => selectedEmbedder.value,
    chunkOptions: () => chunkOptions.value,
    onChange: (stored) => {
      sync(stored);
      if (stored) announceChange();
    },
    onQueued: announceQueued,
    withQueueLock,
    hasRoom,
    // The knowledge graph's triples (docs/graph.md), extracted in the ingest worker, stored with each document.
    triples: (docId, parsed, chunks) => services.ingest.extractTriples(docId, parsed, chunks),
    compact: () => services.search.compact(),
    onStored: () => {
      if (askedPersist) return;
      askedPersist = true;
      // Ask once: without it the browser may evict the library under storage pressure.
      void navigator.storage?.persist?.().then(() => refreshStorage());
    },
  });
  openTabChannel(onTabMessage);
  await refreshDocs();
  libraryReady.value = true;
  markOpen();
  await resumeQueue();
  // Vectors go into the search worker at start-up, not at the first query (compacted first).
  if (libraryDocs.value.length) compactThenSync();
}

export async function addFiles(files: File[]): Promise<void> {
  if (!files.length) return;
  await whenOpen;
  await service?.addFiles(files);
}

export async function addPastedText(name: string, text: string): Promise<void> {
  await whenOpen;
  // The default title is stored with the document, so it is written in the language of the moment.
  const date = formatDate(new Date(), { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  await service?.addText(name.trim() || t('library:paste.defaultName', { date }), text);
}

/** The files that waited for an embedder that could not be downloaded: try the same one again. */
export async function retryWaitingFiles(): Promise<void> {
  await service?.retry();
}

/** The files that waited for an embedder that could not be downloaded: index them with the site's built-in one. */
export async function indexWaitingWithBuiltin(): Promise<void> {
  const builtin = builtinEmbedder.value;
  if (!builtin) return;
  pickedEmbedderId.value = builtin.entry.id;
  await service?.retry();
}

export function cancelIngest(): void {
  service?.cancel();
  // The tab that works the queue may be another one.
  announceCancel();
}

/** Picks up what a previous visit (or a closed tab) left in the persisted queue. */
async function resumeQueue(): Promise<void> {
  if (!service) return;
  try {
    // Asked before resuming, which may take the lock itself: is another open tab working the queue right now?
    const elsewhere = await queueWorkedElsewhere();
    const { waiting, problems } = await service.resume();
    stuckFiles.value = problems.map((p) => ({ id: p.id, name: p.name, size: p.size, problem: p.problem ?? 'unreadable' }));
    if (waiting && elsewhere) {
      libraryNotice.value = { kind: 'info', text: tKey('library:notice.resumingElsewhere', { count: waiting }) };
    } else if (waiting) {
      libraryNotice.value = { kind: 'info', text: tKey('library:notice.resuming', { count: waiting }) };
    }
  } catch (e) {
    libraryNotice.value = { kind: 'error', text: tKey('library:notice.resumeFailed', { detail: errorText(e) }) };
  }
}

/** Forgets the leftover files that could not be resumed. */
export async function forgetStuckFiles(): Promise<void> {
  await store?.queue.remove(stuckFiles.value.map((f) => f.id));
  stuckFiles.value = [];
}

/** The person picked the files again: the stuck records go, the picked files are added as new. */
export async function addStuckFilesAgain(files: File[]): Promise<void> {
  if (!files.length) return;
  await forgetStuckFiles();
  await addFiles(files);
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
  announceChange();
}

/** Fetches a demo pack (English by default) and adds its documents like any other files. */
export async function loadDemoPack(services: Services, pack: DemoPackInfo = demoPacks[0]!): Promise<void> {
  demo.value = { state: 'loading', done: 0, total: 0 };
  try {
    const { manifest, files } = await fetchDemoPack(services.baseUrl, (done, total) => (demo.value = { state: 'loading', done, total }), undefined, pack.folder);
    // The files go to the ingestion queue; the state keeps only the manifest.
    demo.value = { state: 'loaded', manifest };
    void addFiles(files.map((f) => f.file));
  } catch (e) {
    demo.value = { state: 'failed', message: messageOf(e) };
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
    announceChange();
    compactThenSync();
    const current = selectedEmbedder.value?.entry.id;
    const other = result.embedderIds.filter((id) => id !== current);
    const text: Translatable[] = [
      result.skipped.length
        ? tKey('library:notice.importedSkipped', { count: result.added.length, skipped: result.skipped.length })
        : tKey('library:notice.imported', { count: result.added.length }),
    ];
    if (other.length) text.push(tKey('library:notice.importedOtherEmbedder', { embedders: other.join(', '), current: current ?? '' }));
    libraryNotice.value = { kind: 'info', text };
  } catch (e) {
    libraryNotice.value = { kind: 'error', text: messageOf(e) };
  }
}

/** Imports the model pack's ready-made library (catalog "library"), if the site has one. */
export async function loadPackLibrary(): Promise<void> {
  const load = catalog.value;
  const file = load?.parsed?.catalog.library;
  if (!load || !file) return;
  const res = await fetch(new URL(file, load.baseUrl)).catch(() => null);
  if (!res?.ok) {
    libraryNotice.value = {
      kind: 'error',
      text: res ? tKey('library:notice.packLibraryHttp', { file, status: res.status }) : tKey('library:notice.packLibraryMissing', { file }),
    };
    return;
  }
  await importLibraryFile(new File([await res.blob()], file));
}

/** Writes a library setting (kept with the library, so the next visit starts with it). */
export async function saveLibrarySetting(key: 'retrieval', value: RetrievalOptions): Promise<void> {
  await store?.setSetting(key, value);
}

/** The knowledge graph of the stored documents' triples (RoG datasets), or null when there is no library. */
export async function libraryGraph(): Promise<KnowledgeGraph | null> {
  if (!store) return null;
  return KnowledgeGraph.from((await store.graph.all()).map((t) => [t.docId, t.triples]));
}

/** Every stored chunk with its document's name (QA synthesis samples from these). */
export async function libraryChunks(): Promise<{ docName: string; ord: number; text: string }[]> {
  if (!store) return [];
  const names = new Map(libraryDocs.value.map((d) => [d.id, d.name]));
  return (await store.allChunks()).flatMap(({ docId, chunks }) => chunks.map((c, ord) => ({ docName: names.get(docId) ?? docId, ord, text: c.text })));
}
