// q4f16_1, as web-llm's chat models store their weights (docs/llm.md): the packing, the quantizer that the
// fixtures and the q4 merge share, and the loader's checks on files it reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTensors, type TensorCache } from '../../../src/llm/mlc/tensor-cache';
import { dequantizeQ4, fromHalfBits, quantizeQ4 } from '../../../src/shared/q4.mjs';
import { fixtureModelsDir } from '../helpers';

describe('q4f16_1 group quantization', () => {
  it('packs element j of each word in bits 4j … 4j + 3, a group of 32 inputs per float16 scale, value = (code − 7) · scale', () => {
    // One row of 32: the group's largest magnitude is 7, so the scale is 1 and each value is its own code − 7.
    const row = Float32Array.from({ length: 32 }, (_, i) => (i % 15) - 7);
    const { q, scaleBits } = quantizeQ4(row, 1, 32);
    expect(fromHalfBits(scaleBits[0]!)).toBe(1);
    expect(q.length).toBe(4);
    // Word 0 holds elements 0..7: codes 0, 1, …, 7 from the low nibble up.
    expect(q[0]).toBe(0x76543210);
    expect(Array.from(dequantizeQ4(q, Float32Array.of(1), 32, 0, 1))).toEqual(Array.from(row));
  });

  it('round-trips within half a step of each group, and an all-zero group stays zero', () => {
    const rows = 3;
    const cols = 64;
    const w = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 64 >= 32 ? 4 : 0)));
    w.fill(0, 64, 96); // row 1, first group
    const { q, scaleBits } = quantizeQ4(w, rows, cols);
    const scale = Float32Array.from(scaleBits, fromHalfBits);
    const back = dequantizeQ4(q, scale, cols, 0, rows);
    for (let i = 0; i < w.length; i++) {
      const s = scale[Math.floor(i / 32)]!;
      expect(Math.abs(back[i]! - w[i]!)).toBeLessThanOrEqual(s / 2 + 1e-6);
    }
    expect(Array.from(back.subarray(64, 96)).every((v) => v === 0)).toBe(true);
    // Rows on their own: the same values as the whole.
    expect(Array.from(dequantizeQ4(q, scale, cols, 1, 2))).toEqual(Array.from(back.subarray(64, 128)));
  });

  it('refuses an input width that is not a multiple of 32', () => {
    expect(() => quantizeQ4(new Float32Array(48), 1, 48)).toThrow(/multiple of 32/);
  });
});

describe('reading q4f16_1 files', () => {
  const dir = join(fixtureModelsDir, 'tiny-llama-q4');
  const cache = JSON.parse(readFileSync(join(dir, 'tensor-cache.json'), 'utf8')) as TensorCache;
  const read = async (p: string) => new Uint8Array(readFileSync(join(dir, p))).buffer;

  it('pairs q_weight and q_scale into one weight [out, in] that dequantizes on read; norms stay float16 values', async () => {
    const tensors = await loadTensors(cache, read);
    expect(tensors.has('model.layers.0.self_attn.qkv_proj.q_weight')).toBe(false);
    const qkv = tensors.get('model.layers.0.self_attn.qkv_proj.weight')!;
    expect(qkv.shape).toEqual([128, 64]);
    expect(qkv.q4!.q.length).toBe(128 * 8);
    expect(qkv.data.length).toBe(128 * 64);
    // Every value is a code step of its group's scale.
    const scale = qkv.q4!.scale;
    qkv.data.forEach((v, i) => expect(Number.isInteger(Math.round((v / scale[Math.floor(i / 32)]!) * 1e6) / 1e6)).toBe(true));
    expect(tensors.get('model.layers.0.input_layernorm.weight')!.q4).toBeUndefined();
  });

  it('refuses a q_scale whose shape does not fit its codes, naming it', async () => {
    const broken = structuredClone(cache);
    const record = broken.records[0]!.records.find((r) => r.name === 'model.layers.1.mlp.down_proj.q_scale')!;
    // As many values as before, in the wrong shape: the pairing check names it.
    record.shape = [32, 8];
    await expect(loadTensors(broken, read)).rejects.toThrow(/model\.layers\.1\.mlp\.down_proj\.q_scale has shape \[32, 8\].*needs \[64, 4\].*download the model again/);
    // A shape that does not match the bytes at all: the record check names it.
    record.shape = [64, 5];
    await expect(loadTensors(broken, read)).rejects.toThrow(/down_proj\.q_scale: its shape \[64, 5\] needs 320 values, the file holds 256.*download the model again/);
  });
});
