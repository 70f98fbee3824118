// Opens the app's one IndexedDB database (one connection per thread: see stores.ts),
// and the transaction helpers every store shares.
import { openDB, type IDBPDatabase } from 'idb';
import { StoreError, isQuotaError, tKey } from '../shared/errors';
import { dbName, dbVersion, upgrade, type LibraryDB } from './schema';

export interface StoreHooks {
  /** Another tab opened a newer schema: this tab's connection was closed. */
  onVersionChange?: () => void;
  /** This tab's upgrade waits for other tabs to close their older connections. */
  onBlocked?: () => void;
}

export async function openLabDatabase(name = dbName, hooks: StoreHooks = {}): Promise<IDBPDatabase<LibraryDB>> {
  try {
    const db = await openDB<LibraryDB>(name, dbVersion, {
      upgrade: (database, oldVersion) => upgrade(database, oldVersion),
      blocked: () => hooks.onBlocked?.(),
      blocking: () => {
        // Let the other tab upgrade instead of blocking it; this tab asks for a reload.
        db.close();
        hooks.onVersionChange?.();
      },
    });
    return db;
  } catch (e) {
    throw new StoreError(tKey('errors:store.unavailable', { detail: (e as Error).message }), { cause: e });
  }
}

/** Runs one write; a full disk becomes a StoreError that says what was not saved and what to do. */
export async function writeOrExplainQuota<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (isQuotaError(e)) {
      throw new StoreError(`The browser's storage is full, so ${what} could not be saved. Delete old eval runs, datasets or documents, or free disk space, then try again. Everything saved before is kept.`, { cause: e });
    }
    throw e;
  }
}

/**
 * Runs a transaction's requests and waits for the commit. If anything fails,
 * synchronously (a value IndexedDB cannot clone) or not, the whole transaction
 * is aborted: requests already queued in it are rolled back too.
 */
export async function atomic(tx: { abort(): void; done: Promise<void>; error: DOMException | null }, issue: (track: (request: Promise<unknown>) => void) => void): Promise<void> {
  const pending: Promise<unknown>[] = [];
  // Each request is tracked as it is issued: one that fails after a later call threw must not go unhandled.
  const track = (request: Promise<unknown>) => void pending.push(request);
  try {
    issue(track);
    await Promise.all([...pending, tx.done]);
  } catch (e) {
    for (const p of pending) p.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already aborted by the failing request.
    }
    await tx.done.catch(() => undefined);
    // The requests that were merely rolled back reject with AbortError; report the cause.
    throw (e as { name?: string }).name === 'AbortError' && tx.error ? tx.error : e;
  }
}
