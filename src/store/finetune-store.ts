// Fine-tune datasets (with the training-use record the leakage guard reads,
// written in the same transaction) and the merged-model registry.
import type { IDBPDatabase } from 'idb';
import type { TrainingUse } from '../eval/leakage';
import type { DatasetRecord, MergedModelRecord } from '../finetune/records';
import { openLabDatabase, writeOrExplainQuota, type StoreHooks } from './db';
import type { LibraryDB } from './schema';

export class FinetuneStore {
  /** Wraps an open connection; see openLabStores for the app's shared one. */
  constructor(private readonly db: IDBPDatabase<LibraryDB>) {}

  static async open(name?: string, hooks: StoreHooks = {}): Promise<FinetuneStore> {
    return new FinetuneStore(await openLabDatabase(name, hooks));
  }

  /** Stores a dataset and the record of the questions it used for training, atomically. */
  async putDataset(dataset: DatasetRecord, use: TrainingUse): Promise<void> {
    await writeOrExplainQuota('the dataset', async () => {
      const tx = this.db.transaction(['datasets', 'trainingUses'], 'readwrite');
      await Promise.all([
        tx.objectStore('datasets').put(dataset),
        tx.objectStore('trainingUses').put(use),
        tx.done,
      ]);
    });
  }

  async listDatasets(): Promise<DatasetRecord[]> {
    return (await this.db.getAll('datasets')).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Deleting a dataset keeps its training-use record: a model may have been trained on it already. */
  async deleteDataset(id: string): Promise<void> {
    await this.db.delete('datasets', id);
  }

  async listMerged(): Promise<MergedModelRecord[]> {
    return (await this.db.getAll('mergedModels')).sort((a, b) => a.createdAt - b.createdAt);
  }

  async putMerged(record: MergedModelRecord): Promise<void> {
    await writeOrExplainQuota('the fine-tuned model\'s registration', () => this.db.put('mergedModels', record));
  }

  async deleteMerged(id: string): Promise<void> {
    await this.db.delete('mergedModels', id);
  }
}
