// The device-bench worker's engine in Node: with no WebGPU it falls back to Wasm, trains the
// fixture in the four configurations, decodes with the whole lab engine, and reports every
// figure through its callback. Plausibility only: never a timing threshold.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DeviceBench, modelDecode } from '../../../src/finetune/train/device-bench';
import { randomWeights } from '../../../src/llm/lab/synthetic-model';
import type { DecodeMeasurement, DeviceBenchEvent, TrainMeasurement } from '../../../src/shared/device-bench-api';
import { fixtureModelsDir } from '../helpers';
import { loadFixtureModel } from './train-helpers';

const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The CPU reference's figures come with every decode line, and the ratios are ours over them. */
function expectAgainstReference(m: DecodeMeasurement) {
  expect(m.reference && positive(m.reference.decode_tokens_per_s) && positive(m.reference.prefill_tokens_per_s)).toBe(true);
  expect(m.decode_vs_reference).toBeCloseTo(m.decode_tokens_per_s! / m.reference!.decode_tokens_per_s, 1);
  expect(m.prefill_vs_reference).toBeCloseTo(m.prefill_tokens_per_s! / m.reference!.prefill_tokens_per_s, 1);
}

describe('DeviceBench', () => {
  it('trains and decodes a pack model, reporting each figure as it comes', async () => {
    const events: DeviceBenchEvent[] = [];
    const bench = new DeviceBench(async (url) => new Uint8Array(await readFile(fileURLToPath(url))).buffer);
    const baseUrl = `${pathToFileURL(join(fixtureModelsDir, 'tiny-llama')).href}/`;
    const { device } = await bench.run({ models: [{ id: 'tiny-llama', baseUrl }], synthetic: false }, (e) => events.push(e));
    expect(device).toBe('wasm');
    expect(events.filter((e) => e.kind === 'status').length).toBeGreaterThan(0);
    const results = events.flatMap((e) => (e.kind === 'result' ? [e.result] : []));
    const train = results.filter((r): r is TrainMeasurement => r.bench === 'train');
    expect(train.map((r) => [r.jit, r.recompute])).toEqual([[true, true], [true, false], [false, true], [false, false]]);
    for (const r of train) {
      expect(r.error).toBeUndefined();
      for (const v of [r.tokens_per_s, r.gflop_per_s, r.ratio_to_matmul, r.baseline.gflop_per_s, r.estimate_mb]) expect(positive(v)).toBe(true);
      expect(r.peak_mb).toBeNaN(); // nothing to measure it with on Wasm outside Node
    }
    const decode = results.find((r) => r.bench === 'decode');
    expect(decode).toMatchObject({ model: 'tiny-llama', device: 'wasm', new_tokens: 32 });
    expect(decode && decode.bench === 'decode' && positive(decode.decode_tokens_per_s) && positive(decode.prefill_tokens_per_s)).toBe(true);
    if (decode?.bench === 'decode') expectAgainstReference(decode);
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
