// Reads MLC weight files (tensor-cache.json + params_shard_*.bin), the same
// files web-llm caches. See ../shared/formats/mlc-web-llm.md.

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

export interface Tensor {
  shape: number[];
  data: Float32Array;
}

/** bfloat16 bits → float32 (exact). */
export function bf16ToF32(bits: Uint16Array): Float32Array {
  const out = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = bits[i]! << 16;
  return new Float32Array(out.buffer);
}

/** IEEE half bits → float32. */
export function f16ToF32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i]!;
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    out[i] = exp === 0 ? sign * 2 ** -14 * (frac / 1024) : exp === 31 ? (frac ? NaN : sign * Infinity) : sign * 2 ** (exp - 15) * (1 + frac / 1024);
  }
  return out;
}

const numel = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Decodes one record from its shard's bytes into float32. */
export function decodeRecord(record: TensorRecord, shard: ArrayBuffer): Tensor {
  const n = numel(record.shape);
  const bytes = shard.slice(record.byteOffset, record.byteOffset + record.nbytes);
  let data: Float32Array;
  if (record.format === 'f32-to-bf16') {
    if (record.nbytes !== n * 2) throw new Error(`${record.name}: f32-to-bf16 record has ${record.nbytes} bytes for ${n} values`);
    data = bf16ToF32(new Uint16Array(bytes));
  } else if (record.dtype === 'float32') {
    data = new Float32Array(bytes);
  } else if (record.dtype === 'float16') {
    data = f16ToF32(new Uint16Array(bytes));
  } else if (record.dtype === 'bfloat16') {
    data = bf16ToF32(new Uint16Array(bytes));
  } else {
    throw new Error(`${record.name}: dtype ${record.dtype} is not supported (q0f32 and q0f16 models only).`);
  }
  if (data.length !== n) throw new Error(`${record.name}: expected ${n} values, got ${data.length}`);
  return { shape: record.shape, data };
}

/** Loads every tensor, reading each shard once through `read(dataPath)`. */
export async function loadTensors(cache: TensorCache, read: (dataPath: string) => Promise<ArrayBuffer>): Promise<Map<string, Tensor>> {
  const tensors = new Map<string, Tensor>();
  for (const shard of cache.records) {
    const bytes = await read(shard.dataPath);
    if (bytes.byteLength < shard.nbytes) throw new Error(`${shard.dataPath} is truncated (${bytes.byteLength} of ${shard.nbytes} bytes); download the model again.`);
    for (const r of shard.records) tensors.set(r.name, decodeRecord(r, bytes));
  }
  return tensors;
}

/** float32 → IEEE half bits, rounded to nearest even (overflow → ±Infinity). */
export function f32ToF16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < values.length; i++) {
    f[0] = values[i]!;
    const x = u[0]!;
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    const mant = x & 0x7fffff;
    if (exp === 0xff) out[i] = sign | 0x7c00 | (mant ? 0x200 : 0);
    else if (exp > 142) out[i] = sign | 0x7c00;
    else if (exp >= 113) {
      // Normal half: round the 13 dropped mantissa bits to nearest even.
      let h = ((exp - 112) << 10) | (mant >>> 13);
      const rest = mant & 0x1fff;
      if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++;
      out[i] = sign | h;
    } else if (exp >= 102) {
      // Subnormal half.
      const m = mant | 0x800000;
      const shift = 126 - exp;
      let h = m >>> shift;
      const rest = m & ((1 << shift) - 1);
      const halfway = 1 << (shift - 1);
      if (rest > halfway || (rest === halfway && h & 1)) h++;
      out[i] = sign | h;
    } else out[i] = sign;
  }
  return out;
}

/** Loads only the named tensors, reading only the shards that hold them. */
export async function loadSelected(cache: TensorCache, names: Set<string>, read: (dataPath: string) => Promise<ArrayBuffer>): Promise<Map<string, Tensor>> {
  const tensors = new Map<string, Tensor>();
  for (const shard of cache.records) {
    const wanted = shard.records.filter((r) => names.has(r.name));
    if (!wanted.length) continue;
    const bytes = await read(shard.dataPath);
    for (const r of wanted) tensors.set(r.name, decodeRecord(r, bytes));
  }
  return tensors;
}
