import { describe, expect, it } from 'vitest';
import { CompactIndex } from '../../src/retrieval/compact-index';
import { codeLayout, encodeRows } from '../../src/shared/vector-codes';
import { VectorSet } from '../../src/retrieval/vector-set';
import { defaultShape, SyntheticCorpus } from '../../src/bench/synthetic-vectors';
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

/** The float32 rows of a list, from one in-memory matrix (what the OPFS files give the index in the app). */
const rowsOf = (m: Float32Array, dim: number) => (list: Int32Array) => {
  const out = new Float32Array(list.length * dim);
  list.forEach((r, i) => out.set(m.subarray(r * dim, (r + 1) * dim), i * dim));
  return out;
};

function indexOf(m: Float32Array, dim: number, binary: boolean): CompactIndex {
  const index = new CompactIndex();
  index.reserve(m.length / dim, dim, { binary });
  index.encode(0, m);
  return index;
}

describe('CompactIndex (sign-code scan, int8 re-score, exact float32 re-rank)', () => {
  for (const binary of [false, true]) {
    it(`finds the exact top-10 with exact scores on 384-d clustered vectors (${binary ? '1-bit first pass' : 'int8 scan'})`, async () => {
      const dim = 384;
      // 100 topics of about 60 rows: the neighbourhoods of a library's chunks (synthetic-vectors.ts).
      const corpus = new SyntheticCorpus(dim, 3, { ...defaultShape, topics: 100 });
      const m = corpus.rows(6000, 5);
      const queries = corpus.rows(20, 77);
      const index = indexOf(m, dim, binary);
      let hits = 0;
      for (let i = 0; i < 20; i++) {
        const q = queries.subarray(i * dim, (i + 1) * dim);
        // A first pass of 300 rows out of 6000: the sign codes must rank the true neighbours in their top 5%.
        const got = await index.search(q, { k: 10, candidates: 30, firstPass: 300 }, rowsOf(m, dim));
        const want = exactTopK(m, dim, q, 10);
        hits += got.filter((h) => want.some((w) => w.row === h.row)).length;
        for (const h of got) expect(h.score).toBeCloseTo(bruteForce(m, dim, q, 6000).find((w) => w.row === h.row)!.score, 5);
      }
      expect(hits / 200).toBeGreaterThanOrEqual(0.99);
    });

    it(`handles dimensions that are not a multiple of 32, tiny sets, filters and k > n (${binary ? '1-bit' : 'int8'})`, async () => {
      const m = randomUnit(40, 20, 7);
      const index = indexOf(m, 20, binary);
      const exact = rowsOf(m, 20);
      const q = m.slice(3 * 20, 4 * 20);
      expect((await index.search(q, { k: 1, candidates: 10, firstPass: 12 }, exact))[0]!.row).toBe(3);
      expect(await index.search(q, { k: 100, candidates: 10, firstPass: 12 }, exact)).toHaveLength(40);
      const allow = new Uint8Array(40);
      allow[5] = 1;
      allow[9] = 1;
      expect((await index.search(q, { k: 5, candidates: 10, firstPass: 12, allow }, exact)).map((h) => h.row).sort()).toEqual([5, 9]);
      index.reserve(0, 20, { binary });
      expect(await index.search(q, { k: 5, candidates: 10 }, exact)).toEqual([]);
    });
  }

  it('answers from the sign codes alone while the int8 codes are still loading, re-ranking more rows exactly', async () => {
    const dim = 384;
    const corpus = new SyntheticCorpus(dim, 4, { ...defaultShape, topics: 100 });
    const m = corpus.rows(20_000, 1);
    const index = indexOf(m, dim, true);
    const q = corpus.rows(1, 2);
    // Int8 codes of zero would rank every row alike: only the sign-code path can find the neighbours.
    index.codes(0, 20_000).int8.fill(0);
    index.int8Ready = false;
    const got = await index.search(q, { k: 10, candidates: 100, firstPass: 4096 }, rowsOf(m, dim));
    expect(got.map((h) => h.row)).toEqual(bruteForce(m, dim, q, 10).map((h) => h.row));
  });

  it('counts only the filtered rows in the sign-code pass, so a narrow filter still finds its best rows', async () => {
    const dim = 64;
    const m = new SyntheticCorpus(dim, 9).rows(5000, 1);
    const q = new SyntheticCorpus(dim, 9).rows(1, 2);
    const allow = Uint8Array.from({ length: 5000 }, (_, r) => (r % 97 === 0 ? 1 : 0));
    const got = await indexOf(m, dim, true).search(q, { k: 10, candidates: 20, firstPass: 60, allow }, rowsOf(m, dim));
    expect(got.map((h) => h.row)).toEqual(bruteForce(m, dim, q, 10, allow).map((h) => h.row));
  });

  it('encodes sign bits and int8 codes as the reference does', () => {
    const v = Float32Array.from([0.5, -0.25, 0, 1, -1, 0.125, 0.3, -0.3]);
    const { paddedDim, bitBytes } = codeLayout(8);
    const int8 = new Int8Array(paddedDim);
    const scales = new Float32Array(1);
    const bits = new Uint8Array(bitBytes);
    encodeRows(v, 8, int8, scales, bits);
    expect(Array.from(int8.subarray(0, 8))).toEqual([64, -32, 0, 127, -127, 16, 38, -38]);
    expect(scales[0]).toBeCloseTo(1 / 127, 7);
    // Bits of the positive values 0, 3, 5, 6.
    expect(bits[0]).toBe(0b01101001);
    expect(Array.from(bits.subarray(1)).every((b) => b === 0)).toBe(true);
  });
});

describe('VectorSet (in-memory layout, as where there is no OPFS)', () => {
  it('loads pieces in row order, reads rows back, and its exact scan equals the reference', async () => {
    const dim = 48;
    const a = randomUnit(30, dim, 11);
    const b = randomUnit(25, dim, 12);
    const set = new VectorSet();
    const { docs } = await set.load({ dim, dir: null, pieces: [
      { kind: 'memory', docs: [{ docId: 'x', count: 10 }, { docId: 'y', count: 20 }], vectors: a },
      { kind: 'memory', docs: [{ docId: 'z', count: 25 }], vectors: b },
    ] });
    expect(docs.map((d) => d.docId)).toEqual(['x', 'y', 'z']);
    const all = new Float32Array([...a, ...b]);
    expect(Array.from(await set.rows(Int32Array.from([0, 29, 30, 54])))).toEqual(Array.from(rowsOf(all, dim)(Int32Array.from([0, 29, 30, 54]))));
    const q = randomUnit(1, dim, 13);
    expect((await set.exactTopK(q, 7)).map((h) => h.row)).toEqual(bruteForce(all, dim, q, 7).map((h) => h.row));
    expect((await set.search(q, 7)).map((h) => h.row)).toEqual(bruteForce(all, dim, q, 7).map((h) => h.row));
    expect(set.method).toBe('int8-simd+rerank');
  });
});
