import { describe, expect, it } from 'vitest';
import { maximalMarginalRelevance, reciprocalRankFusion } from '../../src/retrieval/fusion';
import { LexicalIndex, tokenize } from '../../src/retrieval/lexical';

describe('tokenize', () => {
  it('lower-cases words and turns CJK runs into bigrams', () => {
    expect(tokenize('Kelp, Barley & THE seawall’s 2026')).toEqual(['kelp', 'barley', 'the', 'seawall’s', '2026']);
    expect(tokenize('大麦收获')).toEqual(['大麦', '麦收', '收获']);
    expect(tokenize('昆布は五月')).toEqual(['昆布', '布は', 'は五', '五月']);
    expect(tokenize('水 kelp')).toEqual(['kelp', '水']);
    expect(tokenize('ＡＢＣ１２')).toEqual(['abc12']); // full-width folded by NFKC
  });
});

describe('LexicalIndex (BM25)', () => {
  const index = new LexicalIndex();
  index.add('en', 'v1', ['The kelp harvest runs from May to August.', 'Barley is sown in March.', 'The ferry leaves at dawn.']);
  index.add('zh', 'v1', ['合作社的大麦在八月收获。', '海带在五月到八月之间收割。', '渡轮每天早上出发。']);

  it('ranks the chunk sharing the rare words first, in English', () => {
    expect(index.search('when is barley sown', 3)[0]).toMatchObject({ docId: 'en', ord: 1 });
    expect(index.search('ferry', 3).map((h) => [h.docId, h.ord])).toEqual([['en', 2]]);
  });

  it('finds Chinese text from a Chinese query', () => {
    expect(index.search('大麦什么时候收获', 3)[0]).toMatchObject({ docId: 'zh', ord: 0 });
    expect(index.search('海带', 3)[0]).toMatchObject({ docId: 'zh', ord: 1 });
  });

  it('filters by document, and updates one document at a time', () => {
    expect(index.search('八月 August', 5, (d) => d === 'zh').every((h) => h.docId === 'zh')).toBe(true);
    index.add('en', 'v2', ['Only pears here.']);
    expect(index.version('en')).toBe('v2');
    expect(index.search('barley', 3)).toEqual([]);
    index.remove('zh');
    expect(index.search('大麦', 3)).toEqual([]);
    expect(index.documentCount).toBe(1);
  });
});

describe('reciprocalRankFusion', () => {
  it('matches a hand-computed example', () => {
    const fused = reciprocalRankFusion([
      { name: 'vector', weight: 1, ids: ['a', 'b', 'c'] },
      { name: 'lexical', weight: 1, ids: ['c', 'a'] },
    ], 60);
    expect(fused.map((f) => f.id)).toEqual(['a', 'c', 'b']);
    expect(fused[0]!.score).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(fused[2]).toEqual({ id: 'b', score: 1 / 62, ranks: { vector: 2 } });
  });

  it('applies weights, and keeps a list that the other one lacks entirely', () => {
    const fused = reciprocalRankFusion([
      { name: 'vector', weight: 0.2, ids: ['a'] },
      { name: 'lexical', weight: 1, ids: ['b'] },
    ]);
    expect(fused.map((f) => f.id)).toEqual(['b', 'a']);
    expect(reciprocalRankFusion([{ name: 'vector', weight: 1, ids: [] }, { name: 'lexical', weight: 1, ids: ['x'] }])).toHaveLength(1);
  });
});

describe('maximalMarginalRelevance', () => {
  // a and a2 are near-duplicates; b is different but a little less relevant.
  const rel: Record<string, number> = { a: 0.9, a2: 0.89, b: 0.7 };
  const sim = (x: string, y: string) => (x[0] === y[0] ? 0.95 : 0.1);

  it('matches a hand-computed example', () => {
    // Step 1: a (0.5·0.9). Step 2: a2 → 0.5·0.89 − 0.5·0.95 = −0.03; b → 0.5·0.7 − 0.5·0.1 = 0.30: b wins.
    expect(maximalMarginalRelevance(['a', 'a2', 'b'], (x) => rel[x]!, sim, 2, 0.5)).toEqual(['a', 'b']);
  });

  it('is plain relevance order with lambda 1', () => {
    expect(maximalMarginalRelevance(['b', 'a2', 'a'], (x) => rel[x]!, sim, 3, 1)).toEqual(['a', 'a2', 'b']);
  });
});

describe('snippet', () => {
  it('starts near the first query word and marks the matches', async () => {
    const { snippet } = await import('../../src/retrieval/snippet');
    const text = `${'Filler words here. '.repeat(30)}Heather honey is thixotropic and sets like jelly.`;
    const parts = snippet(text, 'thixotropic honey', 120);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['honey', 'thixotropic']);
    expect(parts.map((p) => p.text).join('').length).toBeLessThanOrEqual(122);
    expect(snippet('short text', 'nothing')).toEqual([{ text: 'short text', match: false }]);
    expect(snippet('大麦八月收获', '大麦').filter((p) => p.match).map((p) => p.text)).toEqual(['大麦']);
  });
});

describe('snippet marks', () => {
  it('skips common words', async () => {
    const { snippet } = await import('../../src/retrieval/snippet');
    expect(snippet('When does the kelp season run', 'when does the kelp season').filter((p) => p.match).map((p) => p.text)).toEqual(['kelp', 'season']);
  });
});
