// Training runs end to end in Node (Wasm), on every fixture family: learning on a RAFT
// dataset from the demo pack, memorising a small set (checked by greedy decoding with the
// plain-TypeScript reference and the exported PEFT files, an independent forward), the
// merge, exact resume from a checkpoint, flat buffer counts, and a diverged run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDevice, init } from '@jax-js/jax';
import { beforeAll, describe, expect, it } from 'vitest';
import { adapterFiles } from '../../../src/finetune/train/adapter';
import type { PromptCompletion } from '../../../src/finetune/train/data';
import { runTraining, type Checkpoint } from '../../../src/finetune/train/run';
import { openSession, readBase } from '../../../src/finetune/train/session';
import { allModules, presets, type TrainSettings } from '../../../src/finetune/train/settings';
import { mergeModel } from '../../../src/finetune/merge-job';
import { renderExample } from '../../../src/finetune/render';
import { sftExample } from '../../../src/finetune/datasets';
import type { QaItem } from '../../../src/eval/types';
import { parseAdapter, planDeltas } from '../../../src/llm/lora/peft';
import { loadTensors, type TensorCache } from '../../../src/llm/mlc/tensor-cache';
import { ReferenceModel } from '../../../src/llm/reference/model';
import { DivergedError, TrainingError } from '../../../src/shared/errors';
import { completionLoss, fixtureModelsDir } from '../helpers';
import { countWasmBuffers } from './jax-buffers';
import { demoRaftDataset, loadFixtureModel } from './train-helpers';

const reader = (model: string) => async (f: string) => {
  const b = readFileSync(join(fixtureModelsDir, model, f));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const settings = (over: Partial<TrainSettings>): TrainSettings => ({
  ...presets.quick, targets: allModules, r: 16, alpha: 16, lr: 3e-2, maxGradNorm: 0, batchSize: 2, valShare: 0, checkpointEvery: 1000, evalEvery: 1000, ...over,
});

/** Question → gold answer pairs from the demo pack's train split (the SFT kind), rendered with the model's template. */
function demoSft(model: string, count: number): PromptCompletion[] {
  const template = JSON.parse(readFileSync(join(fixtureModelsDir, model, 'mlc-chat-config.json'), 'utf8')).conv_template;
  return readFileSync(join('public', 'demo', 'qa.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as QaItem)
    .filter((i) => i.split === 'train' && i.answer !== null).slice(0, count).map((i) => renderExample(template, sftExample(i)));
}

beforeAll(async () => {
  await init('wasm');
  defaultDevice('wasm');
});

for (const family of ['llama', 'qwen2', 'qwen3'] as const) {
  const model = `tiny-${family}`;
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

describe('checkpoints, memory and failures (tiny-llama)', () => {
  const model = 'tiny-llama';
  const data = () => demoSft(model, 6);

  it('a run paused mid-way and resumed in a new session ends with the same adapter as an uninterrupted one (within 1e-6)', async () => {
    const s = settings({ steps: 9, batchSize: 2, maxLength: 64, checkpointEvery: 3, valShare: 0.2, evalEvery: 4 });
    const straight = await openSession(reader(model), model, data(), s, { device: 'wasm' });
    const a = await runTraining(straight.trainer, straight.data, s);
    straight.dispose();
    const first = await openSession(reader(model), model, data(), s, { device: 'wasm' });
    const saved: Checkpoint[] = [];
    let steps = 0;
    const paused = await runTraining(first.trainer, first.data, s, { onStep: () => steps++, onCheckpoint: async (c) => void saved.push(structuredClone(c)), shouldPause: () => steps === 5 });
    first.dispose();
    expect(paused.status).toBe('paused');
    expect(saved.map((c) => c.step)).toEqual([3, 5]);
    const second = await openSession(reader(model), model, data(), s, { device: 'wasm' });
    const b = await runTraining(second.trainer, second.data, s, {}, saved.at(-1)!);
    second.dispose();
    expect(b.status).toBe('done');
    expect(b.checkpoint.losses.map((l) => l.step)).toEqual(a.checkpoint.losses.map((l) => l.step));
    expect(b.checkpoint.validation.map((l) => l.step)).toEqual([4, 8, 9]);
    let worst = 0;
    for (const [module, pair] of Object.entries(a.checkpoint.state.lora)) {
      for (const which of ['A', 'B'] as const) pair[which].forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b.checkpoint.state.lora[module]![which][i]!))));
    }
    expect(worst).toBeLessThanOrEqual(1e-6);
    b.checkpoint.losses.forEach((l, i) => expect(l.loss).toBeCloseTo(a.checkpoint.losses[i]!.loss, 5));
  });

  it('keeps the count of live jax-js buffers flat across 100 steps, and frees them all at the end', async () => {
    const live = await countWasmBuffers();
    const start = live();
    const s = settings({ steps: 100, batchSize: 2, maxLength: 64, valShare: 0.2, evalEvery: 10, checkpointEvery: 25 });
    const session = await openSession(reader(model), model, data(), s, { device: 'wasm' });
    const counts = new Map<number, number>();
    await runTraining(session.trainer, session.data, s, { onStep: (p) => counts.set(p.step, live()) });
    expect(counts.get(100)).toBe(counts.get(10));
    expect(counts.get(50)).toBe(counts.get(10));
    session.dispose();
    expect(live()).toBe(start);
  }, 300_000);

  it('stops a diverged run with a clear message and keeps the last good checkpoint', async () => {
    const s = settings({ steps: 30, optimizer: 'sgd', lr: 1e7, warmupShare: 0, batchSize: 2, maxLength: 64, checkpointEvery: 1 });
    const session = await openSession(reader(model), model, data(), s, { device: 'wasm' });
    const saved: number[] = [];
    const run = runTraining(session.trainer, session.data, s, { onCheckpoint: async (c) => void saved.push(c.step) });
    await expect(run).rejects.toThrow(DivergedError);
    await expect(run).rejects.toThrow(/diverged\. Lower the learning rate .*The last good checkpoint \(step \d+\) is kept\./);
    session.dispose();
    expect(saved.length).toBeGreaterThan(0);
  });

  it('refuses an unquantized-only rule breaker, bad settings and a run that does not fit, before loading weights', async () => {
    await expect(openSession(reader(model), model, data(), settings({ targets: ['q_proj', 'w_proj' as never] }), { device: 'wasm' })).rejects.toThrow(/w_proj is not a target module/);
    await expect(openSession(reader(model), model, [], settings({}), { device: 'wasm' })).rejects.toThrow(/no examples/);
    await expect(openSession(reader(model), model, data(), settings({ maxLength: 64 }), { device: 'wasm', budget: { bytes: 1e5, maxBuffer: 1e9 } })).rejects.toThrow(/more than the 0\.00 GB this device can give: try a shorter maximum length/);
    const quantized = async (f: string) => (f === 'mlc-chat-config.json' ? new TextEncoder().encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(await reader(model)(f))), quantization: 'q4f16_1' })).buffer as ArrayBuffer : reader(model)(f));
    await expect(openSession(quantized, model, data(), settings({}), { device: 'wasm' })).rejects.toThrow(/quantized \(q4f16_1\): LoRA training needs unquantized weights/);
  });
});
