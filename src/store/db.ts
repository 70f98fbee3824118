// Opens the app's one IndexedDB database. The library and eval stores each hold
// a connection; both step aside when another tab upgrades the schema.
import { openDB, type IDBPDatabase } from 'idb';
import { StoreError, isQuotaError } from '../shared/errors';
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
    throw new StoreError(`This browser's storage (IndexedDB) could not be opened: ${(e as Error).message}. Private windows and some privacy settings disable it.`, { cause: e });
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
