// One embedder's vectors in the search worker: the compact codes in memory (CompactIndex), and
// the exact float32 rows wherever they are: read by offset from OPFS segment files, or kept in
// memory (documents not yet in a segment, and every vector where the browser has no OPFS).
import type { VectorLayout } from '../store/library-store';
import { SegmentReader } from '../store/vector-files';
import { CompactIndex, simdSupported } from './compact-index';
import { TopK, type Hit } from './topk';
import { dotRow } from '../shared/vectors';

/** A run of consecutive index rows backed by one source: a file's rows, or a float32 array's. */
interface Run {
  row: number;
  count: number;
  reader?: SegmentReader;
  memory?: Float32Array;
  /** The run's first row in its file, or its first float32 row in `memory`. */
  at: number;
}

/** Rows re-ranked exactly after the codes: recall@10 was 1.0 at 100k and 1M (npm run bench:retrieval). */
export const exactCandidates = 100;
/** Rows the sign-code scan passes to the int8 stage: 4096, or 1% of a larger library (re-scoring 10k rows costs ~1 ms). */
export const firstPassFor = (rows: number) => Math.max(4096, Math.ceil(rows / 100));

export class VectorSet {
  #index: CompactIndex | null = simdSupported() ? new CompactIndex() : null;
  #runs: Run[] = [];
  #readers: SegmentReader[] = [];
  #dim = 0;
  #rows = 0;
  /** Bumped by every load and close: a background read of an older layout stops. */
  #generation = 0;
  #int8Loaded: Promise<void> = Promise.resolve();

  get dim(): number {
    return this.#dim;
  }

  get count(): number {
    return this.#rows;
  }

  get method(): 'binary+int8+rerank' | 'int8-simd+rerank' | 'exact-f32' {
    return !this.#index ? 'exact-f32' : this.#index.binary ? 'binary+int8+rerank' : 'int8-simd+rerank';
  }

  /** Bytes held in memory: the codes, and the float32 rows not in files. */
  get bytes(): number {
    const memory = new Set(this.#runs.map((r) => r.memory).filter((m): m is Float32Array => !!m));
    return (this.#index?.bytes ?? 0) + [...memory].reduce((a, m) => a + m.byteLength, 0);
  }

  /**
   * Loads a layout: each file segment's codes are read into memory, with the float32 files kept
   * open for the re-rank; in-memory rows are encoded. Sign codes are kept (`binary`) above 16k rows
   * unless told otherwise (below, an int8 scan of every row is as fast). Returns the documents in row order (those
   * of a segment whose files are missing or damaged are left out, and listed in `damaged`).
   */
  async load(layout: VectorLayout, { binary }: { binary?: boolean } = {}): Promise<{ docs: { docId: string; count: number }[]; damaged: string[]; ms: { open: number; codes: number } }> {
    const t0 = performance.now();
    const opened: { reader: SegmentReader; piece: Extract<VectorLayout['pieces'][number], { kind: 'file' }> }[] = [];
    const damaged: string[] = [];
    try {
      for (const piece of layout.pieces) {
        if (piece.kind !== 'file') continue;
        try {
          opened.push({ reader: await SegmentReader.open(layout.dir!, piece.id, layout.dim, piece.rows), piece });
        } catch (e) {
          // A file a concurrent compaction just replaced: the caller reads the layout again.
          if ((e as { name?: string }).name === 'NotFoundError') throw e;
          console.warn(e);
          damaged.push(...piece.docs.map((d) => d.docId));
        }
      }
    } catch (e) {
      for (const o of opened) o.reader.close();
      throw e;
    }
    this.close();
    this.#readers = opened.map((o) => o.reader);
    this.#dim = layout.dim;
    const docs: { docId: string; count: number }[] = [];
    const runs: Run[] = [];
    let row = 0;
    for (const { reader, piece } of opened) {
      for (const d of piece.docs) {
        const last = runs[runs.length - 1];
        // Documents next to each other in the file make one run (one read of their codes).
        if (last?.reader === reader && last.at + last.count === d.fileRow) last.count += d.count;
        else runs.push({ row, count: d.count, reader, at: d.fileRow });
        docs.push(d);
        row += d.count;
      }
    }
    for (const piece of layout.pieces) {
      if (piece.kind !== 'memory') continue;
      runs.push({ row, count: piece.vectors.length / (layout.dim || 1), memory: piece.vectors, at: 0 });
      for (const d of piece.docs) docs.push(d), (row += d.count);
    }
    this.#runs = runs.filter((r) => r.count > 0);
    this.#rows = row;
    const t1 = performance.now();
    if (this.#index) {
      const index = this.#index;
      index.reserve(row, layout.dim, { binary: binary ?? row > 16384, maxList: firstPassFor(row) });
      // With sign codes, the files' scales and sign bits are read first (52 MB at 1M), then queries can run while
      // the int8 codes (384 MB) stream in behind them.
      const stream = index.binary && this.#runs.some((r) => r.reader);
      for (const r of this.#runs) {
        if (r.reader) await r.reader.readCodes(r.at, r.count, index.codes(r.row, r.count), { int8: !stream });
        else index.encode(r.row, r.memory!.subarray(r.at * layout.dim, (r.at + r.count) * layout.dim));
      }
      index.int8Ready = !stream;
      this.#int8Loaded = stream ? this.#streamInt8(this.#generation) : Promise.resolve();
    }
    return { docs, damaged, ms: { open: t1 - t0, codes: performance.now() - t1 } };
  }

  /** Resolves once every int8 code is in memory (a load streams them after the sign codes). */
  get int8Loaded(): Promise<void> {
    return this.#int8Loaded;
  }

  /** Reads the file runs' int8 codes in steps of 16k rows, yielding to queries between steps. */
  async #streamInt8(generation: number): Promise<void> {
    const index = this.#index!;
    const step = 16384;
    try {
      for (const r of this.#runs.filter((x) => x.reader)) {
        for (let from = 0; from < r.count; from += step) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (generation !== this.#generation) return;
          const n = Math.min(step, r.count - from);
          await r.reader!.readCodes(r.at + from, n, index.codes(r.row + from, n), { signs: false });
        }
      }
      if (generation === this.#generation) index.int8Ready = true;
    } catch (e) {
      // A newer load closed the files meanwhile; otherwise the sign codes keep answering.
      if (generation === this.#generation) console.warn('Int8 codes not loaded; searching on sign codes:', e);
    }
  }

  close(): void {
    this.#generation++;
    for (const r of this.#readers) r.close();
    this.#readers = [];
    this.#runs = [];
    this.#rows = 0;
  }

  #runOf(row: number): Run {
    let lo = 0;
    let hi = this.#runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#runs[mid]!.row <= row) lo = mid;
      else hi = mid - 1;
    }
    return this.#runs[lo]!;
  }

  /** The float32 rows of a list of index rows, in list order. */
  async rows(list: Int32Array): Promise<Float32Array> {
    const dim = this.#dim;
    const out = new Float32Array(list.length * dim);
    const pending: (Promise<void> | void)[] = [];
    list.forEach((row, i) => {
      const run = this.#runOf(row);
      const at = run.at + row - run.row;
      if (run.memory) out.set(run.memory.subarray(at * dim, (at + 1) * dim), i * dim);
      else pending.push(run.reader!.readRows(at, 1, out.subarray(i * dim, (i + 1) * dim)));
    });
    await Promise.all(pending);
    return out;
  }

  /** Top k: codes, then the exact re-rank of the best candidates (exact top k over everything without SIMD). */
  async search(q: Float32Array, k: number, allow?: Uint8Array, candidates = exactCandidates): Promise<Hit[]> {
    if (!this.#index) return this.exactTopK(q, k, allow);
    return this.#index.search(q, { k, candidates, firstPass: firstPassFor(this.#rows), allow }, (rows) => this.rows(rows));
  }

  /** Exact top k by a float32 scan of every row: files are read in blocks, so memory stays small. */
  async exactTopK(q: Float32Array, k: number, allow?: Uint8Array): Promise<Hit[]> {
    const dim = this.#dim;
    const top = new TopK(k);
    const block = 8192;
    const buffer = new Float32Array(block * dim);
    for (const run of this.#runs) {
      for (let from = 0; from < run.count; from += block) {
        const n = Math.min(block, run.count - from);
        // Rows of `m` from row `first`: the run's own array, or the block just read from its file.
        let m: Float32Array = buffer;
        let first = 0;
        if (run.memory) (m = run.memory), (first = run.at + from);
        else await run.reader!.readRows(run.at + from, n, buffer);
        for (let i = 0; i < n; i++) {
          const row = run.row + from + i;
          if (allow && !allow[row]) continue;
          const s = dotRow(m, dim, first + i, q);
          if (s >= top.threshold) top.push(row, s);
        }
      }
    }
    return top.result();
  }
}
