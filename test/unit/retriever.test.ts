// The retrieval API with and without reranking: a scripted first stage (fixed
// order), the real fixture cross-encoder as the second.
import { beforeAll, describe, expect, it } from 'vitest';
import { Reranker } from '../../src/embed/reranker';
import { applyRerank } from '../../src/retrieval/rerank-order';
import { Retriever, type RetrieverPorts } from '../../src/retrieval/retriever';
import { RerankError, isAbortError } from '../../src/shared/errors';
import type { RetrievedChunk, SearchRequest } from '../../src/shared/search-api';
import { tinyRerankerSpec } from './helpers';

const texts = [
  'The boat is on the slip in May.',
  'Heather honey sets like jelly.',
  'A hygrometer reads humidity in the seed store.',
  'The seed warden checks the hygrometer every Monday.',
  'Sheep are sheared in June.',
];
const chunk = (text: string, i: number): RetrievedChunk => ({
  docId: `d${i}`, docName: `doc ${i}.md`, ord: 0, text, headingPath: [], start: 0, end: text.length, score: 1 - i / 10, scores: { fused: 1 - i / 10 },
});

function ports(reranker: Reranker | null, requests: SearchRequest[]): RetrieverPorts {
  let job = 0;
  return {
    embedderId: () => 'local/tiny-embedder',
    embedQuery: async () => new Float32Array(4),
    search: {
      synced: 'local/tiny-embedder',
      sync: async (embedderId) => ({ embedderId, documents: 5, chunks: 5, stale: 0, loadMs: 0 }),
      // The first stage's order is the list's order, cut at k.
      search: async (request) => {
        requests.push(request);
        return { results: texts.slice(0, request.k).map(chunk), mode: request.mode, timings: { vectorMs: 1, lexicalMs: 1, fuseMs: 0, searchMs: 2 }, searchable: 5, stale: 0 };
      },
      planLabels: async () => ({ linked: [], labels: [] }),
    },
    ...(reranker ? { rerank: (modelId, query, passages, signal) => {
      const id = ++job;
      signal?.addEventListener('abort', () => reranker.cancel(id), { once: true });
      return reranker.rerank(id, query, passages);
    } } : {}),
  };
}

const query = 'When does the warden check the hygrometer?';

describe('Retriever with a second stage', () => {
  const reranker = new Reranker({ batchSize: 2 });
  beforeAll(async () => {
    await reranker.load(tinyRerankerSpec());
  });

  it('without rerank: the first stage\'s top k, untouched, with rerankMs 0', async () => {
    const requests: SearchRequest[] = [];
    const r = await new Retriever(ports(reranker, requests)).retrieve({ query, k: 2, mode: 'hybrid' });
    expect(requests[0]!.k).toBe(2);
    expect(r.results.map((x) => x.docId)).toEqual(['d0', 'd1']);
    expect(r.results[0]!.rerankScore).toBeUndefined();
    expect(r.timings.rerankMs).toBe(0);
    expect(r.rerank).toBeUndefined();
  });

  it('with rerank: asks the first stage for N, reorders by the fixture rule and keeps k', async () => {
    const requests: SearchRequest[] = [];
    const r = await new Retriever(ports(reranker, requests)).retrieve({ query, k: 2, mode: 'hybrid', rerank: { topN: 5, modelId: 'local/tiny-reranker' } });
    expect(requests[0]!.k).toBe(5);
    expect(requests[0]).not.toHaveProperty('rerank');
    // "warden", "checks"… and "hygrometer" (rare) win over the first stage's top result, which shares only "the".
    expect(r.results.map((x) => [x.docId, x.firstStageRank])).toEqual([['d3', 4], ['d2', 3]]);
    expect(r.results[0]!.score).toBe(r.results[0]!.rerankScore);
    expect(r.results[0]!.rerankScore!).toBeGreaterThan(r.results[1]!.rerankScore!);
    expect(r.results[0]!.scores).toEqual({ fused: expect.closeTo(0.7, 5) });
    expect(r.rerank).toMatchObject({ modelId: 'local/tiny-reranker', topN: 5, candidates: 5 });
    expect(r.timings.rerankMs).toBeGreaterThan(0);
  });

  it('raises N to k, and answers a repeated query from the session cache', async () => {
    const requests: SearchRequest[] = [];
    const retriever = new Retriever(ports(reranker, requests));
    const first = await retriever.retrieve({ query: 'honey jelly', k: 3, mode: 'lexical', rerank: { topN: 1, modelId: 'local/tiny-reranker' } });
    expect(requests[0]!.k).toBe(3);
    expect(first.results[0]!.docId).toBe('d1');
    const again = await retriever.retrieve({ query: 'honey jelly', k: 3, mode: 'lexical', rerank: { topN: 1, modelId: 'local/tiny-reranker' } });
    expect(again.rerank).toMatchObject({ scored: 0, cached: 3 });
  });

  it('cancelling the query cancels its reranking', async () => {
    const controller = new AbortController();
    const slow = new Reranker({ batchSize: 1 });
    await slow.load(tinyRerankerSpec());
    const p = ports(slow, []);
    const rerank = p.rerank!;
    // Abort as soon as the second stage starts: the worker stops at the next batch boundary.
    p.rerank = (m, q, passages, signal) => {
      const job = rerank(m, q, passages, signal);
      controller.abort();
      return job;
    };
    const error = await new Retriever(p).retrieve({ query, k: 2, mode: 'hybrid', rerank: { topN: 5, modelId: 'm' } }, { signal: controller.signal }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    // An already aborted signal stops before the second stage starts.
    await expect(new Retriever(ports(slow, [])).retrieve({ query, k: 2, mode: 'hybrid', rerank: { topN: 5, modelId: 'm' } }, { signal: AbortSignal.abort() }))
      .rejects.toMatchObject({ name: 'AbortError' });
  });

  it('says what to do when no reranker can run', async () => {
    await expect(new Retriever(ports(null, [])).retrieve({ query, k: 2, mode: 'hybrid', rerank: { topN: 5, modelId: 'm' } })).rejects.toThrow(RerankError);
  });
});

describe('applyRerank', () => {
  it('keeps the first stage\'s order on ties, and refuses a score count that does not match', () => {
    const results = texts.slice(0, 3).map(chunk);
    expect(applyRerank(results, [1, 2, 2], 3).map((r) => r.firstStageRank)).toEqual([2, 3, 1]);
    expect(() => applyRerank(results, [1], 3)).toThrow(/1 scores for 3 passages/);
  });
});

describe('Retriever in the graph modes, with an embedder for graph texts', () => {
  /** Ports whose search worker holds `pending` graph texts without vectors; each embedded text becomes [i, i, i, i]. */
  function graphPorts(pending: string[], requests: SearchRequest[], calls: string[][], fail = false): RetrieverPorts {
    const base = ports(null, requests);
    let n = 0;
    return {
      ...base,
      embedTexts: async (batch) => {
        if (fail) throw new Error('the embedder failed to load');
        calls.push(batch);
        return Float32Array.from(batch.flatMap(() => { n++; return [n, n, n, n]; }));
      },
      search: {
        ...base.search,
        graphTextsToEmbed: async (limit) => ({ embedderId: 'local/tiny-embedder', texts: pending.slice(0, limit) }),
        addGraphVectors: async (_id, batch, vectors) => {
          expect(vectors).toHaveLength(batch.length * 4);
          pending.splice(0, batch.length);
          return batch.length;
        },
      },
    };
  }

  it('sends the query vector and its spans\' vectors, after embedding the graph\'s texts in batches', async () => {
    const requests: SearchRequest[] = [];
    const calls: string[][] = [];
    const pending = Array.from({ length: 150 }, (_, i) => `name ${i}`);
    await new Retriever(graphPorts(pending, requests, calls)).retrieve({ query: 'Who keeps the old tide mill?', k: 2, mode: 'graph' });
    // One call for the question and its spans, then the graph's 150 texts in batches of 64.
    expect(calls[0]).toEqual(['Who keeps the old tide mill?', 'old', 'tide', 'mill', 'old tide', 'tide mill', 'old tide mill']);
    expect(calls.slice(1).map((b) => b.length)).toEqual([64, 64, 22]);
    expect(pending).toEqual([]);
    expect([...requests[0]!.vector!]).toEqual([1, 1, 1, 1]);
    expect([...requests[0]!.spanVectors!]).toEqual([2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7]);
  });

  it('"graph" goes on lexically when the embedder fails; "hybrid-graph" fails as hybrid does', async () => {
    const requests: SearchRequest[] = [];
    const r = await new Retriever(graphPorts(['a'], requests, [], true)).retrieve({ query, k: 2, mode: 'graph' });
    expect(r.results).toHaveLength(2);
    expect(requests[0]!.vector).toBeUndefined();
    expect(requests[0]!.spanVectors).toBeUndefined();
    await expect(new Retriever(graphPorts(['a'], [], [], true)).retrieve({ query, k: 2, mode: 'hybrid-graph' })).rejects.toThrow('the embedder failed to load');
  });
});
