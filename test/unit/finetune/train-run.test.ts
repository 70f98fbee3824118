// Training runs end to end in Node (Wasm): exact resume from a checkpoint, flat buffer counts, a diverged run and the
// refusals, on tiny-llama. Learning, memorising and merging on every family: train-run-<family>.test.ts.
import { defaultDevice, init } from '@jax-js/jax';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTraining, type Checkpoint } from '../../../src/finetune/train/run';
import { openSession } from '../../../src/finetune/train/session';
import { DivergedError } from '../../../src/shared/errors';
import { countWasmBuffers } from './jax-buffers';
import { demoSft, reader, settings } from './train-run-family';

beforeAll(async () => {
  await init('wasm');
  defaultDevice('wasm');
});

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

  it('refuses a quantization it cannot read, bad settings and a run that does not fit, before loading weights', async () => {
    await expect(openSession(reader(model), model, data(), settings({ targets: ['q_proj', 'w_proj' as never] }), { device: 'wasm' })).rejects.toThrow(/w_proj is not a target module/);
    await expect(openSession(reader(model), model, [], settings({}), { device: 'wasm' })).rejects.toThrow(/no examples/);
    await expect(openSession(reader(model), model, data(), settings({ maxLength: 64 }), { device: 'wasm', budget: { bytes: 1e5, maxBuffer: 1e9 } })).rejects.toThrow(/more than the 0\.00 GB this device can give: try a shorter maximum length/);
    const quantized = async (f: string) => (f === 'mlc-chat-config.json' ? new TextEncoder().encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(await reader(model)(f))), quantization: 'q3f16_1' })).buffer as ArrayBuffer : reader(model)(f));
    await expect(openSession(quantized, model, data(), settings({}), { device: 'wasm' })).rejects.toThrow(/quantized \(q3f16_1\): LoRA training reads q0f32, q0f16 and q4f16_1 weights only/);
  });
});
