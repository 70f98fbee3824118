import { describe, expect, it } from 'vitest';
import { escapeRegExp } from '../../src/shared/regexp';

describe('escapeRegExp', () => {
  it('makes a RegExp match the text as written, whatever it holds', () => {
    for (const text of ['Hollins & Vey', 'St. Mary (1860)', 'C++ [draft]', 'a|b', '$5.00^2', 'back\\slash', '{x}?*']) {
      expect(new RegExp(`^${escapeRegExp(text)}$`, 'u').test(text)).toBe(true);
    }
    // (Unescaped, "St. Mary" would match "StX Mary".)
    expect(new RegExp(escapeRegExp('St. Mary')).test('StX Mary')).toBe(false);
  });
});
