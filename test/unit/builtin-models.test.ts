// The site's built-in lexical models (scripts/builtin/, public/builtin/catalog.json),
// generated into a temporary folder as the build does, run through transformers.js:
// the network computes the documented rule, words no corpus taught it are not [UNK],
// and retrieval on both demo packs, whose text the vocabulary never saw, is measured
// against the test fixture (vocabulary from the pack itself) and against the same
// fixture recipe built from another corpus, which is what a person's own documents
// would meet.
import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { IDBFactory } from 'fake-indexeddb';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/catalog/catalog';
import { parseDemoManifest } from '../../src/demo/demo-pack';
import { Embedder } from '../../src/embed/embedder';
import { Reranker } from '../../src/embed/reranker';
import { docKey } from '../../src/eval/metrics';
import type { QaItem } from '../../src/eval/types';
import { LibraryService } from '../../src/library/library-service';
import { SearchEngine } from '../../src/retrieval/search-engine';
import type { EmbedderEntry } from '../../src/shared/catalog-types';
import type { EmbedLoadSpec } from '../../src/shared/embed-api';
import { LibraryStore } from '../../src/store/library-store';
import { BUCKETS, DIM, writeBuiltinModels } from '../../scripts/builtin/lexical-models.mjs';
// @ts-expect-error plain-JavaScript generator, no types
import { writeEmbedder } from '../../scripts/fixtures/embedder.mjs';
import { nodeIngestPort, tinyEmbedderSpec } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'rag-lab-builtin-'));
const builtinCatalog = parseCatalog(readFileSync('public/builtin/catalog.json', 'utf8')).catalog;
const embedderEntry = builtinCatalog.embedders[0]!;
const rerankerEntry = builtinCatalog.rerankers[0]!;
const builtinSpec: EmbedLoadSpec = { entry: embedderEntry, source: { kind: 'local', baseUrl: `${dir}/` }, device: 'cpu' };

function initializer(folder: string, name: string): Float32Array {
  const model = onnxProto.onnx.ModelProto.decode(readFileSync(join(dir, folder, 'onnx/model.onnx')));
  const raw = model.graph!.initializer!.find((t) => t.name === name)!.rawData!;
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

async function tokenizer(folder: string) {
  env.allowRemoteModels = false;
  env.localModelPath = `${dir}/`;
  return AutoTokenizer.from_pretrained(folder);
}

beforeAll(async () => {
  await writeBuiltinModels(dir);
  // The fixture recipe (vocabulary and IDF from a corpus) fed with the project's own docs: a person's
  // documents are not the corpus a model was made from.
  const otherCorpus = readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => readFileSync(join('docs', f), 'utf8'));
  await writeEmbedder(join(dir, 'fixture-recipe'), otherCorpus);
}, 60_000);

describe('the built-in lexical embedder', () => {
  it('is listed with an honest label, and matches the generated model', () => {
    expect(embedderEntry.label).toMatch(/lexical.*tiny.*offline/i);
    expect(embedderEntry.dim).toBe(DIM);
    expect(rerankerEntry.label).toMatch(/lexical.*tiny.*offline/i);
  });

  it('cuts words no corpus taught it into known pieces, and Chinese into characters, none [UNK]', async () => {
    const tok = await tokenizer('lexical-embedder');
    const text = 'Photosynthesis in zooplankton 2024 Σύνταγμα Москва カタカナ 光合作用的浮游动物';
    const tokens = tok.tokenize(text);
    expect(tokens).not.toContain('[UNK]');
    expect(tok.tokenize('retrieval')).toEqual(['ret', '##rie', '##val']);
    expect(tok.tokenize('光合作用')).toEqual(['光', '合', '作', '用']);
  });

  it('embeds as the documented rule: the normalised sum of weight × bucket vector (id mod 8192)', async () => {
    const embedder = new Embedder();
    await embedder.load(builtinSpec);
    const tok = await tokenizer('lexical-embedder');
    const buckets = initializer('lexical-embedder', 'buckets');
    const weights = initializer('lexical-embedder', 'weights');
    const text = 'The harbour master of Tolsey keeps the tide tables; 合作社的仓库';
    const ids = tok.encode(text) as number[];
    const expected = new Float64Array(DIM);
    for (const id of ids) for (let j = 0; j < DIM; j++) expected[j] = expected[j]! + weights[id]! * buckets[(id % BUCKETS) * DIM + j]!;
    const norm = Math.hypot(...expected);
    const { vectors } = await embedder.embed(1, [text], 'passage');
    for (let j = 0; j < DIM; j++) expect(vectors[j]).toBeCloseTo(expected[j]! / norm, 5);
  });
});

describe('the built-in lexical reranker', () => {
  it('scores Σ weight over the distinct query tokens found in the passage, computed by the network', async () => {
    const reranker = new Reranker({ batchSize: 2 });
    await reranker.load({ entry: rerankerEntry, source: { kind: 'local', baseUrl: `${dir}/` }, device: 'cpu' });
    const tok = await tokenizer('lexical-reranker');
    const weights = initializer('lexical-reranker', 'weights');
    const query = 'When is kelp cut on Tolsey? kelp kelp 海带';
    const passages = ['Kelp is cut between 1 May and 15 August on Tolsey.', 'Heather honey sets like jelly.', '海带在五月收割。', 'kelp'];
    const { scores } = await reranker.rerank(1, query, passages);
    const q = new Set(tok.encode(query, { add_special_tokens: false }) as number[]);
    passages.forEach((p, i) => {
      const inPassage = new Set(tok.encode(p, { add_special_tokens: false }) as number[]);
      const expected = [...q].filter((id) => inPassage.has(id)).reduce((s, id) => s + weights[id]!, 0);
      expect(scores[i]).toBeCloseTo(expected, 4);
    });
    expect(scores[0]).toBeGreaterThan(scores[3]!); // more shared words
    expect(scores[1]).toBe(0);
  });
});

/** Indexes a demo pack with an embedder and returns hit@k (a supporting document among the top k, vectors alone). */
async function packHitRates(pack: 'demo' | 'demo-zh', spec: EmbedLoadSpec, ks: number[]): Promise<number[]> {
  globalThis.indexedDB = new IDBFactory();
  const folder = join('public', pack);
  const manifest = parseDemoManifest(JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')));
  const qa: QaItem[] = readFileSync(join(folder, 'qa.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const answerable = qa.filter((q) => q.answer !== null && q.doc_ids?.length);
  const embedder = new Embedder();
  await embedder.load(spec);
  const name = `${pack}-${spec.entry.id}`;
  const store = await LibraryStore.open(name);
  let job = 0;
  const service = new LibraryService({
    store, ingest: nodeIngestPort(),
    embedder: async () => ({ choice: { entry: spec.entry, source: spec.source }, port: { embed: (texts, kind) => embedder.embed(++job, texts, kind) } }),
    chunkOptions: () => (pack === 'demo-zh' ? { chunkTokens: 96, overlapTokens: 16 } : { chunkTokens: 200, overlapTokens: 30 }),
    onChange: () => undefined,
  });
  await service.addFiles(manifest.documents.map((d) => new File([readFileSync(join(folder, d.file))], d.file.replace('docs/', ''))));
  store.close();
  const engine = new SearchEngine(() => LibraryStore.open(name));
  await engine.sync(spec.entry.id);
  const hits = ks.map(() => 0);
  for (const q of answerable) {
    const vector = (await embedder.embed(0, [q.question], 'query')).vectors;
    const r = await engine.search({ query: q.question, vector, k: Math.max(...ks), mode: 'vector' });
    const gold = new Set(q.doc_ids!.map(docKey));
    ks.forEach((k, i) => (hits[i]! += r.results.slice(0, k).some((c) => gold.has(docKey(c.docName))) ? 1 : 0));
  }
  return hits.map((h) => h / answerable.length);
}

describe('retrieval on the demo packs, whose words the built-in vocabulary never saw', () => {
  const recipe = (): EmbedLoadSpec => {
    const entry: EmbedderEntry = { ...tinyEmbedderSpec().entry, id: 'local/fixture-recipe', path: 'fixture-recipe' };
    return { entry, source: { kind: 'local', baseUrl: `${dir}/` }, device: 'cpu' };
  };

  it('beats the fixture recipe on a corpus it was not made from, and comes near the fixture made from the pack itself', async () => {
    const ks = [1, 5];
    const rows: Record<string, Record<string, string>> = {};
    const rates: Record<string, Record<string, number[]>> = {};
    for (const pack of ['demo', 'demo-zh'] as const) {
      rates[pack] = {
        builtin: await packHitRates(pack, builtinSpec, ks),
        fixture: await packHitRates(pack, tinyEmbedderSpec(), ks),
        recipe: await packHitRates(pack, recipe(), ks),
      };
      for (const [model, r] of Object.entries(rates[pack]!)) (rows[model] ??= {})[pack] = r.map((x, i) => `hit@${ks[i]} ${(x * 100).toFixed(0)}%`).join(', ');
    }
    console.table(rows);
    const en = rates.demo!;
    const zh = rates['demo-zh']!;
    // What a person's own documents get: the built-in knows their words; the fixture recipe fed another corpus
    // falls back to letters for the words it lacks, and knows no Chinese character at all.
    expect(en.builtin![0]!).toBeGreaterThan(en.recipe![0]!);
    expect(en.builtin![1]!).toBeGreaterThan(en.recipe![1]!);
    expect(zh.builtin![1]!).toBeGreaterThan(zh.recipe![1]! + 0.5);
    // And no worse than the fixture that was made from the pack it is tested on.
    for (const r of [en, zh]) for (const i of [0, 1]) expect(r.builtin![i]!).toBeGreaterThanOrEqual(r.fixture![i]! - 0.05);
    // Absolute floors (by chance, hit@5 of 26 documents is about a fifth).
    expect(en.builtin![1]!).toBeGreaterThanOrEqual(0.7);
    expect(zh.builtin![1]!).toBeGreaterThanOrEqual(0.7);
  }, 300_000);
});

