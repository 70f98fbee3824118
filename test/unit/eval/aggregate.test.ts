import { describe, expect, it } from 'vitest';
import { bootstrap, metrics, summarize } from '../../../src/eval/aggregate';
import type { ItemScores } from '../../../src/eval/types';

function s(p: Partial<ItemScores>): ItemScores {
  return { em: null, f1: null, contains: null, correct: null, abstained: 0, answerable: 1, hit: null, recall: null, mrr: null, citePrecision: null, citeRecall: null, ttftMs: null, tokensPerS: null, totalMs: 100, ...p };
}
const metric = (id: string) => metrics.find((m) => m.id === id)!;

describe('aggregates', () => {
  const items = [
    s({ em: 1, correct: 1 }),
    s({ em: 0, correct: 1 }),
    s({ em: 0, correct: 0, abstained: 1 }),
    s({ answerable: 0, abstained: 1 }),
    s({ answerable: 0, abstained: 0 }),
  ];
  it('follows Finlayson et al.: abstention rate, accuracy on answered, refusals and wrong answers on unanswerable', () => {
    expect(metric('em').of(items)).toBeCloseTo(1 / 3); // unanswerable items have no EM
    expect(metric('abstention').of(items)).toBeCloseTo(2 / 5);
    expect(metric('answeredAccuracy').of(items)).toBe(1); // the two answered, answerable items are both correct
    expect(metric('correctRefusal').of(items)).toBe(0.5);
    expect(metric('wrongOnUnanswerable').of(items)).toBe(0.5);
    expect(metric('hit').of(items)).toBeNull();
  });
});

describe('bootstrap confidence intervals', () => {
  const items = Array.from({ length: 40 }, (_, i) => s({ em: i % 4 === 0 ? 1 : 0 }));
  it('is reproducible with a fixed seed and differs with another', () => {
    const a = bootstrap(metric('em'), items, 7);
    expect(bootstrap(metric('em'), items, 7)).toEqual(a);
    expect(bootstrap(metric('em'), items, 8)).not.toEqual(a);
    expect(a.value).toBe(0.25);
    expect(a.n).toBe(40);
  });
  it('brackets the value with about the normal-approximation width', () => {
    const a = bootstrap(metric('em'), items, 7, 4000);
    // Normal approximation: 1.96·sqrt(0.25·0.75/40) = 0.134.
    expect(a.low!).toBeLessThan(0.25);
    expect(a.high!).toBeGreaterThan(0.25);
    expect(a.high! - a.low!).toBeGreaterThan(2 * 0.134 * 0.8);
    expect(a.high! - a.low!).toBeLessThan(2 * 0.134 * 1.2);
  });
  it('a constant metric has a zero-width interval; an inapplicable one has none', () => {
    const ones = Array.from({ length: 10 }, () => s({ em: 1 }));
    expect(bootstrap(metric('em'), ones, 1)).toEqual({ value: 1, low: 1, high: 1, n: 10 });
    expect(summarize(ones, 1).hit).toEqual({ value: null, low: null, high: null, n: 0 });
  });
});
