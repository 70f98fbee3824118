// The app's stores over one IndexedDB connection. The main thread opens this
// once (ui/database.ts), so one version-change handler covers every store: when
// another tab upgrades the schema, all of them step aside together. Workers and
// scripts open their own connection with each store's `open`.
import { openLabDatabase, type StoreHooks } from './db';
import { EvalStore } from './eval-store';
import { FinetuneStore } from './finetune-store';
import { LibraryStore } from './library-store';
import { TrainingStore } from './training-store';

export interface LabStores {
  library: LibraryStore;
  eval: EvalStore;
  finetune: FinetuneStore;
  training: TrainingStore;
}

/** Opens the database once and builds every store on that one connection. */
export async function openLabStores(name?: string, hooks: StoreHooks = {}): Promise<LabStores> {
  const db = await openLabDatabase(name, hooks);
  return { library: new LibraryStore(db), eval: new EvalStore(db), finetune: new FinetuneStore(db), training: new TrainingStore(db) };
}
