// The search worker's in-memory vector index: compact codes only. Each row has an int8 code
// (symmetric per-row scale) and, optionally, a 1-bit sign code. A query scans the sign codes
// (Hamming distance to its own signs, WebAssembly SIMD popcount over 48 bytes a row at 384-d),
// re-scores the nearest `firstPass` rows on their int8 codes, and re-ranks the best `candidates`
// exactly in float32, which the caller supplies (from memory, or read by offset from the Origin
// Private File System). Without sign codes the first pass is an int8 scan of every row.
// (An asymmetric first pass, 2-bit query planes against the sign bits, ranked better on weakly
// clustered rows but cost 4.6 ms more per query at 1M: docs/decisions.md.)
import { wasmBase64 } from './kernels/dot-i8-wasm';
import { TopK, type Hit } from './topk';
import { codeLayout, encodeRows } from '../shared/vector-codes';
import { dotRow } from '../shared/vectors';

const page = 65536;
const align = (n: number, a = 64) => Math.ceil(n / a) * a;

let module: WebAssembly.Module | null = null;

/** True where WebAssembly SIMD is available (every current browser and Node 16+). */
export function simdSupported(): boolean {
  try {
    module ??= new WebAssembly.Module(Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0)) as Uint8Array<ArrayBuffer>);
    return true;
  } catch {
    return false;
  }
}

/** Float32 rows for a list of index rows, in list order (rows × dim). */
export type ExactRows = (rows: Int32Array) => Float32Array | Promise<Float32Array>;

export interface SearchOptions {
  k: number;
  /** Rows re-ranked exactly in float32. */
  candidates: number;
  /** Rows re-scored on their int8 codes after the sign-code scan (ignored without sign codes). */
  firstPass?: number;
  /** Rows with 0 are skipped (document filter). */
  allow?: Uint8Array;
}

/** Rows re-ranked exactly while only the sign codes are in memory (a cold load still reading the int8 codes). */
export const earlyExact = 1000;

type ScoresFn = (mat: number, rows: number, dim: number, q: number, out: number) => void;
type ScoresAtFn = (mat: number, list: number, count: number, dim: number, q: number, out: number) => void;
type HammingFn = (bits: number, rows: number, bytes: number, qbits: number, out: number, hist: number) => void;
type CollectFn = (dist: number, rows: number, cut: number, atCut: number, list: number) => number;

export class CompactIndex {
  readonly #memory = new WebAssembly.Memory({ initial: 1 });
  readonly #scores: ScoresFn;
  readonly #scoresAt: ScoresAtFn;
  readonly #hamming: HammingFn;
  readonly #collect: CollectFn;
  #dim = 0;
  #rows = 0;
  #paddedDim = 32;
  #bitBytes = 16;
  #binary = false;
  #scales = new Float32Array(0);
  // Offsets in the wasm memory: query (int16, then its sign bits), histogram, list, per-row output, int8 codes, sign codes.
  #qOff = 0;
  #qBitsOff = 0;
  #histOff = 0;
  #listOff = 0;
  #outOff = 0;
  #matOff = 0;
  #bitsOff = 0;
  #listCap = 0;
  /** False while the int8 codes are still being read (the sign codes are in): the sign codes alone then pick more rows to re-rank exactly. */
  int8Ready = true;

  constructor() {
    if (!simdSupported()) throw new Error('WebAssembly SIMD is not available in this browser.');
    const exports = new WebAssembly.Instance(module!, { env: { memory: this.#memory } }).exports;
    this.#scores = exports.scores as ScoresFn;
    this.#scoresAt = exports.scoresAt as ScoresAtFn;
    this.#hamming = exports.hamming as HammingFn;
    this.#collect = exports.collect as CollectFn;
  }

  get binary(): boolean {
    return this.#binary;
  }

  /** Bytes this index holds: its WebAssembly memory and the per-row scales. */
  get bytes(): number {
    return this.#memory.buffer.byteLength + this.#scales.byteLength;
  }

  /**
   * Lays out memory for `rows` rows of `dim` dimensions. The caller fills every row's codes (`codes`
   * from a file, or `encode`), padding included, before searching them: memory a previous layout
   * used is not cleared (at 1M rows that would touch 440 MB on every load). A WebAssembly memory
   * never shrinks, so a smaller library reuses the memory a larger one grew.
   */
  reserve(rows: number, dim: number, { binary = true, maxList = 8192 } = {}): void {
    const { paddedDim, bitBytes } = codeLayout(dim);
    this.#dim = dim;
    this.#rows = rows;
    this.#paddedDim = paddedDim;
    this.#bitBytes = bitBytes;
    this.#binary = binary;
    this.#listCap = maxList;
    this.#qOff = 0;
    this.#qBitsOff = align(paddedDim * 2);
    this.#histOff = align(this.#qBitsOff + bitBytes);
    this.#listOff = align(this.#histOff + this.#bins * 4);
    this.#outOff = align(this.#listOff + maxList * 4);
    this.#matOff = align(this.#outOff + Math.max(rows, maxList) * 4);
    this.#bitsOff = align(this.#matOff + rows * paddedDim);
    const need = this.#bitsOff + (binary ? rows * bitBytes : 0);
    const have = this.#memory.buffer.byteLength;
    if (need > have) this.#memory.grow(Math.ceil((need - have) / page));
    this.#scales = new Float32Array(rows);
  }

  /** Views of rows [from, from + count)'s codes, to fill in place (from a codes file, or by `encode`). */
  codes(from: number, count: number): { int8: Int8Array; scales: Float32Array; bits: Uint8Array | null } {
    return {
      int8: new Int8Array(this.#memory.buffer, this.#matOff + from * this.#paddedDim, count * this.#paddedDim),
      scales: this.#scales.subarray(from, from + count),
      bits: this.#binary ? new Uint8Array(this.#memory.buffer, this.#bitsOff + from * this.#bitBytes, count * this.#bitBytes) : null,
    };
  }

  /** Encodes float32 rows into the codes of rows [from, from + vectors.length / dim). */
  encode(from: number, vectors: Float32Array): void {
    const c = this.codes(from, vectors.length / this.#dim);
    encodeRows(vectors, this.#dim, c.int8, c.scales, c.bits);
  }

  /** Histogram bins of the sign-code pass: Hamming distances 0..paddedDim. */
  get #bins(): number {
    return this.#paddedDim + 1;
  }

  #setQuery(q: Float32Array): void {
    let max = 0;
    for (let j = 0; j < this.#dim; j++) max = Math.max(max, Math.abs(q[j]!));
    const qScale = max > 0 ? 127 / max : 0;
    const q16 = new Int16Array(this.#memory.buffer, this.#qOff, this.#paddedDim);
    q16.fill(0);
    for (let j = 0; j < this.#dim; j++) q16[j] = Math.round(q[j]! * qScale);
    if (this.#binary) {
      const bits = new Uint8Array(this.#memory.buffer, this.#qBitsOff, this.#bitBytes);
      bits.fill(0);
      for (let j = 0; j < this.#dim; j++) if (q[j]! > 0) bits[j >> 3]! |= 1 << (j & 7);
    }
  }

  /** The int8 stage's best `keep` rows: a full int8 scan, or (with sign codes) of the `firstPass` rows nearest in Hamming distance. */
  #approximate(keep: number, firstPass: number, allow?: Uint8Array): TopK {
    const top = new TopK(keep);
    const scale = this.#scales;
    if (!this.#binary || (firstPass >= this.#rows && this.int8Ready)) {
      this.#scores(this.#matOff, this.#rows, this.#paddedDim, this.#qOff, this.#outOff);
      const raw = new Int32Array(this.#memory.buffer, this.#outOff, this.#rows);
      for (let r = 0; r < this.#rows; r++) {
        if (allow && !allow[r]) continue;
        const s = raw[r]! * scale[r]!;
        if (s >= top.threshold) top.push(r, s);
      }
      return top;
    }
    const bins = this.#bins;
    const hist = new Int32Array(this.#memory.buffer, this.#histOff, bins);
    hist.fill(0);
    this.#hamming(this.#bitsOff, this.#rows, this.#bitBytes, this.#qBitsOff, this.#outOff, this.#histOff);
    const dist = new Int32Array(this.#memory.buffer, this.#outOff, this.#rows);
    if (allow) {
      // The kernel counted every row; a filter counts only the rows it lets through.
      hist.fill(0);
      for (let r = 0; r < this.#rows; r++) if (allow[r]) hist[dist[r]!]!++;
    }
    // Without int8 codes yet, the nearest `keep` rows by Hamming distance go straight to the exact re-rank.
    const want = Math.min(this.int8Ready ? firstPass : keep, this.#listCap);
    // The cut-off distance: rows nearer than it all go in, rows at it until the list is full.
    let cut = 0;
    let below = 0;
    for (; cut < bins; cut++) {
      if (below + hist[cut]! >= want) break;
      below += hist[cut]!;
    }
    const list = new Int32Array(this.#memory.buffer, this.#listOff, want);
    let n = 0;
    if (!allow) n = this.#collect(this.#outOff, this.#rows, cut, want - below, this.#listOff);
    else {
      let atCut = want - below;
      for (let r = 0; r < this.#rows; r++) {
        const d = dist[r]!;
        if (d > cut || !allow[r]) continue;
        if (d < cut) list[n++] = r;
        else if (atCut > 0) (list[n++] = r), atCut--;
      }
    }
    if (!this.int8Ready) {
      for (let i = 0; i < n; i++) top.push(list[i]!, -dist[list[i]!]!);
      return top;
    }
    this.#scoresAt(this.#matOff, this.#listOff, n, this.#paddedDim, this.#qOff, this.#outOff);
    const raw = new Int32Array(this.#memory.buffer, this.#outOff, n);
    for (let i = 0; i < n; i++) {
      const r = list[i]!;
      const s = raw[i]! * scale[r]!;
      if (s >= top.threshold) top.push(r, s);
    }
    return top;
  }

  /** Top k rows by inner product with q: approximate stages on the codes, then an exact float32 re-rank. */
  async search(q: Float32Array, { k, candidates, firstPass = 4096, allow }: SearchOptions, exact: ExactRows): Promise<Hit[]> {
    if (this.#rows === 0 || k <= 0) return [];
    this.#setQuery(q);
    const keep = Math.max(k, candidates, this.int8Ready ? 0 : earlyExact);
    const pre = this.#approximate(keep, Math.max(firstPass, keep), allow).result();
    const rows = Int32Array.from(pre, (h) => h.row);
    const vectors = await exact(rows);
    const top = new TopK(k);
    rows.forEach((row, i) => top.push(row, dotRow(vectors, this.#dim, i, q)));
    return top.result();
  }
}
