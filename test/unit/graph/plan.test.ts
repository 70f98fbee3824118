import { describe, expect, it } from 'vitest';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { planRelationPaths } from '../../../src/graph/plan';
import { t } from './fixtures';

const kg = KnowledgeGraph.from([
  ['a', [
    t('a', 'Lannach reservoir', 'owned_by', 'cooperative'),
    t('a', 'Water', 'comes_from', 'Lannach reservoir'),
    t('a', 'Lannach reservoir', 'in_year', '1978'),
    t('a', 'Tolsey fields', 'mentioned_with', 'Lannach reservoir', 'co-occurrence'),
    t('a', 'cooperative', 'keeps', 'seed bank'),
    t('a', 'seed bank', 'located_in', 'Brennock Hall'),
  ]],
]);
const opts = { k: 50, maxHops: 2, fanout: 64 };

describe('planRelationPaths', () => {
  it('offers only the 1–2-hop relation sequences that exist around the start', () => {
    const plans = planRelationPaths(kg, [kg.resolve('Tolsey fields')!], 'anything', opts).map((p) => p.relations.join('>'));
    expect(plans.sort()).toEqual(['mentioned_with', 'mentioned_with>comes_from', 'mentioned_with>in_year', 'mentioned_with>owned_by'].sort());
    expect(planRelationPaths(kg, [kg.resolve('Tolsey fields')!], 'x', { ...opts, maxHops: 1 }).map((p) => p.relations)).toEqual([['mentioned_with']]);
  });

  it('ranks by word overlap with the question when there are no vectors', () => {
    const [best] = planRelationPaths(kg, [kg.resolve('Lannach reservoir')!], 'Who owns the Lannach reservoir?', opts);
    expect(best!.relations).toEqual(['owned_by']);
    const [year] = planRelationPaths(kg, [kg.resolve('Lannach reservoir')!], 'In what year was the Lannach reservoir built?', opts);
    expect(year!.relations).toEqual(['in_year']);
  });

  it('a spouse noun asks for married_to, and 出产 for comes_from (relations.ts, chinese.ts: words of the relation, not of a document)', () => {
    const family = KnowledgeGraph.from([['f', [
      t('f', 'Ilse Marr', 'married_to', 'Tomas Marr'), t('f', 'Ilse Marr', 'born_in', 'Durnford'), t('f', 'Tomas Marr', 'born_in', 'Eastwick'),
      t('f', '林默', 'married_to', '苏晴'), t('f', '林默', 'born_in', '青港'), t('f', '苏晴', 'born_in', '海安'), t('f', '白石春', 'comes_from', '石门村'), t('f', '石门村', 'located_in', '青港'),
    ]]]);
    const best = (start: string, q: string) => planRelationPaths(family, [family.resolve(start)!], q, opts)[0]!.relations.join('>');
    expect(best('Ilse Marr', 'Where was the husband of Ilse Marr born?')).toBe('married_to>born_in');
    expect(best('林默', '林默的妻子出生在哪里？')).toBe('married_to>born_in');
    expect(best('石门村', '石门村出产什么茶？')).toBe('comes_from');
  });

  it('ranks by cosine similarity when vectors are supplied', () => {
    const unit = (i: number) => Float32Array.from({ length: 4 }, (_, j) => (j === i ? 1 : 0));
    const byLabel: Record<string, Float32Array> = { owned_by: unit(0), comes_from: unit(1), in_year: unit(2), keeps: unit(3), mentioned_with: unit(3) };
    const vectors = { question: unit(1), relation: (l: string) => byLabel[l] };
    // The question's words say "owns", but the vectors say comes_from: vectors win.
    const [best] = planRelationPaths(kg, [kg.resolve('Lannach reservoir')!], 'Who owns the Lannach reservoir?', { ...opts, vectors });
    expect(best!.relations).toEqual(['comes_from']);
    expect(best!.score).toBeCloseTo(1, 6);
  });

  it('measures fits from the embedder\'s unrelated level, so that crowded cosines still spread the plans', () => {
    // An embedder whose cosines all sit near 0.8 (multilingual-e5 does): owned_by 0.9, in_year 0.82, the rest 0.78.
    const dim = 8;
    const q = Float32Array.from({ length: dim }, (_, i) => (i === 0 ? 1 : 0));
    const at = (c: number, axis: number) => Float32Array.from({ length: dim }, (_, i) => (i === 0 ? c : i === axis ? Math.sqrt(1 - c * c) : 0));
    const byLabel: Record<string, Float32Array> = { owned_by: at(0.9, 1), in_year: at(0.82, 2), comes_from: at(0.78, 3), keeps: at(0.78, 4), mentioned_with: at(0.78, 5) };
    const relation = (l: string) => byLabel[l];
    const plain = planRelationPaths(kg, [kg.resolve('Lannach reservoir')!], 'x', { ...opts, maxHops: 1, vectors: { question: q, relation } });
    const spread = planRelationPaths(kg, [kg.resolve('Lannach reservoir')!], 'x', { ...opts, maxHops: 1, vectors: { question: q, relation, baseline: 0.78 } });
    expect(plain.map((p) => p.relations[0])).toEqual(spread.map((p) => p.relations[0]));
    expect(plain[0]!.score - plain[1]!.score).toBeCloseTo(0.08, 5);
    // (0.9 − 0.78) / (1 − 0.78) and (0.82 − 0.78) / (1 − 0.78); the unrelated ones fall to the floor.
    expect(spread.map((p) => [p.relations[0], +p.score.toFixed(3)])).toEqual([['owned_by', 0.545], ['in_year', 0.182], ['comes_from', 0.15], ['mentioned_with', 0.05]]);
  });

  it('keeps the k best plans', () => {
    expect(planRelationPaths(kg, [kg.resolve('Lannach reservoir')!], 'x', { ...opts, k: 2 })).toHaveLength(2);
  });
});
