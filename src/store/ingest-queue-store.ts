// The persisted ingestion queue: files wait here, in IndexedDB, from the moment
// they are added until their document is committed. A record is removed only in
// the document's own transaction (LibraryStore.addDocument with `dequeue`) or,
// for a file that ends without a document (failed, skipped, cancelled), after
// that outcome is known. A reload or a closed tab therefore loses no file.
import type { IDBPDatabase } from 'idb';
import { StoreError, isQuotaError, tKey } from '../shared/errors';
import type { ChunkOptions } from '../shared/library-types';
import { atomic } from './db';
import type { LibraryDB, QueueProblem, QueuedFileRecord } from './schema';

/** A file or pasted text to put in the queue. */
export type QueueEntry = { name: string; chunkOptions: ChunkOptions } & ({ file: Blob } | { text: string });

/** A queued record as the service uses it: the id is always set, and a file has its name back. */
export interface QueuedFile extends QueuedFileRecord {
  id: number;
}

export class IngestQueueStore {
  constructor(private readonly db: IDBPDatabase<LibraryDB>) {}

  /**
   * Puts entries at the end of the queue in one transaction of its own, and
   * resolves with their ids once it is committed: only then may work start.
   */
  async enqueue(entries: QueueEntry[]): Promise<number[]> {
    const tx = this.db.transaction('ingestQueue', 'readwrite');
    const addedAt = Date.now();
    const ids: Promise<number>[] = [];
    try {
      await atomic(tx, (track) => {
        for (const e of entries) {
          const request = tx.store.add({
            name: e.name,
            size: 'file' in e ? e.file.size : new TextEncoder().encode(e.text).length,
            source: 'file' in e ? { kind: 'file', file: e.file } : { kind: 'text', text: e.text },
            chunkOptions: e.chunkOptions,
            addedAt,
          });
          ids.push(request);
          track(request);
        }
      });
    } catch (e) {
      if (isQuotaError(e)) {
        throw new StoreError(tKey('errors:store.queueQuota'), { cause: e });
      }
      throw e;
    }
    return Promise.all(ids);
  }

  /** Every waiting record, in the order it was added. */
  async list(): Promise<QueuedFile[]> {
    return (await this.db.getAll('ingestQueue')).map(withName);
  }

  async count(): Promise<number> {
    return this.db.count('ingestQueue');
  }

  /** Takes records off the queue (their files ended without a document, or the person forgot them). */
  async remove(ids: number[]): Promise<void> {
    const tx = this.db.transaction('ingestQueue', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }

  /** Marks records that cannot be resumed, so that no tab works them until the person decides. */
  async markProblem(ids: number[], problem: QueueProblem): Promise<void> {
    const tx = this.db.transaction('ingestQueue', 'readwrite');
    const records = await Promise.all(ids.map((id) => tx.store.get(id)));
    await Promise.all([...records.flatMap((r) => (r ? [tx.store.put({ ...r, problem })] : [])), tx.done]);
  }

  /** Empties the queue (Cancel). */
  async clear(): Promise<void> {
    await this.db.clear('ingestQueue');
  }
}

/** Browsers other than Chromium, and Node, may give a stored File back as a plain Blob: the name is kept apart. */
function withName(r: QueuedFileRecord): QueuedFile {
  const file = r.source.kind === 'file' ? r.source.file : null;
  const source = file instanceof Blob && !(file instanceof File) ? { kind: 'file' as const, file: new File([file], r.name) } : r.source;
  return { ...r, id: r.id!, source };
}
