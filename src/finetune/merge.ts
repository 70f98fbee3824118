// Merges LoRA deltas into base weights: W[rows] += scale · B @ A, on the row
// slice of the (possibly fused) MLC tensor each delta targets.
import type { Tensor, TensorCache } from '../llm/mlc/tensor-cache';
import { buildTensorCache, type BuiltCache, type CopiedRecord, type ReferencedShard } from '../llm/mlc/tensor-cache-writer';
import type { LoraDelta } from '../llm/lora/peft';

/** New tensors for every tensor a delta changes; the base map is not modified. */
export function applyDeltas(base: Map<string, Tensor>, deltas: LoraDelta[], scale: number): Map<string, Tensor> {
  const merged = new Map<string, Tensor>();
  for (const d of deltas) {
    const source = merged.get(d.tensor) ?? base.get(d.tensor);
    if (!source) throw new Error(`The base model has no tensor ${d.tensor}.`);
    const data = merged.has(d.tensor) ? source.data : source.data.slice();
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
 * The merged model's tensor-cache.json and new shards. With `referenceBase`, unchanged
 * tensors stay in the base's shards (absolute URLs under `baseUrl`); otherwise they are
 * copied byte for byte from `readShard`.
 */
export async function mergedTensorCache(
  base: TensorCache,
  baseUrl: string,
  merged: Map<string, Tensor>,
  options: { referenceBase: boolean; dtype: 'float32' | 'float16'; readShard: (dataPath: string) => Promise<ArrayBuffer> },
): Promise<BuiltCache> {
  const referenced: ReferencedShard[] = [];
  const copied: CopiedRecord[] = [];
  for (const shard of base.records) {
    const keep = shard.records.filter((r) => !merged.has(r.name));
    if (!keep.length) continue;
    if (options.referenceBase) {
      referenced.push({ url: new URL(shard.dataPath, baseUrl).href, shard, keep });
      continue;
    }
    const bytes = new Uint8Array(await options.readShard(shard.dataPath));
    for (const record of keep) copied.push({ record, bytes: bytes.slice(record.byteOffset, record.byteOffset + record.nbytes) });
  }
  const written = [...merged].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
  return buildTensorCache({ referenced, copied, written, dtype: options.dtype });
}
