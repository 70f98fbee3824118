// Exact top-k helpers: the plain-TypeScript reference for the int8 kernel, and
// the selection used after it.
import { dotRow } from '../shared/vectors';

export interface Hit {
  row: number;
  score: number;
}

/**
 * Keeps the k best (highest score) of a stream of hits in a min-heap: O(n log k).
 * Ties keep the lower row, so results are deterministic.
 */
export class TopK {
  readonly #rows: Int32Array;
  readonly #scores: Float64Array;
  #size = 0;

  constructor(readonly k: number) {
    this.#rows = new Int32Array(Math.max(1, k));
    this.#scores = new Float64Array(Math.max(1, k));
  }

  /** Worse-than-or-equal to the current k-th best: cheap early reject for scan loops. */
  get threshold(): number {
    return this.#size < this.k ? -Infinity : this.#scores[0]!;
  }

  #less(i: number, j: number): boolean {
    const a = this.#scores[i]!;
    const b = this.#scores[j]!;
    return a < b || (a === b && this.#rows[i]! > this.#rows[j]!);
  }

  #swap(i: number, j: number): void {
    const r = this.#rows[i]!;
    this.#rows[i] = this.#rows[j]!;
    this.#rows[j] = r;
    const s = this.#scores[i]!;
    this.#scores[i] = this.#scores[j]!;
    this.#scores[j] = s;
  }

  push(row: number, score: number): void {
    if (this.k <= 0) return;
    if (this.#size < this.k) {
      let i = this.#size++;
      this.#rows[i] = row;
      this.#scores[i] = score;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.#less(i, p)) break;
        this.#swap(i, p);
        i = p;
      }
      return;
    }
    // Replace the root only when strictly better (or equal score with a lower row).
    if (score < this.#scores[0]! || (score === this.#scores[0]! && row > this.#rows[0]!)) return;
    this.#rows[0] = row;
    this.#scores[0] = score;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.#size && this.#less(l, m)) m = l;
      if (r < this.#size && this.#less(r, m)) m = r;
      if (m === i) break;
      this.#swap(i, m);
      i = m;
    }
  }

  /** Best first. */
  result(): Hit[] {
    const out: Hit[] = [];
    for (let i = 0; i < this.#size; i++) out.push({ row: this.#rows[i]!, score: this.#scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.row - b.row);
  }
}

/**
 * Exact top-k by inner product over every row (rows where `allow` is 0 are skipped).
 * The reference the fast path is checked against.
 */
export function exactTopK(m: Float32Array, dim: number, q: Float32Array, k: number, allow?: Uint8Array): Hit[] {
  const top = new TopK(k);
  const rows = dim ? m.length / dim : 0;
  for (let r = 0; r < rows; r++) {
    if (allow && !allow[r]) continue;
    top.push(r, dotRow(m, dim, r, q));
  }
  return top.result();
}
