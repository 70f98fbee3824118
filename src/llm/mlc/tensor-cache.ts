// Reads MLC weight files (tensor-cache.json + params_shard_*.bin), the same
// files web-llm caches. See ../shared/formats/mlc-web-llm.md; q4f16_1's layout is in docs/llm.md.
import { dequantizeQ4, fromHalfBits, q4Shapes, toHalfBits } from '../../shared/q4.mjs';

export interface TensorRecord {
  name: string;
  shape: number[];
  dtype: string;
  format: 'raw' | 'f32-to-bf16';
  nbytes: number;
  byteOffset: number;
}

export interface ShardRecord {
  dataPath: string;
  format: 'raw-shard';
  nbytes: number;
  md5sum?: string;
  records: TensorRecord[];
}

export interface TensorCache {
  metadata: Record<string, unknown>;
  records: ShardRecord[];
}

/**
 * A tensor by its logical name and shape. A q4f16_1 weight (`X.q_weight` + `X.q_scale` on disk) is one Tensor
 * named `X.weight`, shape [out, in], with `q4` set; its `data` is then dequantized afresh on every read (never
 * kept), so that a quantized model is never held in float32 as a whole.
 */
export interface Tensor {
  shape: number[];
  readonly data: Float32Array;
  q4?: Q4Weight;
}

/** A q4f16_1 weight as loaded: the packed codes [out, in / 8] and the scales widened to float32 [out, in / 32]. */
export interface Q4Weight {
  q: Uint32Array;
  scale: Float32Array;
}

/** A quantized tensor whose `data` dequantizes on each read. */
export function q4Tensor(shape: number[], q4: Q4Weight): Tensor {
  return { shape, q4, get data() { return dequantizeQ4(q4.q, q4.scale, shape[1]!, 0, shape[0]!); } };
}

/** Rows [from, to) of a tensor as float32: only those rows are dequantized for a q4 weight. */
export function tensorRows(t: Tensor, from: number, to: number): Float32Array {
  const cols = t.shape[1] ?? 1;
  return t.q4 ? dequantizeQ4(t.q4.q, t.q4.scale, cols, from, to) : t.data.subarray(from * cols, to * cols);
}

/** bfloat16 bits → float32 (exact). */
export function bf16ToF32(bits: Uint16Array): Float32Array {
  const out = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = bits[i]! << 16;
  return new Float32Array(out.buffer);
}

/** IEEE half bits → float32. */
export function f16ToF32(bits: Uint16Array): Float32Array {
  return Float32Array.from(bits, fromHalfBits);
}

const numel = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** The on-disk names of a q4f16_1 weight whose logical name is `name` (`X.weight` → `X.q_weight`, `X.q_scale`). */
export function q4RecordNames(name: string): { q: string; scale: string } {
  const stem = name.replace(/\.weight$/, '');
  return { q: `${stem}.q_weight`, scale: `${stem}.q_scale` };
}

/** The logical name of a q4f16_1 record (`X.q_weight` or `X.q_scale` → `X.weight`); null for any other record. */
export function q4LogicalName(record: string): string | null {
  const m = /^(.*)\.q_(?:weight|scale)$/.exec(record);
  return m ? `${m[1]}.weight` : null;
}

/** Decodes one record from its shard's bytes into float32 (a q4 code record stays as its uint32 words). */
export function decodeRecord(record: TensorRecord, shard: ArrayBuffer): Tensor | { shape: number[]; words: Uint32Array } {
  const n = numel(record.shape);
  const bytes = shard.slice(record.byteOffset, record.byteOffset + record.nbytes);
  let data: Float32Array;
  // MLC marks every record of a shard 'f32-to-bf16', float16 and uint32 ones included (mlc-ai's own q4f16_1
  // files do): the conversion only ever applies to float32 data.
  if (record.format === 'f32-to-bf16' && record.dtype === 'float32') {
    if (record.nbytes !== n * 2) throw new Error(`${record.name}: f32-to-bf16 record has ${record.nbytes} bytes for ${n} values`);
    data = bf16ToF32(new Uint16Array(bytes));
  } else if (record.dtype === 'float32') {
    data = new Float32Array(bytes);
  } else if (record.dtype === 'float16') {
    data = f16ToF32(new Uint16Array(bytes));
  } else if (record.dtype === 'bfloat16') {
    data = bf16ToF32(new Uint16Array(bytes));
  } else if (record.dtype === 'uint32' && record.name.endsWith('.q_weight')) {
    const words = new Uint32Array(bytes);
    if (words.length !== n) throw new Error(`${record.name}: expected ${n} words, got ${words.length}`);
    return { shape: record.shape, words };
  } else {
    throw new Error(`${record.name}: dtype ${record.dtype} is not supported (q0f32, q0f16 and q4f16_1 models only).`);
  }
  if (data.length !== n) throw new Error(`${record.name}: its shape [${record.shape.join(', ')}] needs ${n} values, the file holds ${data.length}. The model's files are corrupt: download the model again.`);
  return { shape: record.shape, data };
}

/**
 * Pairs each `X.q_weight` with its `X.q_scale` into one q4 Tensor `X.weight` [out, in], checking the shapes
 * against each other: a file whose scales do not fit its codes is refused by name rather than read wrongly.
 */
function pairQ4(raw: Map<string, ReturnType<typeof decodeRecord>>): Map<string, Tensor> {
  const tensors = new Map<string, Tensor>();
  for (const [name, t] of raw) {
    const logical = q4LogicalName(name);
    if (!logical) {
      tensors.set(name, t as Tensor);
      continue;
    }
    const names = q4RecordNames(logical);
    if (name !== names.q) continue;
    const scale = raw.get(names.scale) as Tensor | undefined;
    const words = (t as { words: Uint32Array }).words;
    if (!scale) throw new Error(`${name} has no ${names.scale}: the model's files are incomplete; download it again.`);
    const [rows, packed] = t.shape as [number, number];
    const cols = packed * 8;
    const want = q4Shapes(rows, cols);
    if (!want || scale.shape.length !== 2 || scale.shape[0] !== want.qScale[0] || scale.shape[1] !== want.qScale[1]) {
      throw new Error(
        `${names.scale} has shape [${scale.shape.join(', ')}], but ${name} [${t.shape.join(', ')}] needs [${want?.qScale.join(', ') ?? '?'}] (one float16 scale per 32 inputs, q4f16_1). The file is corrupt or not q4f16_1: download the model again.`,
      );
    }
    tensors.set(logical, q4Tensor([rows, cols], { q: words, scale: scale.data }));
  }
  return tensors;
}

/** Loads every tensor, reading each shard once through `read(dataPath)`. */
export async function loadTensors(cache: TensorCache, read: (dataPath: string) => Promise<ArrayBuffer>): Promise<Map<string, Tensor>> {
  const raw = new Map<string, ReturnType<typeof decodeRecord>>();
  for (const shard of cache.records) {
    const bytes = await read(shard.dataPath);
    if (bytes.byteLength < shard.nbytes) throw new Error(`${shard.dataPath} is truncated (${bytes.byteLength} of ${shard.nbytes} bytes); download the model again.`);
    for (const r of shard.records) raw.set(r.name, decodeRecord(r, bytes));
  }
  return pairQ4(raw);
}

/** float32 → IEEE half bits, rounded to nearest even (overflow → ±Infinity). */
export function f32ToF16(values: Float32Array): Uint16Array {
  return Uint16Array.from(values, toHalfBits);
}

/** Loads only the named tensors (logical names: a q4 weight `X.weight` reads its q_weight and q_scale), reading only the shards that hold them. */
export async function loadSelected(cache: TensorCache, names: Set<string>, read: (dataPath: string) => Promise<ArrayBuffer>): Promise<Map<string, Tensor>> {
  const onDisk = new Set(names);
  for (const name of names) for (const n of Object.values(q4RecordNames(name))) onDisk.add(n);
  const raw = new Map<string, ReturnType<typeof decodeRecord>>();
  for (const shard of cache.records) {
    const wanted = shard.records.filter((r) => onDisk.has(r.name));
    if (!wanted.length) continue;
    const bytes = await read(shard.dataPath);
    for (const r of wanted) raw.set(r.name, decodeRecord(r, bytes));
  }
  return pairQ4(raw);
}
