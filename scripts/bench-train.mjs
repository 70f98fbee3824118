#!/usr/bin/env node
// npm run bench:train [-- --json] [-- --only node|chromium] [-- --only-fixtures | --only-synthetic] [-- --seq 128,256]
//   [-- --modes jit-recompute,jit-whole,eager-recompute,eager-whole] (the 135M cases to run; all by default)
//   [-- --synthetic-steps N] (measured steps per 135M case after one warm-up; 2 by default)
//   [-- --quant q0,q4] (the 135M model as float32 weights, as q4f16_1 codes (QLoRA), or both, case by case; both by default)
// LoRA training steps (LoraTrainer, "Quick look" settings, batch 1): tokens/s and achieved GFLOP/s,
// eager against jit and per-layer recomputation against one whole-model gradient, each next to the
// same backend's own matmul GFLOP/s measured in the same run; peak memory next to the trainer's own
// estimate. On the tiny fixtures (T=128) and on a model with SmolLM2-135M's shape and random weights
// made in memory (T=128 and 256); Wasm in Node, WebGPU (SwiftShader) in Chromium.
// In Node every case runs in a fresh process, so that an out-of-memory case does not stop the others
// and its peak RSS is its own (Wasm memory never shrinks); memory is the peak of jax-js's live Wasm
// buffers, with the process's peak RSS next to it. In Chromium, the GPU buffers jax-js holds.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importForNode, openBench, report, root } from './bench/harness.mjs';

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const built = join(root, 'dist-node', 'bench-train-core', 'bench-train-core.mjs');
const synthName = 'SmolLM2-135M shape (random weights)';
const synthNames = { synthetic: synthName, 'synthetic-q4': `${synthName}, q4f16_1` };

if (flag('--child')) {
  await child(JSON.parse(flag('--child')));
  process.exit(0);
}

const only = flag('--only');
const fixtures = args.includes('--only-synthetic') ? [] : ['tiny-llama', 'tiny-qwen2'];
const synthSeqLens = args.includes('--only-fixtures') ? [] : (flag('--seq') ?? '128,256').split(',').map(Number);
// Minimal step counts: the 135M shape takes tens of seconds a step on 2 CPU cores.
const tiny = { warmup: 1, steps: 5, seqLen: 128 };
const synth = { warmup: 1, steps: Number(flag('--synthetic-steps') ?? 2) };
const modes = (flag('--modes') ?? 'jit-recompute,jit-whole,eager-recompute,eager-whole').split(',');
const quant = (flag('--quant') ?? 'q0,q4').split(',');
const synthCases = (seqLens) => core.allCases(seqLens).filter((c) => modes.includes(`${c.jit ? 'jit' : 'eager'}-${c.recompute ? 'recompute' : 'whole'}`));
const core = await importForNode('train-core');
const plan = [
  ...fixtures.flatMap((model) => core.allCases([tiny.seqLen]).map((c) => ({ model, ...c, warmup: tiny.warmup, steps: tiny.steps }))),
  ...synthCases(synthSeqLens).flatMap((c) => quant.map((q) => ({ model: q === 'q4' ? 'synthetic-q4' : 'synthetic', ...c, ...synth }))),
];

if (only !== 'chromium') {
  for (const c of plan) {
    const run = spawnSync(process.execPath, [process.argv[1], '--child', JSON.stringify(c)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = run.stdout.trim().split('\n').at(-1);
    if (run.status === 0 && line?.startsWith('{')) report(JSON.parse(line));
    else {
      const why = run.signal ? `killed by ${run.signal}` : (run.stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${run.status}`);
      report({ bench: 'train', case: `${synthNames[c.model] ?? c.model}, T=${c.seqLen}, ${c.jit ? 'jit' : 'eager'}, ${c.recompute ? 'per-layer recompute' : 'whole-model grad'}, wasm in Node`, n: 0, error: `the process failed: ${why}`, baseline: {} });
    }
  }
}
if (only !== 'node') {
  const bench = await openBench();
  try {
    const browserPlan = {
      fixtures, fixtureSeqLens: [tiny.seqLen], synthetic: synthCases(synthSeqLens), quant, warmup: tiny.warmup, steps: tiny.steps, syntheticSteps: synth.steps,
    };
    for (const m of await bench.page.evaluate((p) => window.trainBench(p), browserPlan)) report(m);
  } finally {
    await bench.close();
  }
}

/** One case in this (fresh) process: Wasm, the model, the matmul reference, then the steps. */
async function child(c) {
  const core = await import(pathToFileURL(built).href);
  const { init, defaultDevice } = await import('@jax-js/jax');
  await init('wasm');
  defaultDevice('wasm');
  const { shape, weights } = c.model.startsWith('synthetic')
    ? { shape: core.smolLm2Shape, weights: c.model === 'synthetic-q4' ? core.quantizeWeights(core.randomWeights(core.smolLm2Shape)) : core.randomWeights(core.smolLm2Shape) }
    : await core.readBenchModel(async (f) => new Uint8Array(await readFile(join(root, 'test', 'fixtures', 'models', c.model, f))).buffer);
  const live = await wasmBufferBytes();
  let rssBefore = 0;
  const memory = {
    what: "jax-js Wasm buffers alive (the trainer's arrays), peak",
    reset: () => void ((rssBefore = process.memoryUsage().rss), live.reset()),
    peakBytes: () => live.peak(),
  };
  const matmul = await core.measureMatmul(c.seqLen, core.layoutFor('wasm'));
  const m = await core.measureTrainCase(synthNames[c.model] ?? c.model, shape, weights, c, { device: 'wasm', where: 'Node', memory, warmup: c.warmup, steps: c.steps }, matmul);
  const mb = (b) => Math.round(b / 2 ** 20);
  // The process's peak RSS as well: Wasm memory never shrinks, and the host keeps a copy of the weights.
  process.stdout.write(`${JSON.stringify({ ...m, process_peak_rss_mb: mb(process.resourceUsage().maxRSS * 1024), rss_before_trainer_mb: mb(rssBefore) })}\n`);
}

/**
 * Bytes of jax-js's live Wasm buffers, with a peak. jax-js does not export its backend: like
 * test/unit/finetune/jax-buffers.ts, this finds getBackend in the package's backend chunk (the same
 * module instance) and wraps malloc/incRef/decRef with its own reference counts.
 */
async function wasmBufferBytes() {
  const { readdirSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const { dirname } = await import('node:path');
  const dist = dirname(createRequire(import.meta.url).resolve('@jax-js/jax'));
  const chunk = readdirSync(dist).find((f) => /^backend-.*\.js$/.test(f));
  const mod = await import(pathToFileURL(join(dist, chunk)).href);
  const backend = Object.values(mod).find((v) => typeof v === 'function' && v.name === 'getBackend')('wasm');
  const slots = new Map(); // slot → [refs, bytes]
  let now = 0;
  let peak = 0;
  const { malloc, incRef, decRef } = backend;
  backend.malloc = function (size, data) {
    const slot = malloc.call(this, size, data);
    slots.set(slot, [1, size]);
    now += size;
    peak = Math.max(peak, now);
    return slot;
  };
  backend.incRef = function (slot) {
    incRef.call(this, slot);
    const s = slots.get(slot);
    if (s) s[0]++;
  };
  backend.decRef = function (slot) {
    decRef.call(this, slot);
    const s = slots.get(slot);
    if (s && --s[0] === 0) (slots.delete(slot), (now -= s[1]));
  };
  return { reset: () => void (peak = now), peak: () => peak };
}
