// Fast exact-after-rerank vector search: an int8 copy of the vectors is scanned
// with a WebAssembly SIMD kernel (a quarter of the memory traffic of float32),
// the best `candidates` rows are re-scored exactly in float32, and the top k returned.
import { wasmBase64 } from './kernels/dot-i8-wasm';
import { TopK, type Hit } from './topk';
import { dotRow } from '../shared/vectors';

const page = 65536;
const align = (n: number, a = 64) => Math.ceil(n / a) * a;

function wasmBytes(): Uint8Array {
  const bin = atob(wasmBase64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

let module: WebAssembly.Module | null = null;

/** True where WebAssembly SIMD is available (every current browser and Node 16+). */
export function simdSupported(): boolean {
  try {
    module ??= new WebAssembly.Module(wasmBytes() as Uint8Array<ArrayBuffer>);
    return true;
  } catch {
    return false;
  }
}

export interface SearchOptions {
  k: number;
  /** Rows re-scored exactly after the int8 scan. */
  candidates: number;
  /** Rows with 0 are skipped (document filter). */
  allow?: Uint8Array;
}

type ScoresFn = (mat: number, rows: number, dim: number, q: number, out: number) => void;

export class Int8Index {
  readonly #memory = new WebAssembly.Memory({ initial: 1 });
  readonly #scores: ScoresFn;
  #vectors: Float32Array = new Float32Array(0);
  #dim = 0;
  #rows = 0;
  #paddedDim = 0;
  #rowScale = new Float32Array(0);
  #qOff = 0;
  #outOff = 0;
  #matOff = 0;

  constructor() {
    if (!simdSupported()) throw new Error('WebAssembly SIMD is not available in this browser.');
    const instance = new WebAssembly.Instance(module!, { env: { memory: this.#memory } });
    this.#scores = instance.exports.scores as ScoresFn;
  }

  get rows(): number {
    return this.#rows;
  }

  /** Takes the float32 vectors (kept, not copied, for the exact re-rank) and builds the int8 copy. */
  setVectors(vectors: Float32Array, dim: number): void {
    this.#vectors = vectors;
    this.#dim = dim;
    this.#rows = dim ? vectors.length / dim : 0;
    this.#paddedDim = align(Math.max(dim, 1), 32);
    this.#qOff = 0;
    this.#outOff = align(this.#paddedDim * 2);
    this.#matOff = align(this.#outOff + this.#rows * 4);
    const need = this.#matOff + this.#rows * this.#paddedDim;
    const have = this.#memory.buffer.byteLength;
    if (need > have) this.#memory.grow(Math.ceil((need - have) / page));
    const mat = new Int8Array(this.#memory.buffer, this.#matOff, this.#rows * this.#paddedDim);
    mat.fill(0);
    this.#rowScale = new Float32Array(this.#rows);
    for (let r = 0; r < this.#rows; r++) {
      // Symmetric per-row scale: the row's largest magnitude maps to 127.
      let max = 0;
      const off = r * dim;
      for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(vectors[off + j]!));
      const scale = max > 0 ? 127 / max : 0;
      this.#rowScale[r] = max > 0 ? max / 127 : 0;
      const to = r * this.#paddedDim;
      for (let j = 0; j < dim; j++) mat[to + j] = Math.round(vectors[off + j]! * scale);
    }
  }

  /** Top k rows by inner product with q: int8 scan, then exact float32 re-rank of the best candidates. */
  search(q: Float32Array, { k, candidates, allow }: SearchOptions): Hit[] {
    if (this.#rows === 0 || k <= 0) return [];
    let max = 0;
    for (let j = 0; j < this.#dim; j++) max = Math.max(max, Math.abs(q[j]!));
    const qScale = max > 0 ? 127 / max : 0;
    const q16 = new Int16Array(this.#memory.buffer, this.#qOff, this.#paddedDim);
    q16.fill(0);
    for (let j = 0; j < this.#dim; j++) q16[j] = Math.round(q[j]! * qScale);
    this.#scores(this.#matOff, this.#rows, this.#paddedDim, this.#qOff, this.#outOff);
    const raw = new Int32Array(this.#memory.buffer, this.#outOff, this.#rows);
    const pre = new TopK(Math.max(k, candidates));
    const scale = this.#rowScale;
    for (let r = 0; r < this.#rows; r++) {
      if (allow && !allow[r]) continue;
      const s = raw[r]! * scale[r]!;
      if (s >= pre.threshold) pre.push(r, s);
    }
    const top = new TopK(k);
    for (const { row } of pre.result()) top.push(row, dotRow(this.#vectors, this.#dim, row, q));
    return top.result();
  }
}
