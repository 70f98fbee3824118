// Training runs end to end in Node (Wasm) on one fixture family: learning on a RAFT dataset from the demo pack, and
// memorising a small set (checked by greedy decoding with the plain-TypeScript reference and the exported PEFT files,
// an independent forward), and the merge. train-run-<family>.test.ts call it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDevice, init } from '@jax-js/jax';
import { beforeAll, describe, expect, it } from 'vitest';
import { adapterFiles } from '../../../src/finetune/train/adapter';
import type { PromptCompletion } from '../../../src/finetune/train/data';
import { runTraining } from '../../../src/finetune/train/run';
import { openSession, readBase } from '../../../src/finetune/train/session';
import { allModules, presets, type TrainSettings } from '../../../src/finetune/train/settings';
import { mergeModel } from '../../../src/finetune/merge-job';
import { renderExample } from '../../../src/finetune/render';
import { sftExample } from '../../../src/finetune/datasets';
import type { QaItem } from '../../../src/eval/types';
import { parseAdapter, planDeltas } from '../../../src/llm/lora/peft';
import { loadTensors, type TensorCache } from '../../../src/llm/mlc/tensor-cache';
import { ReferenceModel } from '../../../src/llm/reference/model';
import { completionLoss, fixtureModelsDir } from '../helpers';
import { demoRaftDataset, loadFixtureModel } from './train-helpers';

export const reader = (model: string) => async (f: string) => {
  const b = readFileSync(join(fixtureModelsDir, model, f));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
export const settings = (over: Partial<TrainSettings>): TrainSettings => ({
  ...presets.quick, targets: allModules, r: 16, alpha: 16, lr: 3e-2, maxGradNorm: 0, batchSize: 2, valShare: 0, checkpointEvery: 1000, evalEvery: 1000, ...over,
});

/** Question → gold answer pairs from the demo pack's train split (the SFT kind), rendered with the model's template. */
export function demoSft(model: string, count: number): PromptCompletion[] {
  const template = JSON.parse(readFileSync(join(fixtureModelsDir, model, 'mlc-chat-config.json'), 'utf8')).conv_template;
  return readFileSync(join('public', 'demo', 'qa.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as QaItem)
    .filter((i) => i.split === 'train' && i.answer !== null).slice(0, count).map((i) => renderExample(template, sftExample(i)));
}

/** The end-to-end training checks on one fixture family (a file a family, so that Vitest runs them in parallel). */
export function describeTrainingRun(family: 'llama' | 'qwen2' | 'qwen3'): void {
  const model = `tiny-${family}`;
  beforeAll(async () => {
    await init('wasm');
    defaultDevice('wasm');
  });
  describe(`training ${model}`, () => {
    it('lowers the loss on a RAFT dataset from the demo pack\'s train split by at least 90% (checked with the reference forward)', async () => {
      const data = demoRaftDataset(model, 2);
      expect(data).toHaveLength(2);
      expect(data[0]!.completion).toMatch(/##begin_quote##.+##end_quote##.*<ANSWER>:/s);
      const s = settings({ steps: 60, maxLength: 160 });
      const session = await openSession(reader(model), model, data, s, { device: 'wasm' });
      expect(session.prepared.truncatedExamples).toBe(2); // RAFT prompts are longer than 160 tokens: cut from the left
      const { checkpoint } = await runTraining(session.trainer, session.data, s);
      session.dispose();
      expect(checkpoint.losses.at(-1)!.loss).toBeLessThan(0.3 * checkpoint.losses[0]!.loss);
      // The fixture shrinks the output rows of special tokens 20× (so that random weights write text), and
      // its vocabulary lacks '#', '_', '<' and '>', so RAFT's markers become <unk>: a LoRA cannot make those
      // targets likely (it does not touch the head). The 90% is measured over the other target tokens.
      const { shape, tensors } = await loadFixtureModel(model);
      const reference = new ReferenceModel(shape, tensors);
      const specials = new Set<number>(Object.values(JSON.parse(readFileSync(join(fixtureModelsDir, model, 'tokenizer.json'), 'utf8')).added_tokens).map((t) => (t as { id: number }).id));
      const learnableLoss = () => session.data.train.reduce((sum, q) => sum + completionLoss(reference.forwardAll(q.tokens), q.tokens, q.promptLength, specials), 0);
      const before = learnableLoss();
      const parsed = parseAdapter(adapterFiles('raft', checkpoint.state.lora, s, `local/${model}`).configText, adapterFiles('raft', checkpoint.state.lora, s, `local/${model}`).weights);
      reference.setAdapter(planDeltas(parsed, shape, model), parsed.scale);
      expect(learnableLoss()).toBeLessThan(0.1 * before);
    }, 300_000);

    it('memorises a small set: greedy decoding with the exported adapter reproduces at least 90% of the targets; the merge gives the same', async () => {
      const data = demoSft(model, 10);
      const s = settings({ steps: 60, batchSize: 5, maxLength: 128 }); // no prompt is cut: training sees what decoding sees
      const session = await openSession(reader(model), model, data, s, { device: 'wasm' });
      const { checkpoint } = await runTraining(session.trainer, session.data, s);
      session.dispose();
      const files = adapterFiles('memorised', checkpoint.state.lora, s, `local/${model}`);
      const { shape, tensors } = await loadFixtureModel(model);
      const base = await readBase(reader(model), model);
      const encode = (t: string) => base.tokenizer.encode(t, { add_special_tokens: false });
      const parsed = parseAdapter(files.configText, files.weights);
      const reference = new ReferenceModel(shape, tensors);
      reference.setAdapter(planDeltas(parsed, shape, model), parsed.scale);
      // The fixture shrinks the output rows of special tokens (so that random weights write text), so the
      // end-of-turn separator cannot become likely: the targets are compared up to it.
      const template = JSON.parse(readFileSync(join(fixtureModelsDir, model, 'mlc-chat-config.json'), 'utf8')).conv_template;
      const sepLength = encode(template.seps[0]).length;
      const prompts = data.map((e) => [...base.prefixIds, ...encode(e.prompt)]);
      const targets = data.map((e) => encode(e.completion).slice(0, -sepLength));
      const outputs = prompts.map((p, i) => reference.generateGreedy(p, targets[i]!.length));
      const reproduced = outputs.filter((o, i) => o.join() === targets[i]!.join()).length;
      expect(reproduced / data.length).toBeGreaterThanOrEqual(0.9);
      // Merged into the weights (as the app registers it): the same greedy output, unlike the base model's.
      const merged = await mergeModel(reader(model), files, model, null);
      const cache = JSON.parse(new TextDecoder().decode(merged.files.get('tensor-cache.json')!)) as TensorCache;
      const mergedModel = new ReferenceModel(shape, await loadTensors(cache, async (f) => merged.files.get(f)!.slice().buffer as ArrayBuffer));
      expect(mergedModel.generateGreedy(prompts[0]!, targets[0]!.length)).toEqual(outputs[0]);
      expect(new ReferenceModel(shape, tensors).generateGreedy(prompts[0]!, targets[0]!.length)).not.toEqual(outputs[0]);
    }, 300_000);
  });
}

