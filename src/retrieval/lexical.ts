// BM25 lexical search over chunks, with a tokenizer that handles Chinese and Japanese (shared/lexical-terms.ts).
// A compact inverted index in typed arrays: each term's postings (row delta, term frequency, both as varints) live
// in a chain of blocks inside one growable byte arena, so a million chunks cost a few hundred bytes each instead of
// MiniSearch's per-posting Map entries (npm run bench:lexical: MiniSearch needed 1.2 GB and 88 s for 300k chunks).
// The scores are MiniSearch's BM25+ (k 1.2, b 0.7, d 0.5, a chunk's length counted in distinct terms, each query
// term's score summed once per occurrence, times the number of distinct query terms matched), which the app used
// before; test/unit/lexical-fusion.test.ts checks the rankings against MiniSearch's on the demo pack.
import { tokenize } from '../shared/lexical-terms';
import { TopK } from './topk';

export { tokenize };

export interface LexicalHit {
  docId: string;
  ord: number;
  score: number;
}

const k1 = 1.2;
const b = 0.7;
const d = 0.5;
/** Bytes of the first block of a term's postings (most terms are rare); each next block doubles, up to maxBlock. */
const firstBlock = 16;
const maxBlock = 4096;

/** A typed array that grows by doubling, keeping its contents: `ensure(n)` makes room for n elements. */
class Growable<T extends Int32Array | Uint8Array> {
  data: T;
  constructor(private readonly make: (n: number) => T, capacity = 1024) {
    this.data = make(capacity);
  }

  ensure(n: number): T {
    if (n > this.data.length) {
      const next = this.make(Math.max(n, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    return this.data;
  }
}

const growInt32 = (capacity?: number) => new Growable((n) => new Int32Array(n), capacity);
const growBytes = (capacity?: number) => new Growable((n) => new Uint8Array(n), capacity);

interface DocRows {
  version: string;
  start: number;
  count: number;
}

/** A BM25 index of chunks, updated one document at a time (never rebuilt per query). */
export class LexicalIndex {
  readonly #terms = new Map<string, number>();
  // Per term: first and current block, bytes used and size of the current block, last row, and postings (live or not).
  readonly #head = growInt32();
  readonly #tail = growInt32();
  readonly #used = growInt32();
  readonly #size = growInt32();
  readonly #lastRow = growInt32();
  readonly #arena = growBytes(1 << 16);
  #arenaUsed = 0;
  // Per row (chunk): its length in distinct terms, its document (an index into #rowDocs) and whether it is live.
  readonly #length = growInt32();
  readonly #rowDoc = growInt32();
  readonly #live = growBytes();
  #rows = 0;
  readonly #docNames: string[] = [];
  readonly #docs = new Map<string, DocRows>();
  #liveRows = 0;
  #liveLength = 0;
  #deadRows = 0;
  // Query scratch, reused: scores, the distinct query terms each row matched, and the rows touched.
  #scores = new Float64Array(0);
  #matched = new Uint16Array(0);
  readonly #decodedRows = growInt32();
  readonly #decodedTf = growInt32();

  /** Documents in the index, with the version they were indexed at. */
  version(docId: string): string | undefined {
    return this.#docs.get(docId)?.version;
  }

  get documentCount(): number {
    return this.#docs.size;
  }

  /** The documents in the index. */
  documentIds(): string[] {
    return [...this.#docs.keys()];
  }

  /** Bytes held by the index's arrays (postings, per-term and per-row data). */
  get bytes(): number {
    const arrays = [this.#head, this.#tail, this.#used, this.#size, this.#lastRow, this.#length, this.#rowDoc, this.#live, this.#arena];
    return arrays.reduce((a, x) => a + x.data.byteLength, 0);
  }

  #alloc(size: number): number {
    const arena = this.#arena.ensure(this.#arenaUsed + size);
    const at = this.#arenaUsed;
    this.#arenaUsed += size;
    // A block starts with the offset of the next block (0: none yet).
    arena[at] = arena[at + 1] = arena[at + 2] = arena[at + 3] = 0;
    return at;
  }

  #termId(term: string): number {
    let id = this.#terms.get(term);
    if (id === undefined) {
      id = this.#terms.size;
      this.#terms.set(term, id);
      for (const a of [this.#head, this.#tail, this.#used, this.#size, this.#lastRow]) a.ensure(id + 1);
      const block = this.#alloc(firstBlock);
      this.#head.data[id] = block;
      this.#tail.data[id] = block;
      this.#used.data[id] = 4;
      this.#size.data[id] = firstBlock;
      this.#lastRow.data[id] = 0;
    }
    return id;
  }

  #putByte(t: number, byte: number): void {
    if (this.#used.data[t]! === this.#size.data[t]!) {
      const size = Math.min(maxBlock, this.#size.data[t]! * 2);
      const block = this.#alloc(size);
      const tail = this.#tail.data[t]!;
      const arena = this.#arena.data;
      arena[tail] = block & 255;
      arena[tail + 1] = (block >>> 8) & 255;
      arena[tail + 2] = (block >>> 16) & 255;
      arena[tail + 3] = block >>> 24;
      this.#tail.data[t] = block;
      this.#used.data[t] = 4;
      this.#size.data[t] = size;
    }
    this.#arena.data[this.#tail.data[t]! + this.#used.data[t]!] = byte;
    this.#used.data[t]!++;
  }

  #putVarint(t: number, value: number): void {
    while (value >= 128) {
      this.#putByte(t, (value & 127) | 128);
      value = Math.floor(value / 128);
    }
    this.#putByte(t, value);
  }

  /** Adds (or replaces) one document's chunks. */
  add(docId: string, version: string, texts: string[]): void {
    this.remove(docId);
    const start = this.#rows;
    const docIndex = this.#docNames.length;
    this.#docNames.push(docId);
    for (const a of [this.#length, this.#rowDoc, this.#live]) a.ensure(start + texts.length);
    texts.forEach((text, ord) => {
      const row = start + ord;
      const counts = new Map<string, number>();
      for (const term of tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, tf] of counts) {
        const t = this.#termId(term);
        // Rows only grow, so each posting is a delta from the term's previous row (the first from row 0).
        this.#putVarint(t, row - this.#lastRow.data[t]!);
        this.#putVarint(t, tf);
        this.#lastRow.data[t] = row;
      }
      this.#length.data[row] = counts.size;
      this.#rowDoc.data[row] = docIndex;
      this.#live.data[row] = 1;
      this.#liveLength += counts.size;
    });
    this.#rows += texts.length;
    this.#liveRows += texts.length;
    this.#docs.set(docId, { version, start, count: texts.length });
  }

  /** Takes a document's chunks out of every search at once; their postings stay until `vacuum` (called once a quarter are dead). */
  remove(docId: string): void {
    const entry = this.#docs.get(docId);
    if (!entry) return;
    for (let row = entry.start; row < entry.start + entry.count; row++) {
      this.#live.data[row] = 0;
      this.#liveLength -= this.#length.data[row]!;
    }
    this.#liveRows -= entry.count;
    this.#deadRows += entry.count;
    this.#docs.delete(docId);
    if (this.#deadRows > 1000 && this.#deadRows > this.#rows / 4) this.vacuum();
  }

  /** Decodes term t's postings into the scratch arrays; returns how many. */
  #decode(t: number): number {
    const arena = this.#arena.data;
    let block = this.#head.data[t]!;
    let at = block + 4;
    let end = block === this.#tail.data[t] ? block + this.#used.data[t]! : block + firstBlock;
    let size = firstBlock;
    let row = 0;
    let n = 0;
    // A term has at most one posting per row.
    const rows = this.#decodedRows.ensure(this.#rows);
    const tfs = this.#decodedTf.ensure(this.#rows);
    const next = (): number => {
      if (at === end) {
        block = arena[block]! | (arena[block + 1]! << 8) | (arena[block + 2]! << 16) | (arena[block + 3]! << 24);
        size = Math.min(maxBlock, size * 2);
        at = block + 4;
        end = block === this.#tail.data[t] ? block + this.#used.data[t]! : block + size;
      }
      return arena[at++]!;
    };
    const varint = (): number => {
      let value = 0;
      let scale = 1;
      for (;;) {
        const byte = next();
        value += (byte & 127) * scale;
        if (byte < 128) return value;
        scale *= 128;
      }
    };
    while (at !== end || block !== this.#tail.data[t]) {
      row += varint();
      const tf = varint();
      rows[n] = row;
      tfs[n++] = tf;
    }
    return n;
  }

  /** Rewrites the postings without dead rows, renumbering rows (run when a quarter of the rows are dead). */
  vacuum(): void {
    const renumber = new Int32Array(this.#rows).fill(-1);
    let live = 0;
    for (let row = 0; row < this.#rows; row++) if (this.#live.data[row]) renumber[row] = live++;
    const postings: { term: string; rows: Int32Array; tf: Int32Array }[] = [];
    for (const [term, t] of this.#terms) {
      const n = this.#decode(t);
      const rows: number[] = [];
      const tf: number[] = [];
      for (let i = 0; i < n; i++) {
        const r = renumber[this.#decodedRows.data[i]!]!;
        if (r >= 0) rows.push(r), tf.push(this.#decodedTf.data[i]!);
      }
      if (rows.length) postings.push({ term, rows: Int32Array.from(rows), tf: Int32Array.from(tf) });
    }
    const length = new Int32Array(live);
    const rowDoc = new Int32Array(live);
    for (let row = 0; row < this.#rows; row++) {
      const r = renumber[row]!;
      if (r >= 0) (length[r] = this.#length.data[row]!), (rowDoc[r] = this.#rowDoc.data[row]!);
    }
    for (const entry of this.#docs.values()) entry.start = renumber[entry.start] ?? 0;
    // Every live posting is copied out above: the arena is written again from its start.
    this.#terms.clear();
    this.#arenaUsed = 0;
    for (const { term, rows, tf } of postings) {
      const t = this.#termId(term);
      rows.forEach((row, i) => {
        this.#putVarint(t, row - this.#lastRow.data[t]!);
        this.#putVarint(t, tf[i]!);
        this.#lastRow.data[t] = row;
      });
    }
    this.#length.ensure(live).set(length);
    this.#rowDoc.ensure(live).set(rowDoc);
    this.#live.data.fill(1, 0, live).fill(0, live);
    this.#rows = live;
    this.#deadRows = 0;
  }

  /**
   * The whole index as bytes (a header in JSON, then the arrays), for the search worker's cache in OPFS: a library of
   * a million chunks loads it instead of tokenizing every chunk again. `fromBytes` gives an equal index.
   */
  toBytes(): Blob {
    const arrays = this.#arrays();
    const header = new TextEncoder().encode(JSON.stringify({
      format: 1, terms: [...this.#terms.keys()], docNames: this.#docNames, docs: [...this.#docs],
      rows: this.#rows, liveRows: this.#liveRows, liveLength: this.#liveLength, deadRows: this.#deadRows, arenaUsed: this.#arenaUsed,
      lengths: arrays.map(([, a]) => a.length),
    }));
    const size = new Uint32Array([header.length]);
    return new Blob([size, header, ...arrays.map(([, a]) => a)] as BlobPart[]);
  }

  /** The arrays `toBytes` writes, in order, cut to what is used. */
  #arrays(): [string, Int32Array | Uint8Array][] {
    const terms = this.#terms.size;
    return [
      ['head', this.#head.data.subarray(0, terms)], ['tail', this.#tail.data.subarray(0, terms)], ['used', this.#used.data.subarray(0, terms)],
      ['size', this.#size.data.subarray(0, terms)], ['lastRow', this.#lastRow.data.subarray(0, terms)],
      ['length', this.#length.data.subarray(0, this.#rows)], ['rowDoc', this.#rowDoc.data.subarray(0, this.#rows)],
      ['live', this.#live.data.subarray(0, this.#rows)], ['arena', this.#arena.data.subarray(0, this.#arenaUsed)],
    ];
  }

  /** An index from `toBytes`; throws on anything else (the caller then builds one from the chunks). */
  static fromBytes(bytes: ArrayBuffer): LexicalIndex {
    const headerLength = new Uint32Array(bytes, 0, 1)[0]!;
    const h = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 4, headerLength))) as {
      format: number; terms: string[]; docNames: string[]; docs: [string, DocRows][]; rows: number; liveRows: number; liveLength: number;
      deadRows: number; arenaUsed: number; lengths: number[];
    };
    if (h.format !== 1) throw new Error(`Unknown lexical index format ${h.format}`);
    const index = new LexicalIndex();
    let at = 4 + headerLength;
    const take = <T extends Int32Array | Uint8Array>(make: new (b: ArrayBuffer) => T, count: number, width: number): T => {
      const out = new make(bytes.slice(at, at + count * width));
      if (out.length !== count) throw new Error('The lexical index file is cut short.');
      at += count * width;
      return out;
    };
    const [head, tail, used, size, lastRow, length, rowDoc] = h.lengths.slice(0, 7).map((n) => take(Int32Array, n, 4));
    const live = take(Uint8Array, h.lengths[7]!, 1);
    const arena = take(Uint8Array, h.lengths[8]!, 1);
    h.terms.forEach((term, i) => index.#terms.set(term, i));
    for (const [target, source] of [[index.#head, head], [index.#tail, tail], [index.#used, used], [index.#size, size], [index.#lastRow, lastRow], [index.#length, length], [index.#rowDoc, rowDoc]] as const) {
      target.ensure(source!.length).set(source!);
    }
    index.#live.ensure(live.length).set(live);
    index.#arena.ensure(arena.length).set(arena);
    index.#arenaUsed = h.arenaUsed;
    for (const name of h.docNames) index.#docNames.push(name);
    for (const [id, rows] of h.docs) index.#docs.set(id, rows);
    index.#rows = h.rows;
    index.#liveRows = h.liveRows;
    index.#liveLength = h.liveLength;
    index.#deadRows = h.deadRows;
    return index;
  }

  /** Top k chunks by BM25; `allow` filters by document. No score threshold: every match can rank. */
  search(query: string, k: number, allow?: (docId: string) => boolean): LexicalHit[] {
    if (this.#liveRows === 0 || k <= 0) return [];
    if (this.#scores.length < this.#rows) {
      this.#scores = new Float64Array(this.#rows);
      this.#matched = new Uint16Array(this.#rows);
    }
    const scores = this.#scores;
    const matched = this.#matched;
    const occurrences = new Map<number, number>();
    for (const term of tokenize(query)) {
      const t = this.#terms.get(term);
      if (t !== undefined) occurrences.set(t, (occurrences.get(t) ?? 0) + 1);
    }
    const touched: number[] = [];
    const avgLength = this.#liveLength / this.#liveRows;
    const live = this.#live.data;
    for (const [t, times] of occurrences) {
      const n = this.#decode(t);
      const rows = this.#decodedRows.data;
      const tfs = this.#decodedTf.data;
      let df = 0;
      for (let i = 0; i < n; i++) if (live[rows[i]!]) df++;
      if (!df) continue;
      const idf = Math.log(1 + (this.#liveRows - df + 0.5) / (df + 0.5));
      for (let i = 0; i < n; i++) {
        const row = rows[i]!;
        if (!live[row]) continue;
        const tf = tfs[i]!;
        const norm = k1 * (1 - b + (b * this.#length.data[row]!) / avgLength);
        if (matched[row] === 0) touched.push(row);
        scores[row]! += times * idf * (d + (tf * (k1 + 1)) / (tf + norm));
        matched[row]!++;
      }
    }
    const top = new TopK(k);
    for (const row of touched) {
      const score = scores[row]! * matched[row]!;
      scores[row] = 0;
      matched[row] = 0;
      if (allow && !allow(this.#docNames[this.#rowDoc.data[row]!]!)) continue;
      if (score >= top.threshold) top.push(row, score);
    }
    return top.result().map(({ row, score }) => {
      const docId = this.#docNames[this.#rowDoc.data[row]!]!;
      return { docId, ord: row - this.#docs.get(docId)!.start, score };
    });
  }
}
