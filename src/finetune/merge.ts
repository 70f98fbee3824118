// Merges LoRA deltas into base weights: W[rows] += scale · B @ A, on the row
// slice of the (possibly fused) MLC tensor each delta targets.
import { q4LogicalName, q4RecordNames, type Tensor, type TensorCache } from '../llm/mlc/tensor-cache';
import { buildTensorCache, type BuiltCache, type CopiedRecord, type EncodedTensor, type ReferencedShard } from '../llm/mlc/tensor-cache-writer';
import type { LoraDelta } from '../llm/lora/peft';
import type { RequantError } from '../shared/finetune-api';
import { dequantizeQ4, fromHalfBits, quantizeQ4, toHalfBits } from '../shared/q4.mjs';

/** New tensors for every tensor a delta changes; the base map is not modified. */
export function applyDeltas(base: Map<string, Tensor>, deltas: LoraDelta[], scale: number): Map<string, Tensor> {
  const merged = new Map<string, Tensor>();
  for (const d of deltas) {
    const source = merged.get(d.tensor) ?? base.get(d.tensor);
    if (!source) throw new Error(`The base model has no tensor ${d.tensor}.`);
    // A q4 tensor's data is a fresh dequantized copy on every read; a float one is copied here.
    const data = merged.has(d.tensor) || source.q4 ? source.data : source.data.slice();
    for (let i = 0; i < d.rows; i++) {
      const row = (d.rowOffset + i) * d.cols;
      for (let j = 0; j < d.cols; j++) {
        let s = 0;
        for (let k = 0; k < d.r; k++) s += d.B[i * d.r + k]! * d.A[k * d.cols + j]!;
        data[row + j]! += scale * s;
      }
    }
    merged.set(d.tensor, { shape: source.shape, data });
  }
  return merged;
}

/**
 * W′ = dequant(W) + scale·B·A re-quantized to q4f16_1 with the same group size, for every merged matrix: the
 * records to write (q_weight, q_scale) and each matrix's error against the exact merge. Each group keeps the
 * base's scale while W′ fits its grid (quantizeQ4), so values the adapter barely moved keep their base codes.
 */
export function requantize(merged: Map<string, Tensor>, base: Map<string, Tensor>): { encoded: EncodedTensor[]; errors: RequantError[] } {
  const encoded: EncodedTensor[] = [];
  const errors: RequantError[] = [];
  for (const [name, t] of merged) {
    const [rows, cols] = t.shape as [number, number];
    const exact = t.data;
    const baseScale = base.get(name)?.q4?.scale;
    const { q, scaleBits } = quantizeQ4(exact, rows, cols, baseScale && Uint16Array.from(baseScale, toHalfBits));
    const back = dequantizeQ4(q, Float32Array.from(scaleBits, fromHalfBits), cols, 0, rows);
    let maxAbs = 0;
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < exact.length; i++) {
      const e = back[i]! - exact[i]!;
      maxAbs = Math.max(maxAbs, Math.abs(e));
      diff += e * e;
      norm += exact[i]! * exact[i]!;
    }
    errors.push({ tensor: name, maxAbs, relFrobenius: norm ? Math.sqrt(diff / norm) : 0 });
    const names = q4RecordNames(name);
    encoded.push({ name: names.q, shape: [rows, cols / 8], dtype: 'uint32', bytes: new Uint8Array(q.buffer) });
    encoded.push({ name: names.scale, shape: [rows, cols / 32], dtype: 'float16', bytes: new Uint8Array(scaleBits.buffer) });
  }
  return { encoded, errors };
}

/** Whether a base record is replaced by a merged tensor (a q4 weight's two records go with its logical name). */
const replaced = (merged: Map<string, Tensor>, record: string) => merged.has(q4LogicalName(record) ?? record);

/**
 * The merged model's tensor-cache.json and new shards. With `referenceBase`, unchanged
 * tensors stay in the base's shards (absolute URLs under `baseUrl`); otherwise they are
 * copied byte for byte from `readShard`.
 */
export async function mergedTensorCache(
  base: TensorCache,
  baseUrl: string,
  merged: Map<string, Tensor>,
  options: { referenceBase: boolean; dtype: 'float32' | 'float16'; readShard: (dataPath: string) => Promise<ArrayBuffer>; encoded?: EncodedTensor[] },
): Promise<BuiltCache> {
  const referenced: ReferencedShard[] = [];
  const copied: CopiedRecord[] = [];
  for (const shard of base.records) {
    const keep = shard.records.filter((r) => !replaced(merged, r.name));
    if (!keep.length) continue;
    if (options.referenceBase) {
      referenced.push({ url: new URL(shard.dataPath, baseUrl).href, shard, keep });
      continue;
    }
    const bytes = new Uint8Array(await options.readShard(shard.dataPath));
    for (const record of keep) copied.push({ record, bytes: bytes.slice(record.byteOffset, record.byteOffset + record.nbytes) });
  }
  // Re-quantized tensors arrive encoded; the others are written as float values.
  const written = options.encoded ? [] : [...merged].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
  return buildTensorCache({ referenced, copied, written, encoded: options.encoded, dtype: options.dtype });
}
