import { describe, expect, it } from 'vitest';
import { embeddingAliases, nearestKeys, similarityBaseline } from '../../../src/graph/similarity';

/** A unit vector at angle `deg` in the plane of the first two axes (cosine of two = cos of their angle difference). */
const at = (deg: number, dim = 4) => {
  const v = new Float32Array(dim);
  v[0] = Math.cos((deg * Math.PI) / 180);
  v[1] = Math.sin((deg * Math.PI) / 180);
  return v;
};
const rows = (entries: [string, Float32Array][]) => {
  const dim = entries[0]![1].length;
  const vectors = new Float32Array(entries.length * dim);
  entries.forEach(([, v], i) => vectors.set(v, i * dim));
  return { keys: entries.map(([k]) => k), vectors, dim };
};

describe('nearestKeys', () => {
  it('keeps the best row per key, above the minimum, best first', () => {
    const r = rows([['mill', at(0)], ['mill', at(10)], ['harbour', at(30)], ['storm', at(90)]]);
    const found = nearestKeys(r, at(12), 0.5);
    expect(found.map(([k]) => k)).toEqual(['mill', 'harbour']);
    expect(found[0]![1]).toBeCloseTo(Math.cos((2 * Math.PI) / 180), 5);
  });

  it('reads the query at an offset (one row of a span matrix)', () => {
    const r = rows([['a', at(0)], ['b', at(90)]]);
    const spans = new Float32Array(8);
    spans.set(at(90), 4);
    expect(nearestKeys(r, spans, 0.9, 4).map(([k]) => k)).toEqual(['b']);
  });
});

describe('similarityBaseline', () => {
  it('measures pairs of different entities only', () => {
    // Two rows of one entity (cosine 1) would lift the quantiles; they are skipped.
    // The five other pairs: a–b twice (0), a–c twice (0.5), b–c (cos 30°).
    const r = rows([['a', at(0)], ['a', at(0)], ['b', at(90)], ['c', at(60)]]);
    const b = similarityBaseline(r);
    expect(b.pairs).toBe(5);
    expect(b.median).toBeCloseTo(0.5, 5);
    expect(b.high).toBeCloseTo(Math.cos(Math.PI / 6), 5);
  });

  it('samples with a fixed seed when there are many pairs', () => {
    const entries: [string, Float32Array][] = Array.from({ length: 200 }, (_, i) => [`e${i}`, at(i * 7)]);
    const a = similarityBaseline(rows(entries), 500);
    expect(a.pairs).toBe(500);
    expect(similarityBaseline(rows(entries), 500)).toEqual(a);
  });
});

describe('embeddingAliases', () => {
  it('never chains: A~B and B~C merge B into A, and C only if A~C', () => {
    // cos(A,B) = cos(B,C) = cos 20° ≈ 0.94; cos(A,C) = cos 40° ≈ 0.77.
    const merges = embeddingAliases([{ key: 'a', vector: at(0) }, { key: 'b', vector: at(20) }, { key: 'c', vector: at(40) }], 0.9);
    expect([...merges]).toEqual([['b', 'a']]);
    // With A~C too, both join A.
    expect([...embeddingAliases([{ key: 'a', vector: at(0) }, { key: 'b', vector: at(20) }, { key: 'c', vector: at(24) }], 0.9)]).toEqual([['b', 'a'], ['c', 'a']]);
  });

  it('makes the first of a group (the caller puts the better connected first) its canonical', () => {
    const merges = embeddingAliases([{ key: 'b', vector: at(20) }, { key: 'a', vector: at(0) }, { key: 'c', vector: at(40) }], 0.9);
    // b absorbs a and c (each within 20° of b): c is not left alone because a came later.
    expect([...merges]).toEqual([['a', 'b'], ['c', 'b']]);
  });

  it('never merges names that write different numbers', () => {
    const merges = embeddingAliases([{ key: '4 crown', vector: at(0) }, { key: '8 crown', vector: at(1) }, { key: 'crown', vector: at(1) }], 0.9);
    expect(merges.size).toBe(0);
    expect(embeddingAliases([{ key: 'year 2025', vector: at(0) }, { key: '2025', vector: at(1) }], 0.9).get('2025')).toBe('year 2025');
  });
});
