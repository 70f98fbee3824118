#!/usr/bin/env node
// npm run bench:graph [-- --json] [-- --sizes 10000,100000] [-- --chars 2000000]
// Knowledge graph (Reasoning on Graphs, docs/graph.md), in Node: deterministic extraction
// throughput on the demo pack's text, graph load time, and 2-hop constrained retrieval
// p50/p95 at 10k and 100k synthetic edges, and constrained decoding's token mask per step (src/bench/constrain-core.ts),
// each next to a baseline from the same run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTsForNode } from './node-import.mjs';
import { report, root } from './bench/harness.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const sizes = (arg('sizes') ?? '10000,100000').split(',').map(Number);
const chars = Number(arg('chars') ?? 2_000_000);

const core = await importTsForNode(root, join(root, 'src', 'bench', 'graph-core.ts'), 'bench-graph-core');
const { parseHtml } = await importTsForNode(root, join(root, 'src', 'ingest', 'html.ts'), 'bench-graph-html');
// The demo pack's text as the library stores it (HTML reduced to text; the PDF's source text).
const manifest = JSON.parse(readFileSync(join(root, 'public/demo/manifest.json'), 'utf8'));
const texts = manifest.documents.map((d) => {
  const raw = readFileSync(d.type === 'pdf' ? join(root, 'scripts/demo-pack', `${d.id}.txt`) : join(root, 'public/demo', d.file), 'utf8');
  return { id: d.id, text: d.type === 'html' ? parseHtml(raw).text : raw };
});
await core.loadTagger();
core.runExtractionBench(texts, chars, report);
core.runGraphBench(sizes, report);
// Constrained decoding (RoG's planner and LLM extractor): the token mask's cost per generated token.
const constrain = await importTsForNode(root, join(root, 'src', 'bench', 'constrain-core.ts'), 'bench-graph-constrain');
const words = [...new Set(texts.flatMap((t) => t.text.match(/[\p{L}][\p{L}\p{N}'-]*/gu) ?? []))].sort();
constrain.runConstrainBench(words, report);
