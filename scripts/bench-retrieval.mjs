#!/usr/bin/env node
// npm run bench:retrieval [-- --json] [-- --sizes 10000,100000,300000] [-- --only node|chromium]
// Top-10 latency (p50, p95) and recall@10 against exact search, for synthetic
// 384-d unit vectors, in Node and in headless Chromium, next to the naive
// baseline, the exact float32 loop and Orama, all measured in the same run.
import { importForNode, openBench, report } from './bench/harness.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const sizes = (arg('sizes') ?? '10000,100000,300000').split(',').map(Number);
const only = arg('only');

if (only !== 'chromium') {
  const { runRetrievalBench } = await importForNode('retrieval-core');
  await runRetrievalBench(sizes, 'Node', report);
}
if (only !== 'node') {
  const bench = await openBench();
  try {
    for (const n of sizes) for (const m of await bench.page.evaluate((s) => window.retrievalBench(s), [n])) report(m);
  } finally {
    await bench.close();
  }
}
