// Storage used and quota for this origin (IndexedDB, Cache API and OPFS together).

export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

export async function probeStorage(): Promise<StorageInfo | null> {
  if (!navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  const persisted = (await navigator.storage.persisted?.()) ?? false;
  return { usage, quota, persisted };
}

