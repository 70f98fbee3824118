#!/usr/bin/env node
// npm run eval:graph [-- --set heldout|dev|probes|demo] [-- --set dev --dir <copy of the dev set>] [-- --misses [--gold]] [-- --json] [-- --set dev --dump <doc id>|all] [-- --set dev --explain <question id>]
// The graph extractor and RoG's no-LLM pipeline on labelled sets (docs/graph.md, "Measured"):
//   heldout — test/fixtures/graph-heldout/, frozen before the extractor was rewritten and never tuned on;
//   dev     — test/fixtures/graph-dev/, the set the extractor is tuned on;
//   probes  — test/fixtures/graph-probes/, pages written to probe the rules with questions written beside them, before
//             any rule was changed for them (tuned on since; questions only, no gold triples);
//   demo    — the demo pack (public/demo/: kg.jsonl and the multi-hop items of qa.jsonl), which the old extractor was fitted to.
// Prints triple precision and recall, and on the multi-hop questions RoG's baseline Hit and answer-list F1 (rules
// alone), path reach, and the same on the gold triples as the graph.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTsForNode } from './node-import.mjs';
import { root } from './bench/harness.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const json = process.argv.includes('--json');
const misses = process.argv.includes('--misses');
// --gold: --misses and --explain read the answers on the gold graph (the planner and search alone, extraction aside).
const onGold = process.argv.includes('--gold');
const sets = arg('set') ? [arg('set')] : ['demo', 'dev', 'probes', 'heldout'];
const core = await importTsForNode(root, join(root, 'src', 'bench', 'graph-eval-core.ts'), 'eval-graph-core');
const { parseGoldTriples } = core;
const jsonl = (file) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

async function load(set) {
  if (set === 'demo') {
    const dir = join(root, 'public', 'demo');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const docs = await Promise.all(manifest.documents.map((d) => d.type === 'pdf'
      ? core.parseSetDocument(d.id, `${d.id}.txt`, readFileSync(join(root, 'scripts', 'demo-pack', `${d.id}.txt`)))
      : core.parseSetDocument(d.id, d.file, readFileSync(join(dir, d.file)))));
    const questions = jsonl(join(dir, 'qa.jsonl')).filter((q) => q.relation_path)
      .map((q) => ({ id: q.id, question: q.question, answers: [q.answer, ...(q.aliases ?? [])] }));
    return { docs, gold: parseGoldTriples(readFileSync(join(dir, 'kg.jsonl'), 'utf8')).triples, questions };
  }
  // --dir: a copy of the dev set (say, the committed one while the working copy is being extended).
  const dir = set === 'dev' && arg('dir') ? arg('dir') : join(root, 'test', 'fixtures', set === 'dev' ? 'graph-dev' : set === 'probes' ? 'graph-probes' : 'graph-heldout');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const docs = await Promise.all(manifest.documents.map((d) => core.parseSetDocument(d.id, d.file, readFileSync(join(dir, d.file)))));
  const questions = jsonl(join(dir, 'questions.jsonl')).map((q) => ({ id: q.id, question: q.question, answers: [...q.answers, ...(q.aliases ?? [])], lang: q.lang }));
  return { docs, gold: parseGoldTriples(readFileSync(join(dir, 'kg.jsonl'), 'utf8')).triples, questions };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const pr = (s) => `P ${pct(s.precision)} R ${pct(s.recall)} (${s.correct}/${s.extracted} right, ${s.found}/${s.gold} found)`;
const qs = (s) => `Hit ${pct(s.hit / s.n)} (${s.hit}/${s.n}), F1 ${pct(s.f1 / s.n)}, reach ${pct(s.reach / s.n)}, unlinked ${s.unlinked}`;
const out = [];
for (const set of sets) {
  const { docs, gold, questions } = await load(set);
  if (arg('dump')) {
    for (const d of docs.filter((x) => arg('dump') === 'all' || x.id === arg('dump'))) console.log(core.dumpDocument(d, gold));
    continue;
  }
  const s = core.evaluateSet(docs, gold, questions);
  out.push({ set, ...s });
  if (json) continue;
  console.log(`\n${set}: ${s.documents} documents, ${s.all.gold} gold triples, ${questions.length} multi-hop questions; extraction ${s.extractMs.toFixed(0)} ms`);
  // (The probe set has questions only: no triple scores and no gold graph to answer on.)
  const hasGold = s.all.gold > 0;
  if (hasGold) {
    console.log(`  triples, typed:        ${pr(s.typed)}`);
    console.log(`  triples, all:          ${pr(s.all)}`);
    console.log(`  triples, unlabelled:   ${pr(s.unlabelled)}`);
  }
  console.log(`  RoG, rules alone:      ${qs(s.questions)}`);
  if (hasGold) console.log(`  RoG on the gold graph: ${qs(s.goldGraph)}`);
  const answers = onGold ? s.goldAnswers : s.answers;
  if (misses) for (const a of answers.filter((x) => !x.hit)) console.log(`    miss ${a.id}: ${a.baseline ?? '(no path)'}${a.reach ? ' (a path reaches the answer)' : ''}`);
  for (const a of answers.filter((x) => x.id === arg('explain'))) console.log(`  ${a.id}:\n    plans: ${a.plans.join(' | ')}\n    ${a.paths.join('\n    ')}`);
}
if (json) console.log(JSON.stringify(out.map(({ answers: _a, goldAnswers: _g, ...rest }) => rest), null, 1));
