// LoRA training runs (schema version 6): each run's settings, data, status and its
// latest checkpoint. A checkpoint replaces the previous one in one transaction, so a
// reload mid-write leaves the previous checkpoint whole, never half of each.
import type { IDBPDatabase } from 'idb';
import type { TrainingRunRecord, TrainingRunStatus } from '../finetune/records';
import type { Checkpoint } from '../finetune/train/run';
import { StoreError } from '../shared/errors';
import { openLabDatabase, writeOrExplainQuota, type StoreHooks } from './db';
import type { LibraryDB } from './schema';

export class TrainingStore {
  constructor(private readonly db: IDBPDatabase<LibraryDB>) {}

  static async open(name?: string, hooks: StoreHooks = {}): Promise<TrainingStore> {
    return new TrainingStore(await openLabDatabase(name, hooks));
  }

  async putRun(run: TrainingRunRecord): Promise<void> {
    await writeOrExplainQuota('the training run', () => this.db.put('trainingRuns', run));
  }

  async getRun(id: string): Promise<TrainingRunRecord | undefined> {
    return this.db.get('trainingRuns', id);
  }

  /** Newest first. */
  async listRuns(): Promise<TrainingRunRecord[]> {
    return (await this.db.getAll('trainingRuns')).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Runs that stopped before their last step (paused, or cut off while running) and can resume. */
  async unfinished(): Promise<TrainingRunRecord[]> {
    return (await this.listRuns()).filter((r) => r.status === 'running' || r.status === 'paused');
  }

  /** Replaces the run's checkpoint (and sets its status) in one transaction. */
  async saveCheckpoint(id: string, checkpoint: Checkpoint, status: TrainingRunStatus = 'running'): Promise<void> {
    await this.#update(id, 'the checkpoint', (r) => ({ ...r, checkpoint, status, updatedAt: Date.now() }));
  }

  async setStatus(id: string, status: TrainingRunStatus, patch: Partial<Pick<TrainingRunRecord, 'message' | 'diverged' | 'device' | 'mergedId' | 'adapterHash' | 'prepared'>> = {}): Promise<void> {
    await this.#update(id, 'the training run\'s status', (r) => {
      const next: TrainingRunRecord = { ...r, ...patch, status, updatedAt: Date.now() };
      if (status !== 'failed' && !('message' in patch)) delete next.message;
      if (status !== 'failed' || !patch.diverged) delete next.diverged;
      return next;
    });
  }

  async deleteRun(id: string): Promise<void> {
    await this.db.delete('trainingRuns', id);
  }

  async #update(id: string, what: string, change: (r: TrainingRunRecord) => TrainingRunRecord): Promise<void> {
    await writeOrExplainQuota(what, async () => {
      const tx = this.db.transaction('trainingRuns', 'readwrite');
      const run = await tx.store.get(id);
      if (!run) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new StoreError('This training run was deleted (perhaps in another tab), so nothing was saved.');
      }
      await Promise.all([tx.store.put(change(run)), tx.done]);
    });
  }
}
