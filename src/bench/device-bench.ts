// What the device-bench worker runs for Models' "Benchmark this device": the training
// bench (train-core.ts, the same code as npm run bench:train) and the lab engine's greedy
// decode, on this browser's GPU through jax-js (Wasm when WebGPU is missing). The
// heavy work stays off the page's thread; each figure is reported as soon as it exists.
import { pickJaxDevice } from '../llm/lab/jax-device';
import { JaxModel } from '../llm/lab/jax-model';
import type { Tensor } from '../llm/mlc/tensor-cache';
import type { ModelShape } from '../llm/reference/config';
import { LabEngine, type ModelFileReader } from '../llm/lab/lab-engine';
import { ReferenceModel } from '../llm/reference/model';
import { randomWeights, smolLm2Shape } from '../llm/lab/synthetic-model';
import { argmax } from '../llm/sampling';
import type { DecodeMeasurement, DeviceBenchApi, DeviceBenchEvent, DeviceBenchSpec } from '../shared/device-bench-api';
import { allCases, gpuBufferMemory, readBenchModel, runTrainBench, type PeakMemory } from './train-core';

/** Families the trainer takes (Llama and Qwen2; see docs/finetune.md). */
const trainable = new Set(['llama', 'qwen2']);
const question = [{ role: 'user' as const, content: 'When is the kelp harvest season, and who is the seed warden of the cooperative?' }];
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
export const syntheticName = 'SmolLM2-135M shape (random weights)';

/** Ours next to the reference's rates, and the two ratios (ours over the reference's). */
export function withReference(prefill: number, decode: number, reference: { prefill: number; decode: number }) {
  return {
    prefill_tokens_per_s: round(prefill), decode_tokens_per_s: round(decode, 2),
    reference: { prefill_tokens_per_s: round(reference.prefill, 2), decode_tokens_per_s: round(reference.decode, 2) },
    decode_vs_reference: round(decode / reference.decode, 2), prefill_vs_reference: round(prefill / reference.prefill, 2),
  };
}

/**
 * Greedy decode through the whole lab engine: one call to compile, then one measured call of 32 new
 * tokens; then the same on the CPU reference (a warm-up call, then a measured one), for the ratios.
 */
async function engineDecode(read: ModelFileReader, id: string, device: 'webgpu' | 'wasm'): Promise<DecodeMeasurement> {
  const head = { bench: 'decode' as const, case: `${id}, lab engine (jax-js, jit) on ${device}, 32 new tokens`, model: id, device };
  const engine = new LabEngine(read);
  const generate = async () => {
    for await (const c of engine.chat(question, { maxTokens: 32, temperature: 0 })) if (c.type === 'done') return c.usage;
    throw new Error('The engine ended without a result.');
  };
  try {
    await engine.setDevice(device);
    await engine.load(id);
    const t = performance.now();
    await generate();
    const firstCallMs = performance.now() - t;
    const u = await generate();
    await engine.setDevice('cpu');
    await generate();
    const r = await generate();
    return {
      ...head, prompt_tokens: u.promptTokens, new_tokens: u.completionTokens, first_call_ms: round(firstCallMs),
      ...withReference(u.prefillTokensPerS, u.decodeTokensPerS, { prefill: r.prefillTokensPerS, decode: r.decodeTokensPerS }),
    };
  } catch (e) {
    return { ...head, error: (e as Error).message };
  } finally {
    await engine.unload();
  }
}

/** Times a greedy run: the prompt's prefill, then `steps` decode steps, each fed the last argmax. */
async function timeGreedy(prefill: () => Promise<Float32Array> | Float32Array, step: (token: number) => Promise<Float32Array> | Float32Array, steps: number) {
  let t = performance.now();
  let token = argmax(await prefill());
  const prefillMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < steps; i++) token = argmax(await step(token));
  return { prefillMs, decodeMs: performance.now() - t };
}

/** Greedy decode straight on the jax-js model (the 135M shape): a 32-token prompt, then 16 steps (after a compiling run), and the reference on the same. */
export async function modelDecode(name: string, shape: ModelShape, weights: Map<string, Tensor>, device: string): Promise<DecodeMeasurement> {
  const head = { bench: 'decode' as const, case: `${name}, jax-js (jit) on ${device}, 16 new tokens`, model: name, device };
  const prompt = Array.from({ length: 32 }, (_, i) => (i * 7919 + 13) % shape.vocab);
  const model = new JaxModel(shape, weights);
  try {
    const run = async (steps: number) => {
      const cache = model.newCache();
      try {
        return await timeGreedy(() => model.prefill(prompt, cache), (token) => model.step(token, cache), steps);
      } finally {
        model.disposeCache(cache);
      }
    };
    const t = performance.now();
    await run(2);
    const firstCallMs = performance.now() - t;
    const r = await run(16);
    // The reference on the same prompt and steps (token by token: it has no batched prefill).
    const reference = new ReferenceModel(shape, weights);
    const cache = reference.newCache();
    const ref = await timeGreedy(() => prompt.reduce<Float32Array>((_, p) => reference.step(p, cache), new Float32Array(0)), (token) => reference.step(token, cache), 16);
    const rate = (tokens: number, ms: number) => tokens / (ms / 1000);
    return {
      ...head, prompt_tokens: 32, new_tokens: 16, first_call_ms: round(firstCallMs),
      ...withReference(rate(32, r.prefillMs), rate(16, r.decodeMs), { prefill: rate(32, ref.prefillMs), decode: rate(16, ref.decodeMs) }),
    };
  } catch (e) {
    return { ...head, error: (e as Error).message };
  } finally {
    model.dispose();
  }
}

export class DeviceBench implements DeviceBenchApi {
  constructor(private readonly fetchFile: (url: string) => Promise<ArrayBuffer>) {}

  async run(spec: DeviceBenchSpec, onEvent: (e: DeviceBenchEvent) => void): Promise<{ device: string }> {
    const status = (text: string) => onEvent({ kind: 'status', text });
    const device = await pickJaxDevice();
    const memory: PeakMemory = device === 'webgpu'
      ? gpuBufferMemory()
      : { what: 'not measured on Wasm', reset: () => undefined, peakBytes: () => NaN };
    const o = { device, where: 'this browser', memory, warmup: 1, steps: spec.short?.steps ?? 3 };
    const cases = allCases([128]).slice(0, spec.short?.configs);
    const result = (r: DeviceBenchEvent & { kind: 'result' }) => onEvent(r);
    for (const m of spec.models) {
      const folder = m.baseUrl.endsWith('/') ? m.baseUrl : `${m.baseUrl}/`;
      const read = (file: string) => this.fetchFile(new URL(file, folder).href);
      const { shape, weights } = await readBenchModel(read);
      if (trainable.has(shape.family)) {
        status(`Training ${m.id} (${cases.length} configuration${cases.length === 1 ? '' : 's'})…`);
        await runTrainBench(m.id, shape, weights, cases, o, (r) => result({ kind: 'result', result: r }));
      }
      status(`Decoding with ${m.id}…`);
      result({ kind: 'result', result: await engineDecode((_id, file) => read(file), m.id, device) });
    }
    if (spec.synthetic) {
      status('Making the SmolLM2-135M-shaped model (random weights)…');
      const weights = randomWeights(smolLm2Shape);
      status('Training the 135M shape at 128 and 256 tokens (jit)…');
      const cases = allCases([128, 256]).filter((c) => c.jit);
      await runTrainBench(syntheticName, smolLm2Shape, weights, cases, { ...o, steps: 2 }, (r) => result({ kind: 'result', result: r }));
      status('Decoding with the 135M shape…');
      result({ kind: 'result', result: await modelDecode(syntheticName, smolLm2Shape, weights, device) });
    }
    return { device };
  }
}
