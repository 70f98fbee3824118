#!/usr/bin/env node
// `npm test`: the generated fixtures, the unit tests, the production build, then the browser tests against it, in that order, stopping at
// the first failure; prints the time of each stage and the total (the suite's budget is 12 minutes on 2 cores).
import { spawnSync } from 'node:child_process';

const stages = [
  ['fixtures', ['run', 'fixtures']],
  ['unit tests', ['run', 'test:unit']],
  ['build', ['run', 'build']],
  ['browser tests', ['run', 'test:browser']],
];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const times = [];
const started = performance.now();
for (const [name, args] of stages) {
  const t = performance.now();
  const { status } = spawnSync(npm, [...args, ...(name === 'browser tests' ? process.argv.slice(2) : [])], { stdio: 'inherit' });
  times.push(`${name} ${((performance.now() - t) / 1000).toFixed(0)} s`);
  if (status !== 0) {
    console.error(`\nnpm test: ${name} failed (${times.join(', ')}).`);
    process.exit(status ?? 1);
  }
}
const total = (performance.now() - started) / 1000;
console.log(`\nnpm test: ${times.join(', ')}; total ${total.toFixed(0)} s (${(total / 60).toFixed(1)} min).`);
