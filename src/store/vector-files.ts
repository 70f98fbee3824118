// Vector segment files in the Origin Private File System (OPFS). A segment `<id>` is two
// append-once files in the directory `<database name>-vectors` (`rag-lab-vectors`):
//   <id>.f32    rows × dim float32, the exact vectors, read by offset for the final re-rank;
//   <id>.codes  a 16-byte header (magic, dim, rows, 0), then rows × paddedDim int8 codes,
//               rows float32 scales, and rows × bitBytes sign bits (compact-index.ts's layout),
//               read once into the search worker's memory at start-up.
// IndexedDB's segment records decide what is visible (docs/retrieval.md): a file no record
// names is an orphan (a compaction that never committed) and is removed by `sweep`.
import { codeLayout, encodeRows } from '../shared/vector-codes';

const magic = 0x31564c52; // "RLV1"
const headerBytes = 16;
/** Rows encoded per step when a segment's codes are written (bounded memory). */
const stepRows = 16384;

/** The segment directory of a database, or null where this browser has no OPFS (the IndexedDB layout is used then). */
export async function vectorDir(dbName: string): Promise<FileSystemDirectoryHandle | null> {
  try {
    if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return null;
    return await (await navigator.storage.getDirectory()).getDirectoryHandle(`${dbName}-vectors`, { create: true });
  } catch {
    return null;
  }
}

/**
 * The search worker's caches of derived indexes (the BM25 index), one file each in `<database name>-search`: written
 * whole (a file exists only once its writer closes), checked when read, rebuilt from the library when missing or
 * stale. They hold nothing the library does not.
 */
export const searchCache = {
  async read(dbName: string, name: string): Promise<ArrayBuffer | null> {
    try {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(`${dbName}-search`);
      return await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer();
    } catch {
      return null;
    }
  },
  async write(dbName: string, name: string, data: Blob): Promise<void> {
    if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return;
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(`${dbName}-search`, { create: true });
    await writeWhole(dir, name, (w) => w.write(data));
  },
};

/** Writes one file through a writable stream: it is replaced only when the writer closes; on an error it is aborted. */
async function writeWhole(dir: FileSystemDirectoryHandle, name: string, write: (w: FileSystemWritableFileStream) => Promise<void>): Promise<void> {
  const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
  try {
    await write(w);
    await w.close();
  } catch (e) {
    await w.abort().catch(() => undefined);
    throw e;
  }
}

/** Runs `fn` holding the lock every writer and sweeper of segment files takes (one at a time, across tabs). */
export function withFileLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('rag-lab-vector-files', fn) : fn();
}

export const fileNames = (id: string) => ({ f32: `${id}.f32`, codes: `${id}.codes` });

/** Byte sizes of a codes file's sections. */
function codesSections(rows: number, dim: number) {
  const { paddedDim, bitBytes } = codeLayout(dim);
  const int8 = headerBytes;
  const scales = int8 + rows * paddedDim;
  const bits = scales + rows * 4;
  return { paddedDim, bitBytes, int8, scales, bits, end: bits + rows * bitBytes };
}

/**
 * Writes segment `id` from float32 vectors given as Blobs (stored blocks, a legacy segment, or
 * ranges of older files). Each file is committed only when its writer closes: a tab closed
 * mid-write leaves at most an empty or partial file that no record names.
 */
export async function writeSegment(dir: FileSystemDirectoryHandle, id: string, parts: Blob[], dim: number): Promise<number> {
  const all = new Blob(parts);
  const rows = all.size / (dim * 4);
  if (!Number.isInteger(rows)) throw new Error(`writeSegment: ${all.size} bytes is not a whole number of ${dim}-d vectors`);
  const names = fileNames(id);
  await writeWhole(dir, names.f32, (w) => w.write(all));
  const s = codesSections(rows, dim);
  await writeWhole(dir, names.codes, async (codes) => {
    await codes.write({ type: 'write', position: 0, data: new Uint32Array([magic, dim, rows, 0]) });
    for (let from = 0; from < rows; from += stepRows) {
      const n = Math.min(stepRows, rows - from);
      const vectors = new Float32Array(await all.slice(from * dim * 4, (from + n) * dim * 4).arrayBuffer());
      const int8 = new Int8Array(n * s.paddedDim);
      const scales = new Float32Array(n);
      const bits = new Uint8Array(n * s.bitBytes);
      encodeRows(vectors, dim, int8, scales, bits);
      await codes.write({ type: 'write', position: s.int8 + from * s.paddedDim, data: int8 });
      await codes.write({ type: 'write', position: s.scales + from * 4, data: scales });
      await codes.write({ type: 'write', position: s.bits + from * s.bitBytes, data: bits });
    }
  });
  return rows;
}

/** A segment's float32 file, to slice rows from (no copy until read; works on any thread). */
export async function segmentFile(dir: FileSystemDirectoryHandle, id: string): Promise<File> {
  return (await dir.getFileHandle(fileNames(id).f32)).getFile();
}

/** The segment ids that have files (complete or not). */
export async function listSegments(dir: FileSystemDirectoryHandle): Promise<string[]> {
  const ids = new Set<string>();
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) ids.add(name.replace(/\.(f32|codes)$/, ''));
  return [...ids];
}

/** Removes segments' files; returns the ids whose files are still open in a search worker (left for a later sweep). */
export async function removeSegments(dir: FileSystemDirectoryHandle, ids: Iterable<string>): Promise<string[]> {
  const busy: string[] = [];
  for (const id of ids) {
    for (const name of Object.values(fileNames(id))) {
      try {
        await dir.removeEntry(name);
      } catch (e) {
        if ((e as { name?: string }).name !== 'NotFoundError') busy.push(id);
      }
    }
  }
  return [...new Set(busy)];
}

type SyncHandle = {
  read(buffer: ArrayBufferView, options: { at: number }): number;
  getSize(): number;
  close(): void;
};

/**
 * A segment opened for reading in a worker: codes once, float32 rows by offset. Read-only sync
 * access handles let several tabs read one file; while one is open, no tab can delete it.
 * Where sync handles are missing, rows are read asynchronously from the File.
 */
export class SegmentReader {
  private constructor(
    readonly id: string,
    readonly dim: number,
    readonly rows: number,
    private readonly f32: SyncHandle | File,
    private readonly codes: SyncHandle | File,
  ) {}

  static async open(dir: FileSystemDirectoryHandle, id: string, dim: number, rows: number): Promise<SegmentReader> {
    const names = fileNames(id);
    const open = async (name: string): Promise<SyncHandle | File> => {
      const handle = await dir.getFileHandle(name);
      const sync = (handle as unknown as { createSyncAccessHandle?: (o: { mode: string }) => Promise<SyncHandle> }).createSyncAccessHandle;
      if (typeof sync === 'function') {
        try {
          return await sync.call(handle, { mode: 'read-only' });
        } catch {
          // No sync handles here (the main thread), or no read-only mode: read the File.
        }
      }
      return handle.getFile();
    };
    const f32 = await open(names.f32);
    const codes = await open(names.codes).catch((e: unknown) => {
      close(f32);
      throw e;
    });
    const reader = new SegmentReader(id, dim, rows, f32, codes);
    const s = codesSections(rows, dim);
    const header = new Uint32Array(4);
    await reader.#read(codes, new Uint8Array(header.buffer), 0);
    const f32Bytes = f32 instanceof File ? f32.size : f32.getSize();
    const codesBytes = codes instanceof File ? codes.size : codes.getSize();
    if (header[0] !== magic || header[1] !== dim || header[2] !== rows || codesBytes < s.end || f32Bytes < rows * dim * 4) {
      reader.close();
      throw new Error(`Vector segment ${id} is incomplete or damaged on disk.`);
    }
    return reader;
  }

  async #read(from: SyncHandle | File, into: Uint8Array, at: number): Promise<void> {
    if (from instanceof File) into.set(new Uint8Array(await from.slice(at, at + into.byteLength).arrayBuffer()));
    else if (from.read(into, { at }) !== into.byteLength) throw new Error(`Vector segment ${this.id}: short read.`);
  }

  /**
   * Reads the codes of file rows [from, from + count) into an index's views: the int8 codes, and the
   * scales and sign bits (`signs`); a cold load reads the signs of every segment first, the int8 codes after.
   */
  async readCodes(from: number, count: number, into: { int8: Int8Array; scales: Float32Array; bits: Uint8Array | null }, { int8 = true, signs = true } = {}): Promise<void> {
    const s = codesSections(this.rows, this.dim);
    if (int8) await this.#read(this.codes, new Uint8Array(into.int8.buffer, into.int8.byteOffset, count * s.paddedDim), s.int8 + from * s.paddedDim);
    if (signs) await this.#read(this.codes, new Uint8Array(into.scales.buffer, into.scales.byteOffset, count * 4), s.scales + from * 4);
    if (signs && into.bits) await this.#read(this.codes, new Uint8Array(into.bits.buffer, into.bits.byteOffset, count * s.bitBytes), s.bits + from * s.bitBytes);
  }

  /** Reads float32 file rows [from, from + count) into `into` (count × dim floats). */
  readRows(from: number, count: number, into: Float32Array): Promise<void> | void {
    const bytes = new Uint8Array(into.buffer, into.byteOffset, count * this.dim * 4);
    const at = from * this.dim * 4;
    if (this.f32 instanceof File) return this.#read(this.f32, bytes, at);
    if (this.f32.read(bytes, { at }) !== bytes.byteLength) throw new Error(`Vector segment ${this.id}: short read.`);
  }

  get synchronous(): boolean {
    return !(this.f32 instanceof File);
  }

  close(): void {
    close(this.f32);
    close(this.codes);
  }
}

function close(h: SyncHandle | File): void {
  if (!(h instanceof File)) h.close();
}
