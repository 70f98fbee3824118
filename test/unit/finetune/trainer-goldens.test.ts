// The LoRA trainer against PyTorch: scripts/goldens.py computes, in float64 with torch
// autograd and torch.optim.AdamW, the loss and LoRA gradients of a two-sequence batch and
// the weights after two AdamW steps, from the fixture files alone. Our trainer must give
// the same on every gradient path (per-layer recomputation or one whole-model grad; jit or eager).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDevice, init } from '@jax-js/jax';
import { beforeAll, describe, expect, it } from 'vitest';
import { LoraTrainer, type HostLora, type TrainerOptions } from '../../../src/finetune/train/lora-trainer';
import type { LoraModule } from '../../../src/llm/lab/jax-layers';
import { parseAdapter } from '../../../src/llm/lora/peft';
import { fixtureModelsDir } from '../helpers';
import { loadFixtureModel } from './train-helpers';

interface TrainingGolden {
  batch: { promptLength: number; tokens: number[] }[];
  modules: string[];
  scale: number;
  loss: number;
  grads: Record<string, { A: number[]; B: number[] }>;
  adamw: { lr: number; weightDecay: number; steps: number; losses: number[]; after: Record<string, { A: number[]; B: number[] }> };
}

/** Largest |ours − golden| over every gradient, relative to the largest golden gradient. */
function worstRelative(ours: HostLora, golden: Record<string, { A: number[]; B: number[] }>): number {
  let worst = 0;
  let scale = 0;
  for (const [module, g] of Object.entries(golden)) {
    for (const which of ['A', 'B'] as const) {
      g[which].forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - ours[module]![which][i]!));
        scale = Math.max(scale, Math.abs(v));
      });
    }
  }
  return worst / scale;
}

beforeAll(async () => {
  await init('wasm');
  defaultDevice('wasm');
});

// The q4f16_1 fixtures: QLoRA, the frozen base read as codes and scales and dequantized inside each pass.
for (const model of ['tiny-llama', 'tiny-qwen2', 'tiny-qwen3', 'tiny-llama-q4', 'tiny-qwen2-q4', 'tiny-qwen3-q4']) {
  describe(`the trainer on ${model} against PyTorch`, () => {
    const golden = JSON.parse(readFileSync(join('test', 'fixtures', 'goldens', `${model}.json`), 'utf8')) as { lora: { adapter: string }; training: TrainingGolden };
    const g = golden.training;
    const setup = async (overrides: Partial<TrainerOptions>) => {
      const { shape, tensors } = await loadFixtureModel(model);
      const dir = join(fixtureModelsDir, golden.lora.adapter);
      const parsed = parseAdapter(readFileSync(join(dir, 'adapter_config.json'), 'utf8'), new Uint8Array(readFileSync(join(dir, 'adapter_model.safetensors'))).buffer);
      const initial: HostLora = {};
      for (const p of parsed.pairs) if (g.modules.includes(p.module)) initial[p.module] = { A: p.A.data, B: p.B.data };
      const targets = [...new Set(g.modules.map((m) => m.split('.').pop()!))] as LoraModule[];
      const options: TrainerOptions = {
        targets, r: parsed.config.r, scale: g.scale, optimizer: 'adamw', weightDecay: g.adamw.weightDecay, maxGradNorm: 0,
        recompute: true, jit: true, layout: 'out-in', vocabChunk: 128, ...overrides,
      };
      return new LoraTrainer(shape, tensors, options, initial);
    };

    // A q4 base changes only how the frozen weights are read: its two paths through them (out-in under jit, in-out
    // eager as on GPUs) are checked; the whole-model path and the optimiser are the float32 models' checks.
    const q4 = model.endsWith('-q4');
    it.each([
      ['per-layer recomputation, jit', { recompute: true, jit: true }],
      ...(q4 ? [] : [['whole-model grad, jit', { recompute: false, jit: true }] as const]),
      ['per-layer recomputation, eager, in-out layout', { recompute: true, jit: false, layout: 'in-out' as const }],
    ] as [string, Partial<TrainerOptions>][])('gives the golden batch loss and gradients (%s)', async (_, overrides) => {
      const trainer = await setup(overrides);
      const { loss, grads } = await trainer.gradients(g.batch, 64);
      trainer.dispose();
      expect(Object.keys(grads).sort()).toEqual([...g.modules].sort());
      expect(Math.abs(loss - g.loss) / g.loss).toBeLessThan(1e-5);
      // float32 against float64: the worst gradient entry within 1e-4 of the largest.
      expect(worstRelative(grads, g.grads)).toBeLessThan(1e-4);
    });

    if (!q4) it('two AdamW steps give torch.optim.AdamW\'s weights', async () => {
      const trainer = await setup({});
      const before = structuredClone((await trainer.state()).lora);
      const losses: number[] = [];
      for (let i = 0; i < g.adamw.steps; i++) losses.push((await trainer.trainStep(g.batch, 64, g.adamw.lr)).loss);
      const state = await trainer.state();
      trainer.dispose();
      // Step 1 sees the same weights as torch; step 2 sees weights that carry the update's float32 differences.
      losses.forEach((l, i) => expect(Math.abs(l - g.adamw.losses[i]!) / g.adamw.losses[i]!).toBeLessThan(i === 0 ? 1e-5 : 1e-4));
      expect(state.step).toBe(2);
      // The update (after − before) as a whole, relative to torch's. Adam moves every weight by about lr
      // whatever its gradient's size, so a gradient below float32's resolution may step the other way:
      // 2e-5 on Llama and Qwen3, 1% on the strongly curved Qwen2 fixture. A wrong bias correction or
      // weight decay is off by tens of percent.
      let num = 0;
      let den = 0;
      for (const [module, after] of Object.entries(g.adamw.after)) {
        for (const which of ['A', 'B'] as const) {
          after[which].forEach((v, i) => {
            const start = before[module]![which][i]!;
            num += (state.lora[module]![which][i]! - v) ** 2;
            den += (v - start) ** 2;
          });
        }
      }
      expect(Math.sqrt(num / den)).toBeLessThan(0.02);
    });
  });
}
