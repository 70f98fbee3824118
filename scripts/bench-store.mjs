#!/usr/bin/env node
// npm run bench:store [-- --json] [-- --n 100000]
// 1. Cold load of N 384-d vectors from IndexedDB into one Float32Array: our per-document
//    blocks vs one record per vector, each read after a page reload (a fresh JS heap).
// 2. Ingest throughput without the model (parse + chunk + store) in chunks/s: our
//    one-transaction-per-document blocks vs one transaction per chunk with one record per
//    chunk and per vector (the idiomatic `await db.put()` loop).
import { seededRandom } from '../src/shared/random.mjs';
import { openBench, report, round, stats } from './bench/harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('n', 100_000);
const perDoc = arg('per-doc', 100);
const runs = arg('runs', 5);

/** Deterministic markdown documents made of English words, with headings. */
function syntheticDocs(count, paragraphs) {
  const words = 'kelp barley harvest seawall cooperative member ferry honey sheep wool mill tide storm seed bank warden compost water reservoir greenhouse market crowns island village field rotation clover potato dairy cheese apprentice festival lighthouse cottage'.split(' ');
  const rand = seededRandom(42);
  const pick = () => words[Math.floor(rand() * words.length)];
  const sentence = () => {
    const w = Array.from({ length: 8 + Math.floor(rand() * 12) }, pick);
    return w[0][0].toUpperCase() + w.join(' ').slice(1) + '.';
  };
  return Array.from({ length: count }, (_, d) =>
    Array.from({ length: paragraphs }, (_, p) => `${p % 4 === 0 ? `## Section ${d}.${p}\n\n` : ''}${Array.from({ length: 4 }, sentence).join(' ')}`).join('\n\n'),
  );
}

const bench = await openBench();
try {
  const { page } = bench;
  const seeded = await page.evaluate(([total, per]) => window.bench.seed(total, per), [n, perDoc]);
  const ours = [];
  const base = [];
  for (let i = 0; i < runs; i++) {
    await bench.reload();
    const a = await page.evaluate(() => window.bench.loadOurs());
    await bench.reload();
    const b = await page.evaluate(() => window.bench.loadBaseline());
    if (a.count !== n || b.count !== n) throw new Error(`loaded ${a.count} / ${b.count} vectors, expected ${n}`);
    ours.push(a.ms);
    base.push(b.ms);
  }
  const o = stats(ours);
  const bl = stats(base);
  report({
    bench: 'store', case: `cold-load ${n}x384 (written as documents of ${perDoc} vectors, then compacted)`, n, ...o,
    speedup_p50: round(bl.p50_ms / o.p50_ms), write_ms: round(seeded.oursMs),
    baseline: { layout: 'one record per vector', ...bl, write_ms: round(seeded.baselineMs) },
  });

  const docs = syntheticDocs(300, 24);
  const a = await page.evaluate((d) => window.bench.ingest(d, 'ours'), docs);
  const b = await page.evaluate((d) => window.bench.ingest(d, 'baseline'), docs);
  report({
    bench: 'store', case: 'ingest without model (parse + chunk + store)', n: a.chunks, docs: docs.length,
    chunks_per_s: round((a.chunks / a.ms) * 1000, 0), total_ms: round(a.ms),
    baseline: { layout: 'one transaction per chunk, one record per chunk and per vector', chunks_per_s: round((b.chunks / b.ms) * 1000, 0), total_ms: round(b.ms) },
  });
} finally {
  await bench.close();
}
