#!/usr/bin/env node
// npm run bench:engine [-- --json] [-- --only node|chromium]
// The lab engine's prefill and decode tokens/s on the fixture models: jax-js on Wasm in Node
// and on WebGPU (SwiftShader) in Chromium, each next to the plain-TypeScript reference.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { openBench, report, root } from './bench/harness.mjs';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== 'chromium') {
  const outDir = join(root, 'dist-bench', 'node-engine');
  await build({
    root, logLevel: 'error', configFile: false,
    build: { ssr: join(root, 'bench', 'engine-core.ts'), outDir, emptyOutDir: true, target: 'node20', rollupOptions: { output: { entryFileNames: 'engine-core.mjs' } } },
  });
  const { runEngineBench } = await import(pathToFileURL(join(outDir, 'engine-core.mjs')).href);
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
