// The model registry: which LLMs the app offers, why some cannot run, and where their files are.
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { labModelSpec, llmChoices, mergedRecord, modelFolder, noFineTunedReason, webLlmAppConfig, type MergedModelLike, type RegistryInputs } from '../../../src/llm/model-registry';
import { curatedModelIds } from '../../../src/llm/web-llm/curated';
import { AdapterError } from '../../../src/shared/errors';

const merged = (engine: 'lab' | 'web-llm', dtype: 'float32' | 'float16'): MergedModelLike => ({
  id: `base+${engine}-${dtype}`, label: `Base + a-${dtype}`, baseModel: 'base', engine, modelUrl: `http://x/merged/${engine}-${dtype}/resolve/main/`,
  modelLib: engine === 'web-llm' ? 'http://libs/base.wasm' : null, requiredFeatures: dtype === 'float16' ? ['shader-f16'] : undefined,
  adapter: { name: `a-${dtype}`, hash: 'abc' }, summary: { dtype },
});

const inputs = (patch: Partial<RegistryInputs> = {}): RegistryInputs => ({
  prebuilt: prebuiltAppConfig.model_list,
  packLlms: [{ id: 'local/tiny-llama', label: 'Tiny Llama', path: 'tiny-llama/', engine: 'lab' }],
  packBaseUrl: 'http://127.0.0.1:4173/models/',
  cacheBackend: 'cache',
  merged: [],
  gpu: { available: true, shaderF16: false },
  cached: {},
  ...patch,
});

describe('model registry', () => {
  it('offers the pack\'s lab models first, then the curated web-llm models, then merged models', () => {
    const choices = llmChoices(inputs({ merged: [merged('lab', 'float32')] }));
    expect(choices[0]).toEqual({
      id: 'local/tiny-llama', label: 'Tiny Llama — lab engine, WebGPU', engine: 'lab', unavailable: null, parts: { name: 'Tiny Llama', engine: 'lab', labDevice: 'webgpu' },
    });
    expect(choices.slice(1, -1).map((c) => c.id)).toEqual([...curatedModelIds]);
    expect(choices.at(-1)).toMatchObject({ id: 'base+lab-float32', engine: 'lab', unavailable: null, adapter: { id: 'a-float32', hash: 'abc', baseModel: 'base' } });
  });

  it('says why a model cannot run on this GPU', () => {
    const noGpu = llmChoices(inputs({ gpu: { available: false, shaderF16: false }, merged: [merged('web-llm', 'float32'), merged('lab', 'float32')] }));
    expect(noGpu[0]!.label).toContain('CPU (slow)');
    expect(noGpu.find((c) => c.id === 'base+web-llm-float32')!.unavailable).toBe('needs WebGPU');
    expect(noGpu.find((c) => c.id === 'base+lab-float32')!.unavailable).toBeNull();
    const noF16 = llmChoices(inputs({ merged: [merged('web-llm', 'float16')] }));
    expect(noF16.find((c) => c.id === 'base+web-llm-float16')!.unavailable).toBe('needs shader-f16, which this GPU lacks');
    expect(noF16.filter((c) => /q4f16/.test(c.id)).every((c) => c.unavailable?.startsWith('needs shader-f16'))).toBe(true);
  });

  it('labels downloaded web-llm models', () => {
    const id = curatedModelIds[0]!;
    expect(llmChoices(inputs({ cached: { [id]: true } })).find((c) => c.id === id)!.label).toMatch(/, downloaded$/);
  });

  it('puts web-llm merged models into web-llm\'s AppConfig with the base\'s library, and lab ones not', () => {
    const config = webLlmAppConfig(inputs({ merged: [merged('web-llm', 'float16'), merged('lab', 'float32')] }));
    expect(config.model_list.at(-1)).toEqual(mergedRecord(merged('web-llm', 'float16')));
    expect(config.model_list.at(-1)).toMatchObject({ model_lib: 'http://libs/base.wasm', required_features: ['shader-f16'] });
    expect(config.model_list.some((r) => r.model_id === 'base+lab-float32')).toBe(false);
  });

  it('explains why the fine-tuned modes cannot run until a runnable merged model exists', () => {
    expect(noFineTunedReason(llmChoices(inputs()))).toMatch(/No fine-tuned model is registered yet/);
    expect(noFineTunedReason(llmChoices(inputs({ gpu: { available: false, shaderF16: false }, merged: [merged('web-llm', 'float32')] })))).not.toBeNull();
    expect(noFineTunedReason(llmChoices(inputs({ merged: [merged('web-llm', 'float32')] })))).toBeNull();
  });

  it('finds model files: the pack folder, web-llm\'s resolve/main URL, and the lab worker\'s spec', () => {
    const i = inputs({ merged: [merged('lab', 'float32')] });
    const config = webLlmAppConfig(i);
    const [lab, web] = llmChoices(i);
    expect(modelFolder(lab!, i, config)).toBe('http://127.0.0.1:4173/models/tiny-llama/');
    expect(modelFolder(web!, i, config)).toMatch(/^https:\/\/.+\/resolve\/main\/$/);
    expect(() => modelFolder({ ...lab!, id: 'gone' }, i, config)).toThrow(AdapterError);
    expect(labModelSpec('local/tiny-llama', i)).toEqual({ id: 'local/tiny-llama', baseUrl: 'http://127.0.0.1:4173/models/tiny-llama/', device: 'webgpu' });
    expect(labModelSpec('base+lab-float32', { ...i, gpu: { available: false, shaderF16: false } })).toEqual({ id: 'base+lab-float32', baseUrl: 'http://x/merged/lab-float32/resolve/main/', device: 'wasm' });
    expect(labModelSpec(curatedModelIds[0]!, i)).toBeNull();
  });
});
