// Writes an MLC tensor-cache.json and its shards for a model made here (a merged
// fine-tune). Changed tensors are written "raw" in their true dtype (never
// re-rounded to bf16, which would erase much of a small LoRA delta). Unchanged
// tensors are either referenced in the base's own shards (absolute dataPath,
// no copy) or copied byte for byte.
import { f32ToF16, type ShardRecord, type TensorCache, type TensorRecord } from './tensor-cache';

export interface WrittenTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** A tensor already encoded in its stored dtype (q4f16_1's uint32 codes and float16 scales). */
export interface EncodedTensor {
  name: string;
  shape: number[];
  dtype: 'uint32' | 'float16';
  bytes: Uint8Array;
}

export interface CopiedRecord {
  record: TensorRecord;
  /** The record's bytes exactly as stored in the base shard. */
  bytes: Uint8Array;
}

export interface ReferencedShard {
  /** Absolute URL of the base's shard. */
  url: string;
  shard: ShardRecord;
  /** The base records still used from it (the changed ones are left out). */
  keep: TensorRecord[];
}

export interface BuiltCache {
  cache: TensorCache;
  /** The new shards: the dataPath in `cache` and the bytes to store. */
  shards: { dataPath: string; bytes: Uint8Array }[];
}

const maxShardBytes = 32 * 2 ** 20;

export function buildTensorCache(parts: { referenced: ReferencedShard[]; copied: CopiedRecord[]; written: WrittenTensor[]; encoded?: EncodedTensor[]; dtype: 'float32' | 'float16' }): BuiltCache {
  const pending: { record: Omit<TensorRecord, 'byteOffset'>; bytes: Uint8Array }[] = [
    ...parts.copied.map(({ record: { byteOffset: _o, ...record }, bytes }) => ({ record, bytes })),
    ...parts.written.map((t) => {
      const bytes = parts.dtype === 'float16' ? new Uint8Array(f32ToF16(t.data).buffer) : new Uint8Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength));
      return { record: { name: t.name, shape: t.shape, dtype: parts.dtype, format: 'raw' as const, nbytes: bytes.length }, bytes };
    }),
    ...(parts.encoded ?? []).map((t) => ({ record: { name: t.name, shape: t.shape, dtype: t.dtype, format: 'raw' as const, nbytes: t.bytes.length }, bytes: t.bytes })),
  ];
  const shards: BuiltCache['shards'] = [];
  const shardRecords: ShardRecord[] = parts.referenced.map((r) => ({ ...r.shard, dataPath: r.url, records: r.keep }));
  let current: { records: TensorRecord[]; chunks: Uint8Array[]; size: number } | null = null;
  const flush = () => {
    if (!current) return;
    const dataPath = `params_shard_${shards.length}.bin`;
    const bytes = new Uint8Array(current.size);
    let at = 0;
    for (const c of current.chunks) (bytes.set(c, at), (at += c.length));
    shards.push({ dataPath, bytes });
    shardRecords.push({ dataPath, format: 'raw-shard', nbytes: bytes.length, records: current.records });
    current = null;
  };
  for (const p of pending) {
    if (current && current.size + p.bytes.length > maxShardBytes) flush();
    current ??= { records: [], chunks: [], size: 0 };
    current.records.push({ ...p.record, byteOffset: current.size });
    current.chunks.push(p.bytes);
    current.size += p.bytes.length;
  }
  flush();
  const records = shardRecords.flatMap((s) => s.records);
  const paramBytes = records.reduce((n, r) => n + r.nbytes, 0);
  const params = records.reduce((n, r) => n + r.shape.reduce((a, b) => a * b, 1), 0);
  return {
    cache: { metadata: { ParamSize: records.length, ParamBytes: paramBytes, BitsPerParam: params ? (8 * paramBytes) / params : 0 }, records: shardRecords },
    shards,
  };
}
