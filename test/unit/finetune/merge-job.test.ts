// The whole merge as the fine-tune worker runs it, with files from disk: the
// merged model's files, loaded by the lab engine, answer exactly as the base
// model with the same adapter applied at run time.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMerge, mergeModel } from '../../../src/finetune/merge-job';
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
  it('refuses a quantized base', async () => {
    const quantized = async (file: string) => {
      const bytes = await readDisk('tiny-llama')(file);
      if (file !== 'mlc-chat-config.json') return bytes;
      return new TextEncoder().encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(bytes)), quantization: 'q4f16_1' })).buffer;
    };
    await expect(mergeModel(quantized, await adapterFiles('tiny-llama-strong'), 'Tiny Llama q4', null)).rejects.toThrow(/quantized \(q4f16_1\).*q0f16 or q0f32/);
  });
});
