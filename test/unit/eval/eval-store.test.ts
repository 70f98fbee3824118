import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EvalStore } from '../../../src/store/eval-store';
import { LibraryStore } from '../../../src/store/library-store';
import { makeQaSet } from '../../../src/eval/qa-set';
import { trainingUse } from '../../../src/eval/leakage';
import { StoreError } from '../../../src/shared/errors';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('schema version 2', () => {
  it('upgrades a version-1 library in place: documents kept, eval stores added', async () => {
    const v1 = await openDB('lab', 1, {
      upgrade(db) {
        db.createObjectStore('documents', { keyPath: 'id' }).createIndex('byHash', 'hash', { unique: true });
      },
    });
    await v1.put('documents', { id: 'd1', name: 'a.md', hash: 'h', addedAt: 1 });
    v1.close();
    const library = await LibraryStore.open('lab');
    expect((await library.listDocuments()).map((d) => d.id)).toEqual(['d1']);
    const evals = await EvalStore.open('lab');
    const set = await makeQaSet('s', 'import', [{ id: 'q', question: 'Q?', answer: 'A', split: 'test' }]);
    await evals.putQaSet(set);
    await evals.putTrainingUse(trainingUse('ds', 'DS', set.id, set.items));
    expect((await evals.listQaSets()).map((s) => s.id)).toEqual([set.id]);
    expect((await evals.trainingUses())[0]!.questionKeys).toEqual(['q']);
  });

  it('a full disk while saving a result says what to do', async () => {
    const evals = await EvalStore.open('full');
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw quota;
    };
    try {
      await expect(evals.putResult({ runId: 'r', key: 'base:a' } as never)).rejects.toThrow(StoreError);
      await expect(evals.putResult({ runId: 'r', key: 'base:a' } as never)).rejects.toThrow(/storage is full.*Everything saved before is kept/);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });
});
