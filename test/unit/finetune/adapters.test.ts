// PEFT LoRA adapters: reading, validation against the base model, the merge
// math per family, and the tensor-cache.json the merge writes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDeltas, mergedTensorCache } from '../../../src/finetune/merge';
import { parseAdapter, planDeltas } from '../../../src/llm/lora/peft';
import { readSafetensors } from '../../../src/llm/lora/safetensors';
import { f16ToF32, f32ToF16, loadTensors, type Tensor, type TensorCache } from '../../../src/llm/mlc/tensor-cache';
import { modelShape } from '../../../src/llm/reference/config';
import { ReferenceModel } from '../../../src/llm/reference/model';
import { AdapterError } from '../../../src/shared/errors';
import { fixtureModelsDir } from '../helpers';

const file = (...p: string[]) => new Uint8Array(readFileSync(join(fixtureModelsDir, ...p))).buffer;

async function base(family: 'llama' | 'qwen2' | 'qwen3') {
  const dir = join(fixtureModelsDir, `tiny-${family}`);
  const config = JSON.parse(readFileSync(join(dir, 'mlc-chat-config.json'), 'utf8'));
  const cache = JSON.parse(readFileSync(join(dir, 'tensor-cache.json'), 'utf8')) as TensorCache;
  const tensors = await loadTensors(cache, async (p) => file(`tiny-${family}`, p));
  return { shape: modelShape(config), cache, tensors };
}

function adapter(name: string) {
  const dir = join(fixtureModelsDir, 'adapters', name);
  const weights = join(dir, 'adapter_model.safetensors');
  return parseAdapter(readFileSync(join(dir, 'adapter_config.json'), 'utf8'), existsSync(weights) ? new Uint8Array(readFileSync(weights)).buffer : new ArrayBuffer(0));
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
const argmax = (a: Float32Array) => a.reduce((best, v, i) => (v > a[best]! ? i : best), 0);

describe('safetensors', () => {
  it('reads the fixture adapter: F32 tensors with PEFT key names and [r, in] / [out, r] shapes', () => {
    const t = readSafetensors(file('adapters', 'tiny-llama-strong', 'adapter_model.safetensors'));
    expect(t.get('base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight')!.shape).toEqual([4, 64]);
    expect(t.get('base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight')!.shape).toEqual([64, 4]);
  });
  it('refuses damaged files with a reason', () => {
    expect(() => readSafetensors(new ArrayBuffer(4))).toThrow(/too short/);
    const lying = new Uint8Array(16);
    new DataView(lying.buffer).setBigUint64(0, 1000n, true);
    expect(() => readSafetensors(lying.buffer)).toThrow(/header length/);
    const good = new Uint8Array(file('adapters', 'tiny-llama-strong', 'adapter_model.safetensors'));
    expect(() => readSafetensors(good.slice(0, good.length - 100).buffer)).toThrow(/outside the file/);
  });
});

describe('adapter validation', () => {
  it('accepts the strong adapters; rsLoRA scales by alpha / sqrt(r)', async () => {
    const llama = adapter('tiny-llama-strong');
    expect(llama.scale).toBe(16 / 4);
    expect(planDeltas(llama, (await base('llama')).shape, 'Tiny Llama')).toHaveLength(2 * 6);
    const qwen = adapter('tiny-qwen2-strong');
    expect(qwen.scale).toBeCloseTo(16 / Math.sqrt(8));
    const deltas = planDeltas(qwen, (await base('qwen2')).shape, 'Tiny Qwen2');
    // q, k and v land in row slices of the fused c_attn tensor.
    const qkv = deltas.filter((d) => d.tensor === 'model.layers.0.self_attn.c_attn.weight').map((d) => [d.module.split('.').pop(), d.rowOffset, d.rows]);
    expect(qkv).toEqual([['q_proj', 0, 64], ['k_proj', 64, 32], ['v_proj', 96, 32]]);
    expect(deltas.some((d) => d.tensor === 'lm_head.weight')).toBe(true);
  });
  it('qwen3: q, k and v land in row slices of c_attn, q as wide as heads × head_dim (not hidden)', async () => {
    const { shape } = await base('qwen3');
    const deltas = planDeltas(adapter('tiny-qwen3-strong'), shape, 'Tiny Qwen3');
    const qkv = deltas.filter((d) => d.tensor === 'model.layers.1.self_attn.c_attn.weight').map((d) => [d.module.split('.').pop(), d.rowOffset, d.rows, d.cols]);
    expect(qkv).toEqual([['q_proj', 0, 128, 64], ['k_proj', 128, 64, 64], ['v_proj', 192, 64, 64]]);
    expect(deltas.find((d) => d.module.endsWith('o_proj'))).toMatchObject({ rows: 64, cols: 128 });
    // A Qwen2 adapter is not a Qwen3 adapter, and the other way round.
    expect(() => planDeltas({ ...adapter('tiny-qwen3-strong'), config: { ...adapter('tiny-qwen3-strong').config, base_model_name_or_path: 'Qwen/Qwen2.5-0.5B-Instruct' } }, shape, 'Tiny Qwen3')).toThrow(/a qwen2 model\), but Tiny Qwen3 is a qwen3 model/);
    const qwen2 = (await base('qwen2')).shape;
    expect(() => planDeltas(adapter('tiny-qwen3-strong'), qwen2, 'Tiny Qwen2')).toThrow(/Qwen\/Qwen3-0.6B \(a qwen3 model\), but Tiny Qwen2 is a qwen2 model/);
  });
  it('refuses an adapter trained on another family', async () => {
    const { shape } = await base('llama');
    expect(() => planDeltas(adapter('broken-wrong-base'), shape, 'Tiny Llama')).toThrow(/trained on Qwen\/Qwen2.5-0.5B-Instruct \(a qwen2 model\), but Tiny Llama is a llama model/);
  });
  it('refuses wrong shapes, naming the module and both sizes', async () => {
    const { shape } = await base('llama');
    expect(() => planDeltas(adapter('broken-wrong-shapes'), shape, 'Tiny Llama')).toThrow(/model\.layers\.0\.self_attn\.q_proj: the adapter maps 128 → 128, but in Tiny Llama this module maps 64 → 64/);
  });
  it('refuses NaN weights, a missing weights file, and LoRA on a tied lm_head', async () => {
    expect(() => adapter('broken-nan')).toThrow(/NaN or infinite values/);
    expect(() => adapter('broken-missing-weights')).toThrow(AdapterError);
    const { shape } = await base('llama');
    expect(() => planDeltas(adapter('broken-lm-head-tied'), shape, 'Tiny Llama')).toThrow(/lm_head is tied to the input embeddings/);
  });
  it('refuses unsupported configurations before reading weights', () => {
    const weights = file('adapters', 'tiny-llama-strong', 'adapter_model.safetensors');
    const cfg = (extra: object) => JSON.stringify({ peft_type: 'LORA', r: 4, lora_alpha: 16, target_modules: ['q_proj'], ...extra });
    expect(() => parseAdapter(cfg({ fan_in_fan_out: true }), weights)).toThrow(/fan_in_fan_out/);
    expect(() => parseAdapter(cfg({ use_dora: true }), weights)).toThrow(/DoRA/);
    expect(() => parseAdapter(cfg({ r: 0 }), weights)).toThrow(/r must be a positive integer/);
    expect(() => parseAdapter('{oops', weights)).toThrow(/not valid JSON/);
  });
});

describe('merge', () => {
  it('adds scale · B @ A into the row slice, by hand', () => {
    const W: Tensor = { shape: [4, 3], data: new Float32Array(12) };
    const merged = applyDeltas(new Map([['w', W]]), [{ module: 'm', tensor: 'w', rowOffset: 1, rows: 2, cols: 3, r: 1, A: Float32Array.from([1, 2, 3]), B: Float32Array.from([1, -1]) }], 2);
    expect(Array.from(merged.get('w')!.data)).toEqual([0, 0, 0, 2, 4, 6, -2, -4, -6, 0, 0, 0]);
    expect(W.data.every((v) => v === 0)).toBe(true); // the base is not modified
  });

  for (const family of ['llama', 'qwen2', 'qwen3'] as const) {
    it(`${family}: merged-model logits equal base + runtime LoRA within 1e-4, and the adapter changes the greedy output`, async () => {
      const { shape, tensors } = await base(family);
      const a = adapter(`tiny-${family}-strong`);
      const deltas = planDeltas(a, shape, family);
      const merged = new Map([...tensors, ...applyDeltas(tensors, deltas, a.scale)]);
      const tokens = [5, 17, 42, 99, 3, 250, 7];
      const mergedLogits = new ReferenceModel(shape, merged).forwardAll(tokens);
      const runtime = new ReferenceModel(shape, tensors);
      runtime.setAdapter(deltas, a.scale);
      const runtimeLogits = runtime.forwardAll(tokens);
      mergedLogits.forEach((row, i) => expect(maxDiff(row, runtimeLogits[i]!)).toBeLessThan(1e-4));
      const plain = new ReferenceModel(shape, tensors).forwardAll(tokens);
      expect(tokens.filter((_, i) => argmax(plain[i]!) !== argmax(mergedLogits[i]!)).length).toBeGreaterThan(0);
      // Removing the runtime adapter restores the base exactly.
      runtime.setAdapter(null);
      expect(maxDiff(runtime.forwardAll(tokens).at(-1)!, plain.at(-1)!)).toBe(0);
    });
  }

  it('a broken adapter leaves the base model untouched', async () => {
    const { shape, tensors } = await base('llama');
    const before = tensors.get('model.layers.0.self_attn.qkv_proj.weight')!.data.slice();
    expect(() => planDeltas(adapter('broken-wrong-base'), shape, 'Tiny Llama')).toThrow(AdapterError);
    expect(() => planDeltas(adapter('broken-lm-head-tied'), shape, 'Tiny Llama')).toThrow(AdapterError);
    expect(tensors.get('model.layers.0.self_attn.qkv_proj.weight')!.data).toEqual(before);
  });
});

describe('the merged tensor-cache.json', () => {
  it('copied: re-reads into identical tensors (changed ones raw float32, the rest byte for byte)', async () => {
    const { shape, cache, tensors } = await base('qwen2');
    const a = adapter('tiny-qwen2-strong');
    const changed = applyDeltas(tensors, planDeltas(a, shape, 'q'), a.scale);
    const built = await mergedTensorCache(cache, 'http://x/base/', changed, { referenceBase: false, dtype: 'float32', readShard: async (p) => file('tiny-qwen2', p) });
    expect(built.cache.records.flatMap((s) => s.records)).toHaveLength(cache.records[0]!.records.length);
    const changedRecord = built.cache.records.flatMap((s) => s.records).find((r) => r.name === 'lm_head.weight')!;
    expect(changedRecord).toMatchObject({ dtype: 'float32', format: 'raw' });
    const shards = new Map(built.shards.map((s) => [s.dataPath, s.bytes.buffer as ArrayBuffer]));
    const reread = await loadTensors(JSON.parse(JSON.stringify(built.cache)), async (p) => shards.get(p)!);
    for (const [name, t] of tensors) expect(reread.get(name)!.data, name).toEqual(changed.get(name)?.data ?? t.data);
  });
  it('referenced: unchanged tensors stay in the base shard (absolute URL), only changed ones are new', async () => {
    const { shape, cache, tensors } = await base('llama');
    const a = adapter('tiny-llama-strong');
    const changed = applyDeltas(tensors, planDeltas(a, shape, 'l'), a.scale);
    const built = await mergedTensorCache(cache, 'https://host/models/base/resolve/main/', changed, { referenceBase: true, dtype: 'float32', readShard: async () => { throw new Error('not read'); } });
    expect(built.cache.records[0]!.dataPath).toBe('https://host/models/base/resolve/main/params_shard_0.bin');
    expect(built.cache.records[0]!.records.some((r) => changed.has(r.name))).toBe(false);
    const newBytes = built.shards.reduce((n, s) => n + s.bytes.length, 0);
    expect(newBytes).toBe([...changed.values()].reduce((n, t) => n + t.data.length * 4, 0));
    const reread = await loadTensors(built.cache, async (p) => (p.startsWith('https://') ? file('tiny-llama', 'params_shard_0.bin') : built.shards.find((s) => s.dataPath === p)!.bytes.buffer as ArrayBuffer));
    for (const [name, t] of tensors) expect(reread.get(name)!.data, name).toEqual(changed.get(name)?.data ?? t.data);
  });
  it('float16 output (q0f16 bases) rounds to nearest even and round-trips', () => {
    const v = Float32Array.from([0, 1, -2.5, 65504, 1e-7, 0.1, 70000]);
    const back = f16ToF32(f32ToF16(v));
    expect(Array.from(back.slice(0, 4))).toEqual([0, 1, -2.5, 65504]);
    expect(back[5]).toBeCloseTo(0.1, 3);
    expect(back[6]).toBe(Infinity);
    expect(f16ToF32(f32ToF16(Float32Array.from([1 + 2 ** -11])))[0]).toBe(1); // a tie goes to even
  });
});
