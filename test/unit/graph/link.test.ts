import { describe, expect, it } from 'vitest';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { linkEntities, questionSpans } from '../../../src/graph/link';
import { t } from './fixtures';

const kg = KnowledgeGraph.from([
  ['a', [
    t('a', 'Tolsey Blue', 'made_at', 'dairy'),
    t('a', 'dairy', 'located_in', 'Tolsey'),
    t('a', 'cooperative seed bank', 'located_in', 'Brennock Hall'),
    t('a', 'Tractor', 'same_as', 'Fendt 208'),
    t('a', 'Tractor', 'daily_fee', '25 crowns'),
    t('a', 'the', 'r', 'is'),
    t('a', '董事会', 'chair', '安妮卡'),
  ]],
]);
const keys = (q: string) => linkEntities(kg, q).map((l) => l.key);

describe('linkEntities', () => {
  it('links exact names, longest first, without overlaps', () => {
    expect(keys('Where is Tolsey Blue made?')).toEqual(['tolsey blue']);
    expect(keys('Is the dairy in Tolsey?').sort()).toEqual(['dairy', 'tolsey']);
  });

  it('links through aliases and reports the entity name', () => {
    expect(linkEntities(kg, 'What does the Fendt 208 cost per day?')).toEqual([{ key: 'tractor', name: 'Tractor', mention: 'Fendt 208', how: 'exact' }]);
  });

  it('links the last words of a longer name when exact fails', () => {
    expect(linkEntities(kg, 'Where is the seed bank?')).toEqual([{ key: 'cooperative seed bank', name: 'cooperative seed bank', mention: 'seed bank', how: 'suffix' }]);
  });

  it('never links a lone function word or verb, even if the graph has it', () => {
    expect(keys('Where is the mill?')).toEqual([]);
  });

  it('links CJK names as substrings', () => {
    expect(keys('谁是董事会的主席？')).toEqual(['董事会']);
  });
});

describe('questionSpans', () => {
  it('offers runs of one to three words that neither start nor end with a function word or verb', () => {
    expect(questionSpans('Who owns the old tide mill?')).toEqual(['old', 'tide', 'mill', 'old tide', 'tide mill', 'old tide mill']);
    expect(questionSpans('Where is it?')).toEqual([]);
  });

  it('leaves CJK runs to the substring lookup', () => {
    expect(questionSpans('谁是董事会的主席？')).toEqual([]);
  });
});

describe('linkEntities by embedding', () => {
  const mills = KnowledgeGraph.from([
    ['m', [t('m', 'old tide mill', 'located_in', 'Pellan Point'), t('m', 'tide mill', 'owned_by', 'cooperative'), t('m', 'dairy', 'located_in', 'Tolsey')]],
  ]);
  const dim = 6;
  const unit = (...parts: [number, number][]) => {
    const v = new Float32Array(dim);
    for (const [i, x] of parts) v[i] = x;
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  // Name vectors: the two mills close to each other (cosine 0.9), the rest apart.
  const nameVectors: [string, Float32Array][] = [
    ['old tide mill', unit([0, 0.9], [1, Math.sqrt(1 - 0.81)])],
    ['tide mill', unit([0, 1])],
    ['pellan point', unit([2, 1])],
    ['cooperative', unit([3, 1])],
    ['dairy', unit([4, 1])],
    ['tolsey', unit([5, 1])],
  ];
  const names = { keys: nameVectors.map(([k]) => k), vectors: new Float32Array(nameVectors.flatMap(([, v]) => [...v])), dim };
  /** The question's span matrix: the given vector per span text, zeros for the others. */
  const spans = (question: string, byText: Record<string, Float32Array>) => {
    const texts = questionSpans(question);
    const m = new Float32Array(texts.length * dim);
    texts.forEach((s, i) => byText[s] && m.set(byText[s]!, i * dim));
    return m;
  };
  const link = (question: string, byText: Record<string, Float32Array>, threshold = 0.8, maxLinks = 2) =>
    linkEntities(mills, question, { maxWords: 6, vectors: { spans: spans(question, byText), names, threshold, maxLinks } });

  it('links a span that no name matches when its vector is close enough to a name', () => {
    // "creamery" is no key or alias: lexically, the question names nothing.
    expect(linkEntities(mills, 'Where is the creamery?')).toEqual([]);
    const creamery = unit([4, 0.95], [5, Math.sqrt(1 - 0.95 ** 2)]);
    const [linked] = link('Where is the creamery?', { creamery });
    expect(linked).toMatchObject({ key: 'dairy', name: 'dairy', mention: 'creamery', how: 'embedding' });
    expect(linked!.score).toBeCloseTo(0.95, 5);
    // Below the threshold, nothing.
    expect(link('Where is the creamery?', { creamery }, 0.96)).toEqual([]);
  });

  it('keeps the lexical links first and never links a span inside one', () => {
    // "tide" alone is close to the old mill, but its words belong to the exact link "tide mill".
    const r = link('Who owns the tide mill?', { tide: unit([0, 0.9], [1, Math.sqrt(1 - 0.81)]), 'tide mill': unit([0, 1]) }, 0.95);
    expect(r).toEqual([{ key: 'tide mill', name: 'tide mill', mention: 'tide mill', how: 'exact' }]);
  });

  it('adds a near-duplicate of an exact link from the same words ("tide mill" also starts at "old tide mill")', () => {
    const r = link('Who owns the tide mill?', { 'tide mill': unit([0, 1]) }, 0.85);
    expect(r.map((l) => [l.key, l.how, l.mention])).toEqual([['tide mill', 'exact', 'tide mill'], ['old tide mill', 'embedding', 'tide mill']]);
  });

  it('links at most maxLinks entities by embedding, the closest first', () => {
    const byText = { creamery: unit([4, 1]), harbour: unit([2, 0.9], [1, Math.sqrt(1 - 0.81)]), village: unit([5, 0.85], [1, Math.sqrt(1 - 0.85 ** 2)]) };
    const q = 'Is the creamery near the harbour village?';
    expect(link(q, byText, 0.8, 2).map((l) => l.key)).toEqual(['dairy', 'pellan point']);
    expect(link(q, byText, 0.8, 3).map((l) => l.key)).toEqual(['dairy', 'pellan point', 'tolsey']);
  });

  it('ignores span vectors that do not fit the question (another question\'s, another dimension)', () => {
    const r = linkEntities(mills, 'Where is the creamery?', { maxWords: 6, vectors: { spans: new Float32Array(dim * 5), names, threshold: 0.1, maxLinks: 2 } });
    expect(r).toEqual([]);
  });
});
