import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Reranker, relevanceScores } from '../../src/embed/reranker';
import { ScoreCache } from '../../src/embed/score-cache';
import { ModelLoadError, RerankError, isAbortError } from '../../src/shared/errors';
import type { RerankProgress } from '../../src/shared/rerank-api';
import { fixtureModelsDir, tinyRerankerSpec } from './helpers';

/** The fixture's rule, recomputed outside the network: Σ idf over distinct word ids in both query and passage. */
async function expectedScore(query: string, passage: string): Promise<number> {
  const model = onnxProto.onnx.ModelProto.decode(readFileSync(join(fixtureModelsDir, 'tiny-reranker/onnx/model.onnx')));
  const raw = model.graph!.initializer!.find((t) => t.name === 'idf')!.rawData!;
  const idf = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  env.allowRemoteModels = false;
  env.localModelPath = `${fixtureModelsDir}/`;
  const tokenizer = await AutoTokenizer.from_pretrained('tiny-reranker');
  const q = new Set(tokenizer.encode(query, { add_special_tokens: false }));
  const p = new Set(tokenizer.encode(passage, { add_special_tokens: false }));
  return [...q].filter((id) => p.has(id)).reduce((s, id) => s + idf[id]!, 0);
}

const query = 'When is kelp cut on Tolsey?';
const passages = [
  'The seed warden checks the hygrometer every Monday.',
  'Kelp is cut between 1 May and 15 August on Tolsey.',
  'The ferry is cut when the wind is high.',
  'Kelp beds are counted each spring.',
  'Heather honey sets like jelly.',
];

describe('Reranker (transformers.js on the CPU, fixture cross-encoder)', () => {
  const reranker = new Reranker({ batchSize: 2 });
  beforeAll(async () => {
    await reranker.load(tinyRerankerSpec());
  });

  it('scores every pair by the fixture rule, computed by the network', async () => {
    const r = await reranker.rerank(1, query, passages);
    expect(r.scores).toHaveLength(passages.length);
    for (let i = 0; i < passages.length; i++) expect(r.scores[i]).toBeCloseTo(await expectedScore(query, passages[i]!), 4);
  });

  it('puts the passage that shares the rare words first, and one that shares nothing last', async () => {
    const r = await reranker.rerank(2, query, passages);
    const order = r.scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
    expect(order[0]).toBe(1); // kelp, cut, Tolsey, is, on
    expect(r.scores[4]).toBe(0); // honey: no shared word
    // One rare word (hygrometer) outweighs five common ones (the, is, on, in, may).
    const common = 'The boat is on the slip in May.';
    const rare = 'A hygrometer reads humidity.';
    const [c, h] = (await reranker.rerank(3, 'Is the hygrometer on the shelf in May?', [common, rare])).scores as [number, number];
    expect(h).toBeGreaterThan(c);
    expect(c).toBeGreaterThan(0);
  });

  it('runs the pairs in batches and reports progress per batch', async () => {
    const events: RerankProgress[] = [];
    const fresh = new Reranker({ batchSize: 2 });
    await fresh.load(tinyRerankerSpec());
    const r = await fresh.rerank(1, query, passages, (p) => events.push(p));
    expect(events).toEqual([2, 4, 5].map((done) => ({ kind: 'rerank', done, total: 5 })));
    const single = new Reranker({ batchSize: 16 });
    await single.load(tinyRerankerSpec());
    const all = await single.rerank(1, query, passages);
    all.scores.forEach((s, i) => expect(s).toBeCloseTo(r.scores[i]!, 5));
  });

  it('skips pairs already scored for the same query in the session', async () => {
    const fresh = new Reranker({ batchSize: 2 });
    await fresh.load(tinyRerankerSpec());
    expect(await fresh.rerank(1, query, passages.slice(0, 3))).toMatchObject({ scored: 3, cached: 0 });
    const again = await fresh.rerank(2, query, passages);
    expect(again).toMatchObject({ scored: 2, cached: 3 });
    expect(await fresh.rerank(3, 'honey', passages)).toMatchObject({ scored: 5, cached: 0 });
  });

  it('stops a cancelled job between batches with an AbortError', async () => {
    const fresh = new Reranker({ batchSize: 2 });
    await fresh.load(tinyRerankerSpec());
    let batches = 0;
    const error = await fresh.rerank(7, query, passages, () => (batches++, fresh.cancel(7))).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(batches).toBe(1);
    // The cancel flag is cleared, and the batch that finished is cached.
    await expect(fresh.rerank(7, query, passages)).resolves.toMatchObject({ scored: 3, cached: 2 });
  });

  it('reports status, and refuses to rerank before a model is loaded', async () => {
    expect(reranker.status()).toEqual({ modelId: 'local/tiny-reranker', device: 'cpu', dtype: 'fp32' });
    await expect(new Reranker().rerank(1, 'q', ['p'])).rejects.toThrow(RerankError);
  });

  it('explains where a missing reranker was looked for', async () => {
    const error = await new Reranker().load(tinyRerankerSpec({ id: 'missing', path: 'no-such-model' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as Error).message).toMatch(/reranker .*local pack .*no-such-model.*turn reranking off/s);
  });
});

describe('relevanceScores and ScoreCache', () => {
  it('reads one logit per row, or the relevant-minus-irrelevant margin of two', () => {
    expect(relevanceScores({ data: [1.5, -2], dims: [2, 1] })).toEqual([1.5, -2]);
    expect(relevanceScores({ data: [0, 3, 2, 1], dims: [2, 2] })).toEqual([3, -1]);
    expect(() => relevanceScores({ data: [0, 0, 0], dims: [1, 3] })).toThrow(RerankError);
  });

  it('forgets the oldest scores first when full', () => {
    const cache = new ScoreCache(2);
    cache.set('m', 'q', 'a', 1);
    cache.set('m', 'q', 'b', 2);
    cache.set('m', 'q', 'c', 3);
    expect([cache.get('m', 'q', 'a'), cache.get('m', 'q', 'b'), cache.get('m', 'q', 'c'), cache.size]).toEqual([undefined, 2, 3, 2]);
    expect(cache.get('other', 'q', 'b')).toBeUndefined();
  });
});
