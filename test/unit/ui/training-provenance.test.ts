// @vitest-environment happy-dom
// Evaluate's provenance of a model whose adapter was trained in RAG Lab: the record's
// settings and losses as text, and its stored loss curve drawn by Observable Plot.
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { MergedModelRecord } from '../../../src/finetune/records';
import type { TrainingRecord } from '../../../src/finetune/train/adapter';
import { presets } from '../../../src/finetune/train/settings';
import { TrainingProvenance } from '../../../src/ui/evaluate/views/training-provenance';
import { mergedModels } from '../../../src/ui/finetune/finetune-state';

const record: TrainingRecord = {
  dataset: { id: 'ds-1', name: 'RAFT demo', hash: 'ab'.repeat(32), examples: 12, train: 10, validation: 2 },
  baseModel: 'local/tiny-llama', baseModelName: 'tiny-llama', settings: presets.quick, device: 'webgpu', steps: 4,
  finalLoss: 0.5, finalValidationLoss: 0.75,
  losses: [{ step: 1, loss: 4 }, { step: 2, loss: 2 }, { step: 3, loss: 1 }, { step: 4, loss: 0.5 }],
  validation: [{ step: 2, loss: 2.5 }, { step: 4, loss: 0.75 }],
  truncatedExamples: 1, truncatedTokens: 7, droppedExamples: 0, elapsedMs: 1000, tokens: 400, finishedAt: 0,
};

/** The first element matching `selector` under `root`, as soon as a mutation adds it (the chart is drawn after Plot's lazy import). */
const whenRendered = (root: Element, selector: string): Promise<Element> =>
  new Promise((resolve) => {
    const found = root.querySelector(selector);
    if (found) return resolve(found);
    const observer = new MutationObserver(() => {
      const el = root.querySelector(selector);
      if (el) (observer.disconnect(), resolve(el));
    });
    observer.observe(root, { subtree: true, childList: true });
  });

describe('TrainingProvenance', () => {
  it('shows the record and draws its stored loss curve, train and validation', async () => {
    mergedModels.value = [{ id: 'm1', training: record } as unknown as MergedModelRecord];
    const root = document.createElement('div');
    document.body.append(root);
    render(h(TrainingProvenance, { modelId: 'm1' }), root);
    const text = root.querySelector('[data-testid="training-provenance"]')!.textContent!;
    expect(text).toContain('dataset RAFT demo (ds-1, 12 examples: 10 train / 2 validation');
    expect(text).toContain('final loss 0.5000, validation 0.7500');
    const svg = await whenRendered(root, '[data-testid="provenance-loss-chart"] svg[aria-label="Training loss"]');
    expect(svg.getAttribute('aria-description')).toBe('train loss 0.500, validation loss 0.750, after 4 of 4 steps');
    render(null, root);
  });

  it('shows nothing for a model that was not trained here', () => {
    mergedModels.value = [{ id: 'm2' } as unknown as MergedModelRecord];
    const root = document.createElement('div');
    render(h(TrainingProvenance, { modelId: 'm2' }), root);
    expect(root.innerHTML).toBe('');
  });
});
