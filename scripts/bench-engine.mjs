#!/usr/bin/env node
// npm run bench:engine [-- --json] [-- --only node|chromium] [-- --only-fixtures | --only-synthetic]
// The lab engine's prefill and decode tokens/s, time to first token, first-call (compile) time and
// peak memory: jax-js (jit) on Wasm in Node and on WebGPU (SwiftShader) in Chromium, each next to
// the plain-TypeScript reference in the same run; on the tiny fixtures and on a model with
// SmolLM2-135M's shape and random weights made in memory.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importForNode, openBench, report, root } from './bench/harness.mjs';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const fixtures = !process.argv.includes('--only-synthetic');
const synthetic = !process.argv.includes('--only-fixtures');
if (only !== 'chromium') {
  const { runEngineBench, runSyntheticBench } = await importForNode('engine-core');
  const { init, defaultDevice } = await import('@jax-js/jax');
  await init('wasm');
  defaultDevice('wasm');
  const models = join(root, 'test', 'fixtures', 'models');
  const memory = { what: 'process RSS (includes Wasm memory)', bytes: () => process.memoryUsage().rss };
  if (fixtures) await runEngineBench(async (id, file) => new Uint8Array(await readFile(join(models, id, file))).buffer, 'wasm', 'Node', report, memory);
  if (synthetic) await runSyntheticBench('wasm', 'Node', report, memory);
}
if (only !== 'node') {
  const bench = await openBench();
  try {
    for (const m of await bench.page.evaluate((o) => window.engineBench(o), { synthetic, fixtures })) report(m);
  } finally {
    await bench.close();
  }
}
