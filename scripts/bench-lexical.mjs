#!/usr/bin/env node
// npm run bench:lexical [-- --json] [-- --sizes 100000,300000,1000000] [-- --minisearch-up-to 300000]
// BM25 in Node at library scale: our compact inverted index next to MiniSearch, build time, memory (heap and array
// buffers after a forced GC) and query p50/p95, on the same synthetic chunks (src/bench/lexical-core.ts).
import { execFileSync } from 'node:child_process';
import { importForNode, report } from './bench/harness.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
if (!process.execArgv.includes('--expose-gc')) {
  // Memory figures need a GC before each reading: run again with it.
  execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=12000', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(0);
}
const sizes = (arg('sizes') ?? '100000,300000,1000000').split(',').map(Number);
const upTo = Number(arg('minisearch-up-to') ?? 300_000);
const { runLexicalBench } = await importForNode('lexical-core');
await runLexicalBench(sizes, upTo, report);
