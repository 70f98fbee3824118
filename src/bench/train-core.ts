// The training benchmark, one implementation for `npm run bench:train` (Wasm in Node,
// WebGPU in Chromium) and for Models' "Benchmark this device" (the user's own GPU, in
// the device-bench worker): tokens/s and achieved GFLOP/s of LoraTrainer's real steps,
// eager or jit, with or without per-layer recomputation, next to the same backend's own
// matmul rate measured in the same run, and peak memory next to the trainer's estimate.
import { blockUntilReady, getWebGPUDevice, jit, numpy as np } from '@jax-js/jax';
import { loadTensors, type Tensor, type TensorCache } from '../llm/mlc/tensor-cache';
import { modelShape, type ModelShape } from '../llm/reference/config';
import { linear, type WeightLayout } from '../llm/lab/jax-layers';
import type { TrainMeasurement } from '../shared/device-bench-api';
import type { Sequence } from '../finetune/train/data';
import { estimateMemory } from '../finetune/train/estimate';
import { loraStepFlops, matmulFlops } from '../finetune/train/flops';
import { initLora, LoraTrainer } from '../finetune/train/lora-trainer';
import { loraScale, presets } from '../finetune/train/settings';
import { yieldToEventLoop } from '../shared/yield';

export interface TrainBenchCase {
  seqLen: number;
  jit: boolean;
  recompute: boolean;
}

/** Peak memory over one case, measured as `what` says. */
export interface PeakMemory {
  what: string;
  /** Starts a new peak (called before each case). */
  reset(): void;
  peakBytes(): number;
}

export interface TrainBenchOptions {
  device: 'wasm' | 'webgpu';
  /** Where it runs, for the case's label ("Node", "Chromium (SwiftShader WebGPU)", "this browser"). */
  where: string;
  memory: PeakMemory;
  warmup: number;
  steps: number;
}

/** The settings measured: the "Quick look" preset's LoRA (r 8 on q_proj and v_proj, AdamW), batch 1. */
const preset = presets.quick;
const vocabChunk = 8192;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const mb = (bytes: number) => round(bytes / 2 ** 20);

/** A model's shape and float32 weights from its MLC files (`read` fetches one file of its folder). */
export async function readBenchModel(read: (file: string) => Promise<ArrayBuffer>): Promise<{ shape: ModelShape; weights: Map<string, Tensor> }> {
  const json = async (file: string) => JSON.parse(new TextDecoder().decode(await read(file))) as Record<string, unknown>;
  const shape = modelShape(await json('mlc-chat-config.json'));
  return { shape, weights: await loadTensors((await json('tensor-cache.json')) as unknown as TensorCache, read) };
}

/** The weight layout the trainer uses on `device` (as training sessions pick it). */
export const layoutFor = (device: string): WeightLayout => (device === 'webgpu' ? 'in-out' : 'out-in');

/** Every combination of eager/jit and recompute/whole at each sequence length. */
export function allCases(seqLens: number[]): TrainBenchCase[] {
  return seqLens.flatMap((seqLen) => [true, false].flatMap((j) => [true, false].map((recompute) => ({ seqLen, jit: j, recompute }))));
}

/** A fixed sequence of `T` tokens whose second half is the target (the loss covers T/2 rows). */
export function benchSequence(s: ModelShape, T: number): Sequence {
  return { tokens: Array.from({ length: T }, (_, i) => (i * 7919 + 13) % s.vocab), promptLength: T / 2 };
}

/**
 * The backend's own matmul rate (GFLOP/s) on [T, 576] × [576, 1536] f32 (SmolLM2-135M's MLP up
 * projection), jit-compiled and repeated: plain np.matmul, and the trainer's weight layout on this
 * device (x @ Wᵀ on Wasm). The reference is the faster of the two.
 */
export async function measureMatmul(T: number, layout: WeightLayout, reps = 8, rounds = 3): Promise<{ plain: number; layout: number }> {
  const [k, n] = [576, 1536];
  const fill = (len: number) => Float32Array.from({ length: len }, (_, i) => ((i * 37) % 101) / 101 - 0.5);
  const time = async (f: (a: np.Array, b: np.Array) => np.Array, wShape: number[]) => {
    const x = np.array(fill(T * k)).reshape([T, k]);
    const w = np.array(fill(k * n)).reshape(wShape);
    const g = jit(f);
    try {
      const warm = g(x.ref, w.ref);
      await blockUntilReady(warm);
      warm.dispose();
      let best = Infinity;
      for (let r = 0; r < rounds; r++) {
        const t = performance.now();
        const outs = Array.from({ length: reps }, () => g(x.ref, w.ref));
        await blockUntilReady(outs);
        best = Math.min(best, performance.now() - t);
        for (const o of outs) o.dispose();
      }
      return (matmulFlops(T, k, n) * reps) / (best / 1000) / 1e9;
    } finally {
      x.dispose();
      w.dispose();
      g.dispose();
    }
  };
  const plain = await time((a, b) => np.matmul(a, b), [k, n]);
  const ours = layout === 'in-out' ? plain : await time((a, b) => linear(layout, a, b), [n, k]);
  return { plain, layout: ours };
}

/** One case: builds the trainer, runs `warmup` then `steps` real optimiser steps, and disposes it. */
export async function measureTrainCase(model: string, shape: ModelShape, weights: Map<string, Tensor>, c: TrainBenchCase, o: TrainBenchOptions, matmul: { plain: number; layout: number }): Promise<TrainMeasurement> {
  const T = c.seqLen;
  const flops = loraStepFlops(shape, T, T / 2, preset.targets, preset.r, c.recompute);
  const reference = Math.max(matmul.plain, matmul.layout);
  const head = {
    bench: 'train' as const,
    case: `${model}, T=${T}, ${c.jit ? 'jit' : 'eager'}, ${c.recompute ? 'per-layer recompute' : 'whole-model grad'}, ${o.device} in ${o.where}`,
    n: o.steps, model, seq_len: T, jit: c.jit, recompute: c.recompute, device: o.device,
    estimate_mb: mb(estimateMemory(shape, preset, T, c.recompute, vocabChunk, [...weights.values()].some((t) => t.q4) ? 'q4f16_1' : 'q0f32').total),
    baseline: {
      what: `jitted matmul [${T}, 576] × [576, 1536] f32, same backend, same run`,
      gflop_per_s: round(reference, 2), plain_gflop_per_s: round(matmul.plain, 2), layout_gflop_per_s: round(matmul.layout, 2),
    },
  };
  o.memory.reset();
  let trainer: LoraTrainer | null = null;
  try {
    trainer = new LoraTrainer(shape, weights, {
      targets: preset.targets, r: preset.r, scale: loraScale(preset), optimizer: preset.optimizer, weightDecay: preset.weightDecay,
      maxGradNorm: preset.maxGradNorm, recompute: c.recompute, jit: c.jit, layout: layoutFor(o.device), vocabChunk,
    }, initLora(shape, preset.targets, preset.r, 1));
    const seq = benchSequence(shape, T);
    const first: number[] = [];
    const times: number[] = [];
    let loss = NaN;
    for (let i = 0; i < o.warmup + o.steps; i++) {
      const t = performance.now();
      loss = (await trainer.trainStep([seq], T, 1e-4)).loss;
      (i < o.warmup ? first : times).push(performance.now() - t);
      await yieldToEventLoop(); // lets a memory sampler, a progress callback or the page run
    }
    const sorted = [...times].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)]!;
    const gflops = flops.executed / (p50 / 1000) / 1e9;
    return {
      ...head, p50_ms: round(p50), p95_ms: round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!),
      first_step_ms: round(first[0] ?? NaN), tokens_per_s: round(T / (p50 / 1000)), gflop_per_step: round(flops.executed / 1e9, 3),
      gflop_per_s: round(gflops, 2), ratio_to_matmul: round(gflops / reference, 3), loss: round(loss, 4),
      peak_mb: mb(o.memory.peakBytes()), memory: o.memory.what,
    };
  } catch (e) {
    return { ...head, error: (e as Error).message || String(e), peak_mb: mb(o.memory.peakBytes()), memory: o.memory.what };
  } finally {
    trainer?.dispose();
  }
}

/** Runs `cases` on one model, with the matmul reference measured once per sequence length. */
export async function runTrainBench(model: string, shape: ModelShape, weights: Map<string, Tensor>, cases: TrainBenchCase[], o: TrainBenchOptions, log: (m: TrainMeasurement) => void): Promise<TrainMeasurement[]> {
  const matmul = new Map<number, { plain: number; layout: number }>();
  const out: TrainMeasurement[] = [];
  for (const c of cases) {
    if (!matmul.has(c.seqLen)) matmul.set(c.seqLen, await measureMatmul(c.seqLen, layoutFor(o.device)));
    const m = await measureTrainCase(model, shape, weights, c, o, matmul.get(c.seqLen)!);
    log(m);
    out.push(m);
  }
  return out;
}

/**
 * WebGPU memory held by jax-js: the bytes of every GPU buffer created on its device and not yet
 * destroyed (live arrays and jax-js's own reuse pool), with a peak. Counts only buffers created
 * after the first call, so call it before the model's weights are uploaded.
 */
export function gpuBufferMemory(): PeakMemory {
  const device = getWebGPUDevice() as GPUDevice & { ragLabBytes?: { now: number; peak: number } };
  if (!device.ragLabBytes) {
    const bytes = (device.ragLabBytes = { now: 0, peak: 0 });
    const create = device.createBuffer.bind(device);
    device.createBuffer = (desc: GPUBufferDescriptor) => {
      const buffer = create(desc);
      bytes.now += desc.size;
      bytes.peak = Math.max(bytes.peak, bytes.now);
      const destroy = buffer.destroy.bind(buffer);
      let alive = true;
      buffer.destroy = () => {
        if (alive) (alive = false), (bytes.now -= desc.size);
        return destroy();
      };
      return buffer;
    };
  }
  const bytes = device.ragLabBytes;
  return {
    what: 'GPU buffers held by jax-js (live arrays and its reuse pool), peak',
    reset: () => void (bytes.peak = bytes.now),
    peakBytes: () => bytes.peak,
  };
}

// For scripts/bench-train.mjs in Node: the in-memory model with SmolLM2-135M's shape.
export { quantizeWeights, randomWeights, smolLm2Shape } from '../llm/lab/synthetic-model';
