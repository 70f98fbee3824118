// Training runs in IndexedDB (fake-indexeddb): checkpoints replace each other whole,
// typed arrays come back as they went in, unfinished runs are found, and version 6
// only adds its store to an older database.
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TrainingRunRecord } from '../../src/finetune/records';
import type { Checkpoint } from '../../src/finetune/train/run';
import { presets } from '../../src/finetune/train/settings';
import { StoreError } from '../../src/shared/errors';
import { FinetuneStore } from '../../src/store/finetune-store';
import { TrainingStore } from '../../src/store/training-store';
import { freshDb } from './helpers';

function run(id: string, createdAt = 1): TrainingRunRecord {
  return {
    id, name: 'adapter', dataset: { id: 'd1', name: 'raft', hash: 'abc' }, examples: [{ prompt: 'p', completion: 'c' }],
    baseModel: 'local/tiny-llama', baseLabel: 'Tiny Llama', baseModelName: 'tiny-llama', settings: presets.quick, device: 'webgpu',
    status: 'running', checkpoint: null, prepared: { train: 1, validation: 0, truncatedExamples: 0, truncatedTokens: 0, droppedExamples: 0 },
    createdAt, updatedAt: createdAt,
  };
}

function checkpoint(step: number): Checkpoint {
  const pair = () => ({ A: Float32Array.from([step, 0.5]), B: Float32Array.from([-step, 0.25]) });
  return {
    step, totalSteps: 10, state: { step, lora: { 'model.layers.0.self_attn.q_proj': pair() }, m: { 'model.layers.0.self_attn.q_proj': pair() }, v: null },
    losses: Array.from({ length: step }, (_, i) => ({ step: i + 1, loss: 5 - i })), validation: [], rng: { seed: 42, epoch: 0 }, order: [2, 0, 1], elapsedMs: 100 * step, tokens: 30 * step,
  };
}

let store: TrainingStore;
beforeEach(async () => void (store = await freshDb(() => TrainingStore.open('train'))));

describe('TrainingStore', () => {
  it('a checkpoint replaces the previous one whole, and its typed arrays come back as Float32Array', async () => {
    await store.putRun(run('r1'));
    await store.saveCheckpoint('r1', checkpoint(2));
    await store.saveCheckpoint('r1', checkpoint(4), 'paused');
    const got = (await store.getRun('r1'))!;
    expect(got.status).toBe('paused');
    expect(got.checkpoint!.step).toBe(4);
    expect(got.checkpoint!.losses).toHaveLength(4);
    const pair = got.checkpoint!.state.lora['model.layers.0.self_attn.q_proj']!;
    expect(pair.A).toBeInstanceOf(Float32Array);
    expect([...pair.A, ...pair.B]).toEqual([4, 0.5, -4, 0.25]);
    expect(got.checkpoint!.state.m!['model.layers.0.self_attn.q_proj']!.A[0]).toBe(4);
  });

  it('lists the runs that can resume (running or paused), newest first', async () => {
    await store.putRun(run('old', 1));
    await store.putRun(run('new', 3));
    await store.putRun(run('done', 2));
    await store.setStatus('done', 'done');
    await store.setStatus('old', 'paused');
    expect((await store.unfinished()).map((r) => r.id)).toEqual(['new', 'old']);
  });

  it('a failed run keeps its last checkpoint and says why; a later status clears the message', async () => {
    await store.putRun(run('r1'));
    await store.saveCheckpoint('r1', checkpoint(3));
    await store.setStatus('r1', 'failed', { message: 'The loss became NaN' });
    expect(await store.getRun('r1')).toMatchObject({ status: 'failed', message: 'The loss became NaN', checkpoint: { step: 3 } });
    await store.setStatus('r1', 'running');
    expect((await store.getRun('r1'))!.message).toBeUndefined();
    // A diverged run is marked so (Resume offers a lower learning rate); any later status clears the mark.
    await store.setStatus('r1', 'failed', { message: 'The loss became NaN', diverged: true });
    expect((await store.getRun('r1'))!.diverged).toBe(true);
    await store.setStatus('r1', 'running');
    expect((await store.getRun('r1'))!.diverged).toBeUndefined();
    await store.setStatus('r1', 'failed', { message: 'The GPU device was lost' });
    expect((await store.getRun('r1'))!.diverged).toBeUndefined();
  });

  it('a checkpoint for a deleted run is refused with a StoreError, and writes nothing', async () => {
    await expect(store.saveCheckpoint('gone', checkpoint(1))).rejects.toBeInstanceOf(StoreError);
    expect(await store.listRuns()).toEqual([]);
  });

  it('upgrading a version 4 database adds the training runs store (version 6) and keeps what it held', async () => {
    const old = await openDB('v4', 4, { upgrade: (db) => db.createObjectStore('datasets', { keyPath: 'id' }) });
    await old.put('datasets', { id: 'kept', createdAt: 1 });
    old.close();
    // Opening at the current version runs only the steps above 4 (the earlier stores would exist already).
    const upgraded = await FinetuneStore.open('v4');
    expect((await upgraded.listDatasets()).map((d) => d.id)).toEqual(['kept']);
    const runs = await TrainingStore.open('v4');
    expect(await runs.listRuns()).toEqual([]);
  });
});
