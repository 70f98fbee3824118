// Reactive state of the Library view. Written only by library-actions.ts and search-actions.ts.
import { signal } from '@preact/signals';
import type { Blocked, Progress, QueueItem } from '../../library/library-service';
import type { ChunkOptions } from '../../shared/library-types';
import { defaultChunkOptions } from '../../shared/library-types';
import type { DocumentRecord, QueueProblem } from '../../store/schema';
import type { Message } from '../i18n/i18n';
import { defaultRetrievalOptions, type RetrievalOptions, type RetrievalResponse } from '../../shared/search-api';

export const libraryDocs = signal<DocumentRecord[]>([]);
export const libraryReady = signal(false);
export const ingestQueue = signal<QueueItem[]>([]);
export const ingestProgress = signal<Progress | null>(null);
export const ingestBusy = signal(false);
/** The progress shown is another tab's: that tab holds the queue lock and works the queue. */
export const ingestElsewhere = signal(false);
/** Files left in the persisted queue that cannot be resumed: listed until added again or forgotten. */
export const stuckFiles = signal<{ id: number; name: string; size: number; problem: QueueProblem }[]>([]);
/** The embedder could not be downloaded: the files wait, queued, until retried (docs/library.md). */
export const ingestBlocked = signal<Blocked | null>(null);
export const chunkOptions = signal<ChunkOptions>(defaultChunkOptions);
/** The embedder the stored library was indexed with, if any. */
export const libraryEmbedderId = signal<string | null>(null);

export type Notice = { kind: 'info' | 'error'; text: Message; reload?: boolean };
export const libraryNotice = signal<Notice | null>(null);

/** Retrieval settings, shared by every view that retrieves (persisted in the library's settings). */
export const retrievalOptions = signal<RetrievalOptions>(defaultRetrievalOptions);

export type SearchState =
  | { state: 'idle' }
  | { state: 'running'; query: string }
  | { state: 'done'; query: string; response: RetrievalResponse }
  | { state: 'failed'; query: string; message: string };
export const searchState = signal<SearchState>({ state: 'idle' });
