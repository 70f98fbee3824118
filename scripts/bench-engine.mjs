#!/usr/bin/env node
// npm run bench:engine [-- --json] [-- --only node|chromium]
// The lab engine's prefill and decode tokens/s on the fixture models: jax-js on Wasm in Node
// and on WebGPU (SwiftShader) in Chromium, each next to the plain-TypeScript reference.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importForNode, openBench, report, root } from './bench/harness.mjs';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== 'chromium') {
  const { runEngineBench } = await importForNode('engine-core');
  const { init, defaultDevice } = await import('@jax-js/jax');
  await init('wasm');
  defaultDevice('wasm');
  const models = join(root, 'test', 'fixtures', 'models');
  await runEngineBench(async (id, file) => new Uint8Array(await readFile(join(models, id, file))).buffer, 'wasm', 'Node', report);
}
if (only !== 'node') {
  const bench = await openBench();
  try {
    for (const m of await bench.page.evaluate(() => window.engineBench())) report(m);
  } finally {
    await bench.close();
  }
}
