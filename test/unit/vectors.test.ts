import { describe, expect, it } from 'vitest';
import { l2NormalizeRows, poolHiddenStates, rowDot, rowNorm } from '../../src/embed/vectors';

describe('poolHiddenStates', () => {
  // 2 rows × 3 positions × 2 dims
  const hidden = Float32Array.from([1, 2, 3, 4, 100, 100, /* row 2 */ 5, 6, 7, 8, 9, 10]);

  it('averages only the positions the attention mask keeps', () => {
    const out = poolHiddenStates(hidden, [1, 1, 0, 1, 1, 1], 2, 3, 2, 'mean');
    expect(Array.from(out)).toEqual([2, 3, 7, 8]);
  });

  it('takes the first position for cls pooling', () => {
    expect(Array.from(poolHiddenStates(hidden, [1, 1, 1, 1, 1, 1], 2, 3, 2, 'cls'))).toEqual([1, 2, 5, 6]);
  });

  it('gives a zero vector for a fully masked row', () => {
    expect(Array.from(poolHiddenStates(hidden, [0, 0, 0, 1, 0, 0], 2, 3, 2, 'mean'))).toEqual([0, 0, 5, 6]);
  });
});

describe('row helpers', () => {
  it('normalizes rows in place and leaves zero rows alone', () => {
    const m = Float32Array.from([3, 4, 0, 0]);
    l2NormalizeRows(m, 2);
    expect(Array.from(m)).toEqual([0.6, 0.800000011920929, 0, 0].map((x) => Math.fround(x)));
    expect(rowNorm(m, 2, 0)).toBeCloseTo(1, 6);
    expect(rowDot(m, 2, 0, 1)).toBe(0);
  });
});
