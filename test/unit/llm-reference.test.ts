// The plain-TypeScript reference forward on the generated MLC fixtures: what the
// lab engine's CPU and WebGPU paths will be checked against.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bf16ToF32, loadTensors, type TensorCache } from '../../src/llm/mlc/tensor-cache';
import { modelShape } from '../../src/llm/reference/config';
import { ReferenceModel } from '../../src/llm/reference/model';
import { fixtureModelsDir } from './helpers';

async function load(name: string) {
  const dir = join(fixtureModelsDir, name);
  const config = JSON.parse(readFileSync(join(dir, 'mlc-chat-config.json'), 'utf8'));
  const cache = JSON.parse(readFileSync(join(dir, 'tensor-cache.json'), 'utf8')) as TensorCache;
  const tensors = await loadTensors(cache, async (p) => new Uint8Array(readFileSync(join(dir, p))).buffer);
  return { config, cache, tensors, model: new ReferenceModel(modelShape(config), tensors) };
}

describe('bf16 records', () => {
  it('decode exactly: a bfloat16 is the top half of a float32', () => {
    // 1, -2.5, 0, the next bf16 above 1 (1 + 2^-7), and the largest finite bf16.
    const bits = Uint16Array.from([0x3f80, 0xc020, 0x0000, 0x3f81, 0x7f7f]);
    expect(Array.from(bf16ToF32(bits))).toEqual([1, -2.5, 0, 1 + 2 ** -7, (2 - 2 ** -7) * 2 ** 127]);
  });
});

for (const family of ['llama', 'qwen2', 'qwen3'] as const) {
  describe(`tiny ${family} fixture`, () => {
    it('is a real MLC q0f32 layout, under 1 MB', async () => {
      const { config, cache, tensors } = await load(`tiny-${family}`);
      expect(config.model_type).toBe(family);
      expect(cache.records[0]!.records.every((r) => r.format === 'f32-to-bf16' && r.dtype === 'float32')).toBe(true);
      expect(cache.records[0]!.nbytes).toBeLessThan(1_000_000);
      const names = {
        llama: ['model.layers.0.self_attn.qkv_proj.weight'],
        qwen2: ['model.layers.0.self_attn.c_attn.weight', 'model.layers.0.self_attn.c_attn.bias'],
        qwen3: ['model.layers.0.self_attn.c_attn.weight', 'model.layers.0.self_attn.q_norm.weight', 'model.layers.0.self_attn.k_norm.weight'],
      }[family];
      for (const name of names) expect(tensors.has(name), name).toBe(true);
      expect(tensors.has('model.layers.0.self_attn.c_attn.bias')).toBe(family === 'qwen2'); // Qwen3 has no qkv bias without attention_bias
      expect(tensors.has('lm_head.weight')).toBe(family === 'qwen2'); // the Llama and Qwen3 fixtures tie their head to the embeddings
    });

    it('gives the same logits from the KV-cache decode as from a full recompute', async () => {
      const { model } = await load(`tiny-${family}`);
      const tokens = [5, 17, 42, 99, 3, 250, 7];
      const full = model.forwardAll(tokens);
      const cache = model.newCache();
      tokens.forEach((t, i) => {
        const step = model.step(t, cache);
        for (let j = 0; j < step.length; j += 7) expect(step[j]).toBeCloseTo(full[i]![j]!, 4);
      });
      expect(cache.length).toBe(tokens.length);
    });

    it('decodes greedily and deterministically, stopping at a stop token', async () => {
      const { model, config } = await load(`tiny-${family}`);
      const a = model.generateGreedy([10, 20, 30], 12);
      const b = (await load(`tiny-${family}`)).model.generateGreedy([10, 20, 30], 12);
      expect(a).toEqual(b);
      expect(a).toHaveLength(12);
      const stop = a[3]!;
      const stopped = model.generateGreedy([10, 20, 30], 12, [stop]);
      expect(stopped.at(-1)).toBe(stop);
      expect(stopped.length).toBeLessThanOrEqual(4);
      expect(config.conv_template.stop_token_ids.length).toBe(1);
    });

    it('refuses tokens outside the vocabulary and models missing a tensor', async () => {
      const { model, tensors, config } = await load(`tiny-${family}`);
      expect(() => model.step(model.shape.vocab, model.newCache())).toThrow(/outside the vocabulary/);
      const broken = new Map(tensors);
      broken.delete('model.norm.weight');
      expect(() => new ReferenceModel(modelShape(config), broken)).toThrow(/no tensor model\.norm\.weight/);
    });
  });
}

describe('supported families', () => {
  it('refuses any other model_type by name, listing the supported families', async () => {
    const { config } = await load('tiny-llama');
    const { UnsupportedModelError } = await import('../../src/shared/errors');
    for (const family of ['gemma2', 'phi3', 'mistral', undefined]) {
      const attempt = () => modelShape({ ...config, model_type: family });
      expect(attempt).toThrow(UnsupportedModelError);
      expect(attempt).toThrow(`model_type "${String(family)}" is not supported: the lab engine, adapters and merges work with the llama, qwen2, qwen3 families only.`);
    }
  });

  it('reads Qwen3 as biasless with a per-head q/k norm, and Qwen3 with attention_bias as biased', async () => {
    const { config } = await load('tiny-qwen3');
    expect(modelShape(config)).toMatchObject({ family: 'qwen3', qkNorm: true, qkvBias: false, headDim: 32, hidden: 64, tied: true, ropeTheta: 1e6 });
    expect(modelShape({ ...config, model_config: { ...config.model_config, attention_bias: true } }).qkvBias).toBe(true);
    expect(modelShape((await load('tiny-qwen2')).config)).toMatchObject({ qkvBias: true, qkNorm: false });
  });

  it('Qwen3: q_norm and k_norm change the logits (the forward really applies them)', async () => {
    const { config, tensors } = await load('tiny-qwen3');
    const shape = modelShape(config);
    const tokens = [5, 17, 42];
    const plain = new ReferenceModel(shape, tensors).forwardAll(tokens).at(-1)!;
    const ones = new Map(tensors);
    for (const [name, t] of tensors) if (/[qk]_norm/.test(name)) ones.set(name, { shape: t.shape, data: new Float32Array(t.data.length).fill(1) });
    const other = new ReferenceModel(shape, ones).forwardAll(tokens).at(-1)!;
    expect(Math.max(...plain.map((v, i) => Math.abs(v - other[i]!)))).toBeGreaterThan(1e-2);
    const broken = new Map(tensors);
    broken.delete('model.layers.1.self_attn.k_norm.weight');
    expect(() => new ReferenceModel(shape, broken)).toThrow(/no tensor model\.layers\.1\.self_attn\.k_norm\.weight/);
  });
});

describe('q0f16 records', () => {
  it('decode raw float16 tensors (q0f16 weights) and refuse quantized ones', async () => {
    const { decodeRecord, f16ToF32 } = await import('../../src/llm/mlc/tensor-cache');
    // 1.0, -2.0, 0.5, 65504 (max half), 2^-24 (smallest subnormal) in IEEE half bits.
    const bits = Uint16Array.from([0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001]);
    expect(Array.from(f16ToF32(bits))).toEqual([1, -2, 0.5, 65504, 2 ** -24]);
    const record = { name: 'w', shape: [5], dtype: 'float16', format: 'raw' as const, nbytes: 10, byteOffset: 0 };
    expect(Array.from((decodeRecord(record, bits.buffer) as { data: Float32Array }).data)).toEqual([1, -2, 0.5, 65504, 2 ** -24]);
    expect(() => decodeRecord({ ...record, dtype: 'uint32', nbytes: 20 }, new ArrayBuffer(20))).toThrow(/q0f32, q0f16 and q4f16_1 models only/);
    expect(() => decodeRecord({ ...record, format: 'f32-to-bf16', dtype: 'float32', nbytes: 8 }, bits.buffer)).toThrow(/8 bytes for 5 values/);
  });
});
