#!/usr/bin/env node
// npm run bench:rerank [-- --json] [-- --only node|chromium] [-- --ns 10,30,100] [-- --reps 5] [-- --devices wasm,webgpu]
// Cross-encoder reranking latency for N = 10, 30 and 100 candidates, on the fixture
// reranker and on a model with MiniLM-L6's shape and random weights (written here,
// never committed), in Node (onnxruntime-node, CPU) and in headless Chromium (Wasm,
// and WebGPU, which is SwiftShader, a CPU emulation, on machines without a GPU),
// each next to the BM25 first stage of the same queries.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importForNode, openBench, report, root } from './bench/harness.mjs';
import { writeMiniLmShape } from './fixtures/minilm-shape.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const only = arg('only');
const ns = (arg('ns') ?? '10,30,100').split(',').map(Number);
const reps = Number(arg('reps') ?? 5);
const devices = (arg('devices') ?? 'wasm,webgpu').split(',');
const modelsDir = join(root, 'test', 'fixtures', 'models');
const models = [
  { path: 'tiny-reranker', label: 'fixture reranker' },
  { path: 'bench-minilm-shape', label: 'MiniLM-L6-shaped (random weights)' },
];
const minilm = () => writeMiniLmShape(join(modelsDir, 'bench-minilm-shape'), join(modelsDir, 'tiny-reranker'));

execFileSync(process.execPath, [join(root, 'scripts', 'make-fixtures.mjs')], { stdio: 'ignore' });
await minilm();
if (only !== 'chromium') {
  const { runRerankBench } = await importForNode('rerank-core');
  const vocab = JSON.parse(await readFile(join(modelsDir, 'tiny-reranker', 'tokenizer.json'), 'utf8')).model.vocab;
  const words = Object.keys(vocab).filter((w) => /^[a-z]{2,}$/.test(w));
  await runRerankBench({ platform: 'Node', baseUrl: `${modelsDir}/`, devices: ['cpu'], models, ns, reps, words }, report);
}
if (only !== 'node') {
  const bench = await openBench({ fixtures: false });
  try {
    await bench.page.exposeFunction('reportMeasurement', report);
    await bench.page.evaluate((o) => window.rerankBench(o), { devices, models, ns, reps });
  } finally {
    await bench.close();
  }
}
