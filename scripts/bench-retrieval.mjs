#!/usr/bin/env node
// npm run bench:retrieval [-- --json] [-- --sizes 10000,100000] [-- --million 1000000] [-- --only node|chromium]
//                         [-- --profile DIR] (keeps the browser profile, and reuses its seeded million rows)
// Top-10 latency (p50, p95) and recall@10 against exact search on synthetic clustered 384-d
// embeddings. In memory (Node and headless Chromium): ours next to the previous int8-scan design,
// the naive baseline, the exact float32 loop and Orama, all measured in the same run. Then, in
// Chromium, `--million` rows stored through the app's LibraryStore into OPFS segment files: cold
// load, worker memory, p50/p95 and recall for ours, next to the exact float32 scan of the files
// and the previous design (every float32 vector read into memory), and a document deleted at 1M.
// Worker memory is the renderer processes' resident memory (Linux /proc) grown by the step. The browser
// has a profile on disk, as a person's has (a fresh Playwright context keeps OPFS in memory, behind IPC).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importForNode, openBench, report } from './bench/harness.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const sizes = (arg('sizes') ?? '10000,100000').split(',').map(Number).filter(Boolean);
const millionRows = Number(arg('million') ?? 1_000_000);
const only = arg('only');

/** Resident memory of this run's Chromium renderers (the page and its workers), in MB. */
function rendererMb() {
  let total = 0;
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const procs = out.trim().split('\n').map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/)).filter(Boolean).map((m) => ({ pid: +m[1], ppid: +m[2], args: m[3] }));
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (mine.has(p.ppid) && !mine.has(p.pid)) (mine.add(p.pid), (grew = true));
  }
  for (const p of procs) {
    if (!mine.has(p.pid) || !p.args.includes('--type=renderer')) continue;
    try {
      total += Number(readFileSync(`/proc/${p.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
    } catch {
      // It ended meanwhile.
    }
  }
  return Math.round(total);
}

if (only !== 'chromium' && sizes.length) {
  const { runRetrievalBench } = await importForNode('retrieval-core');
  await runRetrievalBench(sizes, 'Node', report);
}
if (only !== 'node') {
  const profile = arg('profile');
  const bench = await openBench({ persistent: profile ?? true });
  try {
    const { page } = bench;
    for (const n of sizes) for (const m of await page.evaluate((s) => window.retrievalBench(s), [n])) report(m);
    if (millionRows) {
      const db = 'bench-million';
      const perDoc = 1000;
      const step = (name, ...args) => page.evaluate(([n, a]) => window.million.call(n, a), [name, args]);
      const fresh = async () => {
        await page.evaluate(() => window.million.stop());
        await new Promise((r) => setTimeout(r, 1500));
        const before = rendererMb();
        await page.evaluate(() => window.million.start());
        return before;
      };
      await fresh();
      const cached = profile && join(profile, `seeded-${millionRows}.json`);
      const reused = cached && existsSync(cached);
      const seeded = reused ? JSON.parse(readFileSync(cached, 'utf8')) : await step('seed', db, millionRows, perDoc);
      if (cached) writeFileSync(cached, JSON.stringify(seeded));
      const measureLoad = async (layout, binary, truth) => {
        const before = await fresh();
        const loaded = await step('load', db, layout, binary, truth);
        const worker_mb = rendererMb() - before;
        return { ...loaded, worker_mb };
      };
      const ours = await measureLoad('files', undefined, seeded.truth);
      const oursQueries = await step('queryHeld', seeded.truth);
      const exact = await step('exactScan', 3);
      const int8 = await measureLoad('files', false);
      const int8Queries = await step('queryHeld', seeded.truth);
      const previous = await measureLoad('previous');
      const previousQueries = await step('queryHeld', seeded.truth);
      // A document deleted at 1M: its rows become dead in their file; the worker loads again and never returns them.
      // (Not with a reused profile: its documents must stay as they were seeded.)
      let afterDelete = {};
      if (!reused) {
        await fresh();
        const deleted = await step('deleteDoc', db, Math.floor(millionRows / perDoc / 2));
        const reloaded = await step('load', db, 'files', undefined, undefined);
        afterDelete = { ...deleted, ...(await step('queryHeld', seeded.truth, deleted.doc)), cold_load_ms: reloaded.cold_load_ms, rows: reloaded.rows };
      }
      await page.evaluate(() => window.million.stop());
      const { truth, ...seedFigures } = seeded;
      report({
        bench: 'retrieval', case: `top-10 of ${millionRows}x384 clustered, vectors in OPFS files, in Chromium: ${ours.method}`, n: millionRows,
        ...oursQueries, cold_load_ms: ours.cold_load_ms, int8_ready_ms: ours.int8_ready_ms, while_int8_streams: ours.while_int8_streams,
        worker_mb: ours.worker_mb, index_mb: ours.index_mb,
        ...seedFigures.shape,
        after_deleting_one_document: afterDelete, steps_ms: ours.steps_ms,
        baseline: {
          int8_scan_of_codes: { ...int8Queries, cold_load_ms: int8.cold_load_ms, worker_mb: int8.worker_mb, index_mb: int8.index_mb },
          exact_f32_scan_of_files: exact,
          previous_design_f32_in_memory: { ...previousQueries, cold_load_ms: previous.cold_load_ms, worker_mb: previous.worker_mb, index_mb: previous.index_mb },
          seeding: { seed_ms: seedFigures.seed_ms, compact_ms: seedFigures.compact_ms },
        },
      });
    }
  } finally {
    await bench.close();
  }
}
