import { readdirSync, readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
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

describe('LexicalIndex against MiniSearch (the BM25 the app used before), on the demo packs', () => {
  // The packs' text documents in paragraph chunks, and their QA sets' questions as queries (English and Chinese).
  const packs = ['public/demo', 'public/demo-zh'].map((dir) => ({
    docs: readdirSync(`${dir}/docs`).filter((f) => /\.(md|txt)$/.test(f)).map((f) => ({ id: f, texts: readFileSync(`${dir}/docs/${f}`, 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) })),
    queries: readFileSync(`${dir}/qa.jsonl`, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { question: string }).question),
  }));
  const reference = (docs: { id: string; texts: string[] }[]) => {
    const mini = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: [], tokenize, processTerm: (t) => t, searchOptions: { combineWith: 'OR', prefix: false, fuzzy: false } });
    for (const doc of docs) mini.addAll(doc.texts.map((text, ord) => ({ id: `${doc.id}#${ord}`, text })));
    return (query: string) => mini.search(query).slice(0, 10).map((r) => ({ key: String(r.id), score: r.score }));
  };
  const ours = (index: LexicalIndex, query: string) => index.search(query, 10).map((h) => ({ key: `${h.docId}#${h.ord}`, score: h.score }));

  it('ranks every QA question\'s top 10 as MiniSearch does, with the same scores', () => {
    for (const { docs, queries } of packs) {
      const index = new LexicalIndex();
      for (const doc of docs) index.add(doc.id, 'v1', doc.texts);
      const want = reference(docs);
      expect(queries.length).toBeGreaterThan(40);
      for (const q of queries) {
        const got = ours(index, q);
        const expected = want(q);
        expect(got.map((h) => h.key)).toEqual(expected.map((h) => h.key));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 9));
      }
    }
  });

  it('after documents are removed and postings vacuumed, ranks as an index built from the rest', () => {
    const { docs, queries } = packs[0]!;
    const index = new LexicalIndex();
    for (const doc of docs) index.add(doc.id, 'v1', doc.texts);
    const removed = docs.filter((_, i) => i % 2 === 0);
    for (const doc of removed) index.remove(doc.id);
    index.vacuum();
    const rest = docs.filter((_, i) => i % 2 === 1);
    const want = reference(rest);
    for (const q of queries.slice(0, 30)) expect(ours(index, q).map((h) => h.key)).toEqual(want(q).map((h) => h.key));
    expect(index.documentCount).toBe(rest.length);
  });

  it('round-trips through its cache bytes, and the restored index keeps updating', async () => {
    const { docs, queries } = packs[0]!;
    const index = new LexicalIndex();
    for (const doc of docs.slice(0, -1)) index.add(doc.id, 'v1', doc.texts);
    index.remove(docs[0]!.id);
    const restored = LexicalIndex.fromBytes(await index.toBytes().arrayBuffer());
    for (const q of queries.slice(0, 20)) expect(ours(restored, q)).toEqual(ours(index, q));
    const last = docs[docs.length - 1]!;
    for (const x of [index, restored]) x.add(last.id, 'v1', last.texts);
    for (const q of queries.slice(20, 40)) expect(ours(restored, q)).toEqual(ours(index, q));
    expect(restored.documentIds().sort()).toEqual(index.documentIds().sort());
    expect(() => LexicalIndex.fromBytes(new Uint8Array([4, 0, 0, 0, 123, 125, 0, 0]).buffer)).toThrow();
  });
});
