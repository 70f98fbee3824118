import { describe, expect, it } from 'vitest';
import { Int8Index } from '../../src/retrieval/int8-index';
import { TopK, exactTopK } from '../../src/retrieval/topk';
import { seededRandom, gaussian } from '../../src/shared/random.mjs';

function randomUnit(rows: number, dim: number, seed: number): Float32Array {
  const rand = seededRandom(seed);
  const m = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    let n = 0;
    for (let j = 0; j < dim; j++) n += (m[r * dim + j] = gaussian(rand)) ** 2;
    n = Math.sqrt(n);
    for (let j = 0; j < dim; j++) m[r * dim + j]! /= n;
  }
  return m;
}

/** The obvious reference: score everything, sort everything. */
function bruteForce(m: Float32Array, dim: number, q: Float32Array, k: number, allow?: Uint8Array) {
  const all: { row: number; score: number }[] = [];
  for (let r = 0; r < m.length / dim; r++) {
    if (allow && !allow[r]) continue;
    let s = 0;
    for (let j = 0; j < dim; j++) s += m[r * dim + j]! * q[j]!;
    all.push({ row: r, score: s });
  }
  return all.sort((a, b) => b.score - a.score || a.row - b.row).slice(0, k);
}

describe('TopK and exactTopK', () => {
  it('equal the brute-force reference on random data', () => {
    const m = randomUnit(500, 24, 1);
    const q = randomUnit(1, 24, 2);
    for (const k of [1, 7, 50]) {
      const got = exactTopK(m, 24, q, k);
      const want = bruteForce(m, 24, q, k);
      expect(got.map((h) => h.row)).toEqual(want.map((h) => h.row));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 10));
    }
  });

  it('breaks ties by the lower row, and returns everything when k > n', () => {
    const m = Float32Array.from([1, 0, 0, 1, 1, 0, 1, 0]); // rows 0, 2, 3 tie
    expect(exactTopK(m, 2, Float32Array.from([1, 0]), 2).map((h) => h.row)).toEqual([0, 2]);
    expect(exactTopK(m, 2, Float32Array.from([1, 0]), 10).map((h) => h.row)).toEqual([0, 2, 3, 1]);
    expect(exactTopK(new Float32Array(0), 2, Float32Array.from([1, 0]), 3)).toEqual([]);
    const t = new TopK(0);
    t.push(1, 1);
    expect(t.result()).toEqual([]);
  });

  it('skips rows outside the document filter', () => {
    const m = randomUnit(100, 8, 3);
    const q = randomUnit(1, 8, 4);
    const allow = Uint8Array.from({ length: 100 }, (_, r) => (r % 3 === 0 ? 1 : 0));
    const got = exactTopK(m, 8, q, 10, allow);
    expect(got.every((h) => h.row % 3 === 0)).toBe(true);
    expect(got.map((h) => h.row)).toEqual(bruteForce(m, 8, q, 10, allow).map((h) => h.row));
  });
});

describe('Int8Index (WebAssembly SIMD int8 scan + exact re-rank)', () => {
  it('finds the exact top-10 with exact scores on 384-d vectors', () => {
    const dim = 384;
    const m = randomUnit(5000, dim, 5);
    const index = new Int8Index();
    index.setVectors(m, dim);
    let hits = 0;
    for (let i = 0; i < 20; i++) {
      // Queries near stored vectors, as real queries are near their answers.
      const q = Float32Array.from(m.subarray(i * 97 * dim, (i * 97 + 1) * dim), (x, j) => x + 0.05 * randomUnit(1, dim, 100 + i)[j]!);
      const got = index.search(q, { k: 10, candidates: 100 });
      const want = exactTopK(m, dim, q, 10);
      hits += got.filter((h) => want.some((w) => w.row === h.row)).length;
      for (const h of got) expect(h.score).toBeCloseTo(want.find((w) => w.row === h.row)?.score ?? exactTopK(m, dim, q, 5000).find((w) => w.row === h.row)!.score, 5);
    }
    expect(hits / 200).toBeGreaterThanOrEqual(0.99);
  });

  it('handles dimensions that are not a multiple of 32, tiny sets, filters and k > n', () => {
    const m = randomUnit(40, 20, 7);
    const index = new Int8Index();
    index.setVectors(m, 20);
    const q = m.slice(3 * 20, 4 * 20);
    expect(index.search(q, { k: 1, candidates: 10 })[0]!.row).toBe(3);
    expect(index.search(q, { k: 100, candidates: 10 })).toHaveLength(40);
    const allow = new Uint8Array(40);
    allow[5] = 1;
    allow[9] = 1;
    expect(index.search(q, { k: 5, candidates: 10, allow }).map((h) => h.row).sort()).toEqual([5, 9]);
    index.setVectors(new Float32Array(0), 20);
    expect(index.search(q, { k: 5, candidates: 10 })).toEqual([]);
  });
});
