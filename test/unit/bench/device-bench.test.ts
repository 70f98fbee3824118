// The device-bench worker's engine in Node: with no WebGPU it falls back to Wasm, trains the
// trainable fixtures (Llama, Qwen2) in the four configurations, decodes every fixture with the
// whole lab engine, and reports every figure through its callback: the full matrix (the browser
// test runs a short one). Plausibility only: never a timing threshold.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DeviceBench, modelDecode, withReference } from '../../../src/bench/device-bench';
import { randomWeights } from '../../../src/llm/lab/synthetic-model';
import type { DecodeMeasurement, DeviceBenchEvent, TrainMeasurement } from '../../../src/shared/device-bench-api';
import { fixtureModelsDir } from '../helpers';
import { loadFixtureModel } from '../finetune/train-helpers';

const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The CPU reference's figures come with every decode line, with both ratios. */
function expectAgainstReference(m: DecodeMeasurement) {
  expect(m.reference && positive(m.reference.decode_tokens_per_s) && positive(m.reference.prefill_tokens_per_s)).toBe(true);
  expect(positive(m.decode_vs_reference) && positive(m.prefill_vs_reference)).toBe(true);
}

describe('DeviceBench', () => {
  it('states each decode rate next to the reference\'s, and the ratios as ours over the reference\'s', () => {
    expect(withReference(300, 50, { prefill: 120, decode: 20 })).toEqual({
      prefill_tokens_per_s: 300, decode_tokens_per_s: 50, reference: { prefill_tokens_per_s: 120, decode_tokens_per_s: 20 },
      decode_vs_reference: 2.5, prefill_vs_reference: 2.5,
    });
    // Slower than the reference: a ratio under 1, rounded to two decimals.
    expect(withReference(10, 3, { prefill: 30, decode: 9 })).toMatchObject({ decode_vs_reference: 0.33, prefill_vs_reference: 0.33 });
  });

  it('trains and decodes the pack models, the whole matrix, reporting each figure as it comes; a short run trains one configuration', async () => {
    const events: DeviceBenchEvent[] = [];
    const bench = new DeviceBench(async (url) => new Uint8Array(await readFile(fileURLToPath(url))).buffer);
    const models = ['tiny-llama', 'tiny-qwen2', 'tiny-qwen3'].map((id) => ({ id, baseUrl: `${pathToFileURL(join(fixtureModelsDir, id)).href}/` }));
    const { device } = await bench.run({ models, synthetic: false }, (e) => events.push(e));
    expect(device).toBe('wasm');
    expect(events.filter((e) => e.kind === 'status').length).toBeGreaterThan(0);
    const results = events.flatMap((e) => (e.kind === 'result' ? [e.result] : []));
    const train = results.filter((r): r is TrainMeasurement => r.bench === 'train');
    // Llama and Qwen2 train (Qwen3 is not trainable), each in the four configurations.
    const configs = [[true, true], [true, false], [false, true], [false, false]];
    expect(train.map((r) => [r.model, r.jit, r.recompute])).toEqual(['tiny-llama', 'tiny-qwen2'].flatMap((m) => configs.map(([j, rc]) => [m, j, rc])));
    for (const r of train) {
      expect(r.error).toBeUndefined();
      for (const v of [r.tokens_per_s, r.gflop_per_s, r.ratio_to_matmul, r.baseline.gflop_per_s, r.estimate_mb]) expect(positive(v)).toBe(true);
      expect(r.peak_mb).toBeNaN(); // nothing to measure it with on Wasm outside Node
    }
    const decodes = results.filter((r): r is DecodeMeasurement => r.bench === 'decode');
    expect(decodes.map((d) => d.model)).toEqual(['tiny-llama', 'tiny-qwen2', 'tiny-qwen3']);
    for (const decode of decodes) {
      expect(decode).toMatchObject({ device: 'wasm', new_tokens: 32 });
      expect(decode.error).toBeUndefined();
      expect(positive(decode.decode_tokens_per_s) && positive(decode.prefill_tokens_per_s)).toBe(true);
      expectAgainstReference(decode);
    }

    const short: DeviceBenchEvent[] = [];
    await bench.run({ models: models.slice(0, 1), synthetic: false, short: { configs: 1, steps: 2 } }, (e) => short.push(e));
    const shortResults = short.flatMap((e) => (e.kind === 'result' ? [e.result] : []));
    expect(shortResults.map((r) => r.bench)).toEqual(['train', 'decode']);
    expect(shortResults[0]).toMatchObject({ model: 'tiny-llama', jit: true, recompute: true });
  }, 300_000);

  it('decodes straight on a jax-js model made from random weights in the Llama layout (what the 135M option uses)', async () => {
    const { shape } = await loadFixtureModel('tiny-llama');
    const m = await modelDecode('random tiny-llama', shape, randomWeights(shape), 'wasm');
    expect(m.error).toBeUndefined();
    expect(m).toMatchObject({ prompt_tokens: 32, new_tokens: 16 });
    for (const v of [m.decode_tokens_per_s, m.prefill_tokens_per_s, m.first_call_ms]) expect(positive(v)).toBe(true);
    expectAgainstReference(m);
  }, 120_000);
});
