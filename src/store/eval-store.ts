// QA sets, eval runs and their results. A result is one record, written the
// moment it exists: a closed tab loses at most the answer being generated.
import type { IDBPDatabase } from 'idb';
import type { TrainingUse } from '../eval/leakage';
import type { EvalResult, EvalRun, QaSet } from '../eval/types';
import { openLabDatabase, writeOrExplainQuota, type StoreHooks } from './db';
import type { LibraryDB } from './schema';

export class EvalStore {
  /** Wraps an open connection; see openLabStores for the app's shared one. */
  constructor(private readonly db: IDBPDatabase<LibraryDB>) {}

  static async open(name?: string, hooks: StoreHooks = {}): Promise<EvalStore> {
    return new EvalStore(await openLabDatabase(name, hooks));
  }

  close(): void {
    this.db.close();
  }

  async listQaSets(): Promise<QaSet[]> {
    return (await this.db.getAll('qaSets')).sort((a, b) => a.createdAt - b.createdAt);
  }

  getQaSet(id: string): Promise<QaSet | undefined> {
    return this.db.get('qaSets', id);
  }

  async putQaSet(set: QaSet): Promise<void> {
    await writeOrExplainQuota('the QA set', () => this.db.put('qaSets', set));
  }

  /** Deletes a QA set; runs made on it keep their results (and its hash). */
  async deleteQaSet(id: string): Promise<void> {
    await this.db.delete('qaSets', id);
  }

  async listRuns(): Promise<EvalRun[]> {
    return (await this.db.getAll('evalRuns')).sort((a, b) => b.createdAt - a.createdAt);
  }

  getRun(id: string): Promise<EvalRun | undefined> {
    return this.db.get('evalRuns', id);
  }

  async putRun(run: EvalRun): Promise<void> {
    await writeOrExplainQuota('the eval run', () => this.db.put('evalRuns', run));
  }

  /** A run and all its results, in one transaction. */
  async deleteRun(id: string): Promise<void> {
    const tx = this.db.transaction(['evalRuns', 'evalResults'], 'readwrite');
    const keys = await tx.objectStore('evalResults').index('byRun').getAllKeys(id);
    await Promise.all([...keys.map((k) => tx.objectStore('evalResults').delete(k)), tx.objectStore('evalRuns').delete(id), tx.done]);
  }

  async putResult(result: EvalResult): Promise<void> {
    await writeOrExplainQuota('the latest eval result', () => this.db.put('evalResults', result));
  }

  results(runId: string): Promise<EvalResult[]> {
    return this.db.getAllFromIndex('evalResults', 'byRun', runId);
  }

  async resultKeys(runId: string): Promise<Set<string>> {
    const keys = await this.db.getAllKeysFromIndex('evalResults', 'byRun', runId);
    return new Set(keys.map(([, key]) => key));
  }

  trainingUses(): Promise<TrainingUse[]> {
    return this.db.getAll('trainingUses');
  }

  async putTrainingUse(use: TrainingUse): Promise<void> {
    await writeOrExplainQuota('the training record', () => this.db.put('trainingUses', use));
  }
}
