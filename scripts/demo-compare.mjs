#!/usr/bin/env node
// npm run demo:compare [-- --pack en|zh|both] [--models <folder with catalog.json>] [--llm <id in that catalog>]
//   [--test-limit N] [--train-limit N] [--steps N] [--lr X] [--max-tokens N] [--dev 1 [--dump FILE]]
// --dev 1: base and RAG on the train split only (for developing a model or prompt; the test split stays unseen);
//   --dump FILE writes each of its prompts and replies as JSONL.
// The product's central comparison, end to end in Node on Wasm: index a demo pack with the built-in models,
// evaluate the base model and RAG on its held-out test split, build RAFT and self-generated-demonstration datasets
// from its train split, train a LoRA on each with the app's trainer, merge, and evaluate FT and RAG + FT. Prints
// the table with 95% bootstrap intervals and the time of each stage (docs/evaluate.md, "npm run demo:compare").
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importTsForNode } from './node-import.mjs';
import { root } from './bench/harness.mjs';

const args = process.argv.slice(2);
const flags = new Map();
for (let i = 0; i < args.length; i += 2) {
  if (!args[i].startsWith('--') || args[i + 1] === undefined) fail(`Unexpected argument ${args[i]}: flags take a value (--pack en).`);
  flags.set(args[i].slice(2), args[i + 1]);
}
function fail(message) {
  console.error(`demo:compare: ${message}`);
  process.exit(1);
}
const num = (name, fallback) => {
  if (!flags.has(name)) return fallback;
  const n = Number(flags.get(name));
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} must be a positive number.`);
  return n;
};

const modelsDir = resolve(flags.get('models') ?? join(root, 'public', 'builtin'));
const catalogPath = join(modelsDir, 'catalog.json');
if (!existsSync(catalogPath)) fail(`${catalogPath} is missing: build the site first (npm run build makes the built-in models), or pass --models <folder with catalog.json>.`);
const { demoCompare, metrics, formatEstimate, parseCatalog } = await importTsForNode(root, join(root, 'scripts', 'demo-compare', 'compare-entry.ts'), 'demo-compare');
const { catalog } = parseCatalog(readFileSync(catalogPath, 'utf8'));
const embedder = catalog.embedders[0];
const llm = flags.has('llm') ? catalog.llms.find((m) => m.id === flags.get('llm')) : catalog.llms.find((m) => m.engine === 'lab');
if (!embedder) fail(`${catalogPath} lists no embedder.`);
if (!llm) fail(`${catalogPath} lists no lab-engine LLM${flags.has('llm') ? ` with id ${flags.get('llm')}` : ''}.`);
const pack = flags.get('pack') ?? 'both';
if (!['en', 'zh', 'both'].includes(pack)) fail('--pack must be en, zh or both.');
const packs = pack === 'both' ? ['en', 'zh'] : [pack];

const columns = [
  ['contains', 'contains answer'], ['em', 'EM'], ['f1', 'F1'], ['citePrecision', 'citation precision'],
  ['abstention', 'abstains'], ['correctRefusal', 'abstains on unanswerable'], ['answeredAccuracy', 'accuracy on answered'],
];
const unitOf = new Map(metrics.map((m) => [m.id, m.unit]));

for (const id of packs) {
  const started = performance.now();
  const result = await demoCompare({
    packDir: join(root, 'public', id === 'en' ? 'demo' : 'demo-zh'), modelsDir, embedder, llmDir: join(modelsDir, llm.path),
    testLimit: flags.has('test-limit') ? num('test-limit') : null, trainLimit: flags.has('train-limit') ? num('train-limit') : null,
    train: { ...(flags.has('steps') ? { steps: num('steps') } : {}), ...(flags.has('lr') ? { lr: num('lr') } : {}) },
    maxTokens: num('max-tokens', 64), dev: flags.get('dev') === '1', ...(flags.has('dump') ? { dump: flags.get('dump') } : {}), log: (line) => console.error(`[${id}] ${line}`),
  });
  console.log(`\n## ${result.pack} (${id}): ${llm.label ?? llm.id}, embedder ${embedder.label ?? embedder.id}`);
  if (flags.get('dev') === '1') console.log(`Development run: base and RAG on ${result.items.test} items of the train split (not the test split).\n`);
  else console.log(`Test split: ${result.items.test} items; RAFT ${result.items.trainRaft} and self-generated ${result.items.trainSelfGen} training examples from the train split. Greedy decoding, 95% bootstrap intervals.\n`);
  console.log(`| mode | ${columns.map(([, label]) => label).join(' | ')} |`);
  console.log(`|---|${columns.map(() => '---').join('|')}|`);
  for (const row of result.rows) {
    console.log(`| ${row.label} | ${columns.map(([metric]) => formatEstimate(row.summary?.[metric], unitOf.get(metric))).join(' | ')} |`);
  }
  console.log(`\nStages: ${result.stages.map((s) => `${s.name} ${s.seconds.toFixed(0)} s`).join('; ')}; total ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  console.log(`Training: ${result.training.map((t) => `${t.dataset} ${t.steps} steps in ${t.seconds.toFixed(0)} s, final loss ${t.finalLoss?.toFixed(3) ?? '–'}`).join('; ')}.`);
}
