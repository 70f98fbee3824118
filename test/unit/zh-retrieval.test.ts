// The Chinese demo pack through the real pipeline: parsed, chunked with the
// fixture embedder's own tokenizer, embedded, stored (fake-indexeddb), then
// searched with the pack's own questions. The fixture embedder knows every Han
// character of the pack, so vector search finds the supporting documents.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDemoManifest } from '../../src/demo/demo-pack';
import { Embedder } from '../../src/embed/embedder';
import { docKey } from '../../src/eval/metrics';
import type { QaItem } from '../../src/eval/types';
import { LibraryService } from '../../src/library/library-service';
import { SearchEngine } from '../../src/retrieval/search-engine';
import type { RetrievalMode } from '../../src/shared/search-api';
import { LibraryStore } from '../../src/store/library-store';
import { fixtureModelsDir, nodeIngestPort, tinyEmbedderSpec } from './helpers';

const dir = 'public/demo-zh';
const manifest = parseDemoManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
const qa: QaItem[] = readFileSync(join(dir, 'qa.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const answerable = qa.filter((q) => q.answer !== null);
const spec = tinyEmbedderSpec();
const embedder = new Embedder();
const engine = new SearchEngine(() => LibraryStore.open('zh'));

beforeAll(async () => {
  globalThis.indexedDB = new IDBFactory();
  await embedder.load(spec);
  const store = await LibraryStore.open('zh');
  let job = 0;
  const service = new LibraryService({
    store,
    ingest: nodeIngestPort(),
    embedder: async () => ({ choice: { entry: spec.entry, source: spec.source }, port: { embed: (texts, kind) => embedder.embed(++job, texts, kind) } }),
    // Each Han character is a token: 96 tokens is a paragraph or two of Chinese.
    chunkOptions: () => ({ chunkTokens: 96, overlapTokens: 16 }),
    onChange: () => undefined,
  });
  await service.addFiles(manifest.documents.map((d) => new File([readFileSync(join(dir, d.file))], d.file.replace('docs/', ''))));
  store.close();
  await engine.sync('local/tiny-embedder');
}, 60_000);

/** Share of answerable questions with a supporting document among the top k. */
async function hitRate(mode: RetrievalMode, k: number): Promise<number> {
  let hits = 0;
  for (const q of answerable) {
    const vector = (await embedder.embed(0, [q.question], 'query')).vectors;
    const r = await engine.search({ query: q.question, vector, k, mode });
    const gold = new Set(q.doc_ids!.map(docKey));
    if (r.results.some((c) => gold.has(docKey(c.docName)))) hits++;
  }
  return hits / answerable.length;
}

describe('the Chinese pack with the fixture embedder', () => {
  it('tokenizes every Han character of the pack to a known token, none to [UNK]', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = `${fixtureModelsDir}/`;
    const tokenizer = await AutoTokenizer.from_pretrained('tiny-embedder');
    const text = [...manifest.documents.filter((d) => d.type !== 'pdf').map((d) => readFileSync(join(dir, d.file), 'utf8')), readFileSync('scripts/demo-pack-zh/annual-report-2025.txt', 'utf8'), ...qa.map((q) => q.question)].join('\n');
    const han = [...new Set(text.match(/\p{Script=Han}/gu))];
    const ids = tokenizer.encode(han.join(' '), { add_special_tokens: false });
    expect(ids).toHaveLength(han.length);
    const unk = tokenizer.encode('[UNK]', { add_special_tokens: false });
    expect(unk).toHaveLength(1);
    expect(ids).not.toContain(unk[0]);
  });

  it('indexes all 22 documents, the PDF by page', async () => {
    const info = await engine.sync('local/tiny-embedder');
    expect(info).toMatchObject({ documents: manifest.documents.length, stale: 0 });
    const vector = (await embedder.embed(0, ['安装太阳能板的预算是多少？'], 'query')).vectors;
    const top = (await engine.search({ query: '安装太阳能板的预算是多少？', vector, k: 1, mode: 'vector' })).results[0]!;
    expect(top).toMatchObject({ docName: 'annual-report-2025.pdf', page: 3 });
  });

  it('finds a supporting document for most questions by vectors alone, and ranks a rare-character match first', async () => {
    // By chance, a single-document question would be hit at 5 of 22 documents about a quarter of the time.
    expect(await hitRate('vector', 5)).toBeGreaterThanOrEqual(0.9);
    expect(await hitRate('vector', 1)).toBeGreaterThanOrEqual(0.75);
    expect(await hitRate('hybrid', 5)).toBeGreaterThanOrEqual(0.9);
    const q = '合作社的仓库管理员是谁？';
    const vector = (await embedder.embed(0, [q], 'query')).vectors;
    expect((await engine.search({ query: q, vector, k: 3, mode: 'vector' })).results[0]?.docName).toBe('warehouse.txt');
  });
});
