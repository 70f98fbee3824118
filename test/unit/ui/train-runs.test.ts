// @vitest-environment happy-dom
// Fine-tune's table of training runs: what Resume offers for each kind of stopped run. A diverged run resumed as it
// was would diverge again, so it offers a learning rate ten times lower instead (the run's own message, from
// src/finetune/train/run.ts, and the stop itself are tested in test/unit/finetune/train-run.test.ts).
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { TrainingRunRecord } from '../../../src/finetune/records';
import { presets } from '../../../src/finetune/train/settings';
import type { Services } from '../../../src/ui/actions';
import { trainRuns } from '../../../src/ui/finetune/train-state';
import { mergedModels } from '../../../src/ui/finetune/finetune-state';
import { TrainPanel } from '../../../src/ui/finetune/views/train-panel';

const run = (name: string, over: Partial<TrainingRunRecord>): TrainingRunRecord => ({
  id: name, name, dataset: { id: 'd', name: 'sft-demo', hash: '0'.repeat(64) }, examples: [], baseModel: 'local/tiny-llama',
  baseLabel: 'Tiny Llama fixture', baseModelName: 'tiny-llama', settings: { ...presets.quick, lr: 3e38 }, device: 'webgpu', status: 'failed',
  checkpoint: { step: 1, totalSteps: 2, losses: [{ step: 1, loss: 2.5 }] } as unknown as TrainingRunRecord['checkpoint'],
  prepared: { train: 5, validation: 1, truncatedExamples: 0, truncatedTokens: 0, droppedExamples: 0 }, createdAt: 0, updatedAt: 0, ...over,
});

describe('the training runs table', () => {
  it('offers a diverged run a ten times lower learning rate, and any other stopped run a plain Resume', () => {
    mergedModels.value = [];
    trainRuns.value = [
      run('run-nan', { diverged: true, message: 'The loss became NaN or infinite at step 2: the run diverged.' }),
      run('run-cut', { status: 'paused', settings: { ...presets.quick, lr: 1e-3 } }),
      run('run-done', { status: 'done', mergedId: 'local/tiny-llama+run-done-00000000' }),
    ];
    const root = document.createElement('div');
    document.body.append(root);
    render(h(TrainPanel, { services: {} as Services }), root);
    const row = (name: string) => root.querySelector(`tr[data-run="${name}"]`)!;
    const labels = (name: string) => [...row(name).querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(row('run-nan').textContent).toContain('the run diverged');
    expect(labels('run-nan')).toContain('Resume run-nan at learning rate 3e+37');
    expect(labels('run-nan')).not.toContain('Resume run-nan');
    expect(labels('run-cut')).toContain('Resume run-cut');
    expect(labels('run-cut').some((l) => l?.includes('learning rate'))).toBe(false);
    // A finished run has nothing to resume.
    expect(labels('run-done').some((l) => l?.startsWith('Resume'))).toBe(false);
    render(null, root);
  });
});
