#!/usr/bin/env node
// npm run bench:train [-- --json] [-- --only node|chromium] [-- --only-fixtures | --only-synthetic] [-- --seq 128,256]
//   [-- --modes jit-recompute,jit-whole,eager-recompute,eager-whole] (the 135M cases to run; all by default)
// LoRA training steps (LoraTrainer, "Quick look" settings, batch 1): tokens/s and achieved GFLOP/s,
// eager against jit and per-layer recomputation against one whole-model gradient, each next to the
// same backend's own matmul GFLOP/s measured in the same run; peak memory next to the trainer's own
// estimate. On the tiny fixtures (T=128) and on a model with SmolLM2-135M's shape and random weights
// made in memory (T=128 and 256); Wasm in Node, WebGPU (SwiftShader) in Chromium.
// In Node every case runs in a fresh process, so that its peak RSS is its own (Wasm memory never
// shrinks) and an out-of-memory case does not stop the others.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importForNode, openBench, report, root } from './bench/harness.mjs';

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const built = join(root, 'dist-node', 'bench-train-core', 'bench-train-core.mjs');
const synthName = 'SmolLM2-135M shape (random weights)';

if (flag('--child')) {
  await child(JSON.parse(flag('--child')));
  process.exit(0);
}

const only = flag('--only');
const fixtures = args.includes('--only-synthetic') ? [] : ['tiny-llama', 'tiny-qwen2'];
const synthSeqLens = args.includes('--only-fixtures') ? [] : (flag('--seq') ?? '128,256').split(',').map(Number);
// Minimal step counts: the 135M shape takes tens of seconds a step on 2 CPU cores.
const tiny = { warmup: 1, steps: 5, seqLen: 128 };
const synth = { warmup: 1, steps: 2 };
const modes = (flag('--modes') ?? 'jit-recompute,jit-whole,eager-recompute,eager-whole').split(',');
const synthCases = (seqLens) => core.allCases(seqLens).filter((c) => modes.includes(`${c.jit ? 'jit' : 'eager'}-${c.recompute ? 'recompute' : 'whole'}`));
const core = await importForNode('train-core');
const plan = [
  ...fixtures.flatMap((model) => core.allCases([tiny.seqLen]).map((c) => ({ model, ...c, warmup: tiny.warmup, steps: tiny.steps }))),
  ...synthCases(synthSeqLens).map((c) => ({ model: 'synthetic', ...c, ...synth })),
];

if (only !== 'chromium') {
  for (const c of plan) {
    const run = spawnSync(process.execPath, [process.argv[1], '--child', JSON.stringify(c)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = run.stdout.trim().split('\n').at(-1);
    if (run.status === 0 && line?.startsWith('{')) report(JSON.parse(line));
    else {
      const why = run.signal ? `killed by ${run.signal}` : (run.stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${run.status}`);
      report({ bench: 'train', case: `${c.model === 'synthetic' ? synthName : c.model}, T=${c.seqLen}, ${c.jit ? 'jit' : 'eager'}, ${c.recompute ? 'per-layer recompute' : 'whole-model grad'}, wasm in Node`, n: 0, error: `the process failed: ${why}`, baseline: {} });
    }
  }
}
if (only !== 'node') {
  const bench = await openBench();
  try {
    const browserPlan = {
      fixtures, fixtureSeqLens: [tiny.seqLen], synthetic: synthCases(synthSeqLens), warmup: tiny.warmup, steps: tiny.steps, syntheticSteps: synth.steps,
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
  const { shape, weights } = c.model === 'synthetic'
    ? { shape: core.smolLm2Shape, weights: core.randomWeights(core.smolLm2Shape) }
    : await core.readBenchModel(async (f) => new Uint8Array(await readFile(join(root, 'test', 'fixtures', 'models', c.model, f))).buffer);
  const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
  let before = 0;
  const memory = {
    what: 'peak RSS of a fresh Node process running only this case (Wasm memory, the host copy of the weights, V8)',
    reset: () => void (before = rssMb()),
    peakBytes: () => process.resourceUsage().maxRSS * 1024,
  };
  const matmul = await core.measureMatmul(c.seqLen, core.layoutFor('wasm'));
  const m = await core.measureTrainCase(c.model === 'synthetic' ? synthName : c.model, shape, weights, c, { device: 'wasm', where: 'Node', memory, warmup: c.warmup, steps: c.steps }, matmul);
  process.stdout.write(`${JSON.stringify({ ...m, rss_before_trainer_mb: before })}\n`);
}
