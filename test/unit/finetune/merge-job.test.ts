// The whole merge as the fine-tune worker runs it, with files from disk: the
// merged model's files, loaded by the lab engine, answer exactly as the base
// model with the same adapter applied at run time.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMerge, mergeModel } from '../../../src/finetune/merge-job';
import { applyDeltas } from '../../../src/finetune/merge';
import { loadTensors, type TensorCache } from '../../../src/llm/mlc/tensor-cache';
import { parseAdapter, planDeltas } from '../../../src/llm/lora/peft';
import { modelShape } from '../../../src/llm/reference/config';
import type { AdapterFiles } from '../../../src/shared/finetune-api';
import type { ChatChunk } from '../../../src/llm/engine';
import { LabEngine } from '../../../src/llm/lab/lab-engine';
import { AdapterError, UnsupportedModelError } from '../../../src/shared/errors';
import { fixtureModelsDir } from '../helpers';

const readDisk = (dir: string) => async (file: string) => new Uint8Array(await readFile(join(fixtureModelsDir, dir, file))).buffer;

async function adapterFiles(name: string): Promise<AdapterFiles> {
  const dir = join(fixtureModelsDir, 'adapters', name);
  return {
    name,
    configText: await readFile(join(dir, 'adapter_config.json'), 'utf8'),
    weights: await readFile(join(dir, 'adapter_model.safetensors')).then((b) => new Uint8Array(b).buffer, () => new ArrayBuffer(0)),
  };
}

async function answer(engine: LabEngine) {
  let text = '';
  for await (const c of engine.chat([{ role: 'user', content: 'When is the kelp harvest?' }], { maxTokens: 8, temperature: 0 }) as AsyncIterable<ChatChunk>) if (c.type === 'delta') text += c.text;
  return text;
}

for (const family of ['llama', 'qwen2', 'qwen3'] as const) {
  describe(`merge of tiny-${family}-strong`, () => {
    it('writes a loadable model whose greedy answer equals runtime LoRA and differs from the base', async () => {
      const adapter = await adapterFiles(`tiny-${family}-strong`);
      const merged = await mergeModel(readDisk(`tiny-${family}`), adapter, family, null);
      expect([...merged.files.keys()]).toEqual(expect.arrayContaining(['mlc-chat-config.json', 'tokenizer.json', 'tensor-cache.json', 'params_shard_0.bin']));
      expect(merged.summary).toMatchObject({ family, dtype: 'float32', referencesBase: false });
      const fromMerged = async (_id: string, file: string) => merged.files.get(file)!.slice().buffer as ArrayBuffer;
      const mergedEngine = new LabEngine(fromMerged);
      await mergedEngine.load('merged');
      const runtime = new LabEngine((_id, file) => readDisk(`tiny-${family}`)(file));
      await runtime.load('base');
      const base = await answer(runtime);
      await runtime.setAdapter(adapter);
      const withAdapter = await answer(runtime);
      expect(await answer(mergedEngine)).toBe(withAdapter);
      expect(withAdapter).not.toBe(base);
      await runtime.setAdapter(null);
      expect(await answer(runtime)).toBe(base);
      const check = await checkMerge(readDisk(`tiny-${family}`), (f) => fromMerged('', f), adapter, family);
      expect(check.maxDiff).toBeLessThan(1e-4);
      expect(check.mergedTokens).toEqual(check.runtimeTokens);
      expect(check.mergedTokens).not.toEqual(check.baseTokens);
    });
  });
}

// QLoRA's merge: W′ = dequant(W) + scale·B·A, re-quantized to q4f16_1 with the same group size. Llama (tied head)
// and Qwen3 (q/k norms, wide heads); Qwen2's untied head and biases are merged into q4 by the q0f16 test below.
for (const family of ['llama', 'qwen3'] as const) {
  describe(`merge of tiny-${family}-strong into tiny-${family}-q4`, () => {
    it('writes a q4f16_1 model within half a step of the exact merge, keeping the base\'s other records, that carries the adapter and loads in the lab engine', async () => {
      const adapter = await adapterFiles(`tiny-${family}-strong`);
      const base = readDisk(`tiny-${family}-q4`);
      const merged = await mergeModel(base, adapter, family, null);
      expect(merged.summary).toMatchObject({ family, baseQuantization: 'q4f16_1', quantization: 'q4f16_1', dtype: 'float16' });
      const requant = merged.summary.requant!;
      expect(requant).toHaveLength(merged.summary.changedTensors);
      expect(requant.map((e) => e.tensor)).toEqual(expect.arrayContaining([expect.stringMatching(/self_attn\.(qkv_proj|c_attn)\.weight$/)]));
      // 4-bit codes: a relative error of a few percent, never zero (zero would mean nothing was re-quantized).
      for (const e of requant) expect(e.relFrobenius).toBeGreaterThan(1e-3), expect(e.relFrobenius).toBeLessThan(0.15), expect(e.maxAbs).toBeGreaterThan(0);
      const cache = JSON.parse(new TextDecoder().decode(merged.files.get('tensor-cache.json')!)) as TensorCache;
      const records = cache.records.flatMap((r) => r.records);
      const baseCache = JSON.parse(new TextDecoder().decode(await base('tensor-cache.json'))) as TensorCache;
      expect(records.map((r) => r.name).sort()).toEqual(baseCache.records.flatMap((r) => r.records).map((r) => r.name).sort());
      // Every merged value within half a step of its group's stored scale from the exact merge.
      const fromMerged = async (file: string) => merged.files.get(file)!.slice().buffer as ArrayBuffer;
      const mergedTensors = await loadTensors(cache, fromMerged);
      const deltas = planDeltas(parseAdapter(adapter.configText, adapter.weights), modelShape(JSON.parse(new TextDecoder().decode(await base('mlc-chat-config.json')))), family);
      const exact = applyDeltas(await loadTensors(baseCache, base), deltas, parseAdapter(adapter.configText, adapter.weights).scale);
      let worst = 0; // |merged − exact| in half steps
      for (const [name, t] of exact) {
        const got = mergedTensors.get(name)!;
        const want = t.data;
        got.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - want[i]!) / (got.q4!.scale[Math.floor(i / 32)]! / 2 + 1e-9))));
      }
      expect(worst).toBeLessThanOrEqual(1 + 1e-3);
      // Random weights give near-flat logits, so rounding flips many top-1 tokens (the base's own q4 copy agrees
      // with its q0 original on about 83%); the merge must still carry the adapter: it agrees with runtime LoRA
      // far more often than the base does.
      const check = await checkMerge(base, fromMerged, adapter, family);
      expect(check.requantized).toBe(true);
      expect(check.tokens).toBeGreaterThanOrEqual(128);
      expect(check.top1Agreement).toBeGreaterThan(check.baseTop1Agreement + 0.15);
      expect(check.mergedTokens).not.toEqual(check.baseTokens);
      const engine = new LabEngine(async (_id, file) => fromMerged(file));
      await engine.load('merged-q4');
      expect((await answer(engine)).length).toBeGreaterThan(0);
    });
  });
}

describe('merge of a q4f16_1 base into q0f16', () => {
  it('writes the exact merge, every tensor in float16, closer to runtime LoRA than the re-quantized one', async () => {
    const adapter = await adapterFiles('tiny-qwen2-strong');
    const base = readDisk('tiny-qwen2-q4');
    const exact = await mergeModel(base, adapter, 'qwen2', null, 'q0f16');
    expect(exact.summary).toMatchObject({ baseQuantization: 'q4f16_1', quantization: 'q0f16', referencesBase: false });
    expect(exact.summary.requant).toBeUndefined();
    expect(JSON.parse(new TextDecoder().decode(exact.files.get('mlc-chat-config.json')!)).quantization).toBe('q0f16');
    const records = (JSON.parse(new TextDecoder().decode(exact.files.get('tensor-cache.json')!)) as { records: { records: { name: string; dtype: string }[] }[] }).records.flatMap((r) => r.records);
    expect(records.every((r) => r.dtype === 'float16' && !/\.q_(weight|scale)$/.test(r.name))).toBe(true);
    const q4 = await mergeModel(base, adapter, 'qwen2', null);
    const read = (m: typeof exact) => async (file: string) => m.files.get(file)!.slice().buffer as ArrayBuffer;
    const exactCheck = await checkMerge(base, read(exact), adapter, 'qwen2');
    const q4Check = await checkMerge(base, read(q4), adapter, 'qwen2');
    expect(exactCheck.requantized).toBe(false);
    expect(exactCheck.maxDiff).toBeLessThan(q4Check.maxDiff / 5);
    expect(exactCheck.top1Agreement).toBe(1);
    expect(q4Check.top1Agreement).toBeLessThan(1);
  });
});

describe('merge failures', () => {
  it('a broken adapter fails with a clear error before anything is written', async () => {
    await expect(mergeModel(readDisk('tiny-llama'), await adapterFiles('broken-wrong-shapes'), 'Tiny Llama', null)).rejects.toThrow(AdapterError);
    await expect(mergeModel(readDisk('tiny-llama'), await adapterFiles('broken-missing-weights'), 'Tiny Llama', null)).rejects.toThrow(/adapter_model.safetensors is missing/);
  });
  it('refuses a base of an unsupported family, naming the supported ones', async () => {
    const gemma = async (file: string) => {
      const bytes = await readDisk('tiny-llama')(file);
      if (file !== 'mlc-chat-config.json') return bytes;
      return new TextEncoder().encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(bytes)), model_type: 'gemma2' })).buffer;
    };
    await expect(mergeModel(gemma, await adapterFiles('tiny-llama-strong'), 'Gemma', null)).rejects.toThrow(UnsupportedModelError);
    await expect(mergeModel(gemma, await adapterFiles('tiny-llama-strong'), 'Gemma', null)).rejects.toThrow(/model_type "gemma2" is not supported: .* llama, qwen2, qwen3 families only/);
  });
  it('refuses a base in a quantization it cannot read', async () => {
    const quantized = async (file: string) => {
      const bytes = await readDisk('tiny-llama')(file);
      if (file !== 'mlc-chat-config.json') return bytes;
      return new TextEncoder().encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(bytes)), quantization: 'q3f16_1' })).buffer;
    };
    await expect(mergeModel(quantized, await adapterFiles('tiny-llama-strong'), 'Tiny Llama q3', null)).rejects.toThrow(/quantized \(q3f16_1\).*q0f32, q0f16 and q4f16_1 weights only/);
  });
});
