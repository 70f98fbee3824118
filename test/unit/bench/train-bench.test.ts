// The training benchmark's arithmetic (finetune/train/flops.ts) and its measurement
// (src/bench/train-core.ts) on a fixture in Node. Figures are checked for sense, never
// against a time: the machines are shared and slow.
import { defaultDevice, init } from '@jax-js/jax';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchSequence, measureMatmul, measureTrainCase, type PeakMemory } from '../../../src/bench/train-core';
import { loraStepFlops } from '../../../src/finetune/train/flops';
import { smolLm2Shape } from '../../../src/llm/lab/synthetic-model';
import { loadFixtureModel } from '../finetune/train-helpers';

describe('loraStepFlops', () => {
  it('counts 2 FLOPs per multiply-add of every frozen weight the forward uses, from the real tensors', async () => {
    const { shape, tensors } = await loadFixtureModel('tiny-llama');
    // Independent of the shape formula: the element counts of the fixture's own matrices.
    let perToken = 0;
    for (const [name, t] of tensors) if (t.shape.length === 2 && name.includes('.layers.')) perToken += 2 * t.data.length;
    const T = 64;
    const R = T;
    const attention = shape.layers * 4 * shape.heads * T * T * shape.headDim;
    const head = 2 * R * shape.hidden * shape.vocab + 2 * R * T * shape.hidden;
    const f = loraStepFlops(shape, T, R, [], 8, false);
    expect(f.forward).toBe(T * perToken + attention + head);
  });

  it('gives SmolLM2-135M about 73 GFLOP forward at 256 tokens (the figure in the shared notes)', () => {
    expect(loraStepFlops(smolLm2Shape, 256, 256, ['q_proj', 'v_proj'], 8, true).forward / 1e9).toBeCloseTo(73.5, 0);
  });

  it('a step is about twice the forward (frozen weights need no weight gradient); recomputation adds the layers once more', () => {
    const whole = loraStepFlops(smolLm2Shape, 256, 128, ['q_proj', 'v_proj'], 8, false);
    const again = loraStepFlops(smolLm2Shape, 256, 128, ['q_proj', 'v_proj'], 8, true);
    expect(whole.executed).toBe(whole.step);
    expect(whole.step / whole.forward).toBeGreaterThan(2);
    expect(whole.step / whole.forward).toBeLessThan(2.1);
    expect(again.executed / again.forward).toBeGreaterThan(2.8);
    expect(again.executed / again.forward).toBeLessThan(3);
  });
});

describe('the training bench on Wasm', () => {
  beforeAll(async () => {
    await init('wasm');
    defaultDevice('wasm');
  });
  let resets = 0;
  const memory: PeakMemory = { what: 'a test probe', reset: () => void resets++, peakBytes: () => 5 * 2 ** 20 };

  it('measures the matmul reference', async () => {
    const m = await measureMatmul(32, 'out-in', 2, 1);
    for (const v of [m.plain, m.layout]) expect(Number.isFinite(v) && v > 0).toBe(true);
  });

  it('runs real steps of the trainer and reports rates with their FLOP count and the estimate', async () => {
    const { shape, tensors } = await loadFixtureModel('tiny-llama');
    const c = { seqLen: 32, jit: true, recompute: true };
    const m = await measureTrainCase('tiny-llama', shape, tensors, c, { device: 'wasm', where: 'a test', memory, warmup: 1, steps: 2 }, { plain: 4, layout: 8 });
    expect(m.error).toBeUndefined();
    expect(m.gflop_per_step).toBeCloseTo(loraStepFlops(shape, 32, 16, ['q_proj', 'v_proj'], 8, true).executed / 1e9, 3);
    for (const v of [m.p50_ms, m.tokens_per_s, m.gflop_per_s, m.first_step_ms, m.estimate_mb]) expect(Number.isFinite(v) && v! > 0).toBe(true);
    // Both figures are rounded to 0.1 for the report: the rate may differ from one recomputed from the rounded p50 by
    // what 0.05 ms moves it, plus its own rounding (a fixed ±5 tokens/s failed on a 15 ms step at 2,170 tokens/s).
    const fromP50 = (ms: number) => 32 / (ms / 1000);
    expect(Math.abs(m.tokens_per_s! - fromP50(m.p50_ms!))).toBeLessThanOrEqual(fromP50(m.p50_ms! - 0.05) - fromP50(m.p50_ms!) + 0.05);
    expect(m.ratio_to_matmul).toBeCloseTo(m.gflop_per_s! / 8, 2); // against the faster of the two references
    expect(m.loss! > 0 && Number.isFinite(m.loss)).toBe(true);
    expect([m.peak_mb, m.memory, resets]).toEqual([5, 'a test probe', 1]);
    expect(benchSequence(shape, 32)).toMatchObject({ promptLength: 16 });
  });

  it('reports a case that fails as an error, not a throw', async () => {
    const { shape } = await loadFixtureModel('tiny-llama');
    const m = await measureTrainCase('empty', shape, new Map(), { seqLen: 32, jit: false, recompute: false }, { device: 'wasm', where: 'a test', memory, warmup: 1, steps: 1 }, { plain: 1, layout: 1 });
    expect(m.error).toMatch(/no tensor/);
    expect(m.tokens_per_s).toBeUndefined();
  });
});
