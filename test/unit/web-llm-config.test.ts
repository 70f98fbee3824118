// web-llm cannot run here (no GPU, and its model libraries cannot be downloaded),
// so these tests cover what RAG Lab builds for it: the app config and the errors.
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { buildAppConfig, describeModels, quantizationOf } from '../../src/llm/web-llm/app-config';
import { curatedModelIds, hfBaseModelName } from '../../src/llm/web-llm/curated';
import { mapWebLlmError } from '../../src/llm/web-llm/errors';
import { LlmError } from '../../src/shared/errors';

const packEntry = { id: 'pack/SmolLM2-135M', label: 'SmolLM2 (pack)', path: 'smollm2/', engine: 'web-llm' as const, modelLib: 'libs/smollm2.wasm', vramMB: 360 };

describe('buildAppConfig', () => {
  it('finds every curated model in the installed web-llm prebuilt list', () => {
    const config = buildAppConfig(prebuiltAppConfig.model_list, [], null);
    expect(config.model_list.map((r) => r.model_id)).toEqual([...curatedModelIds]);
    expect(config.model_list.every((r) => r.model.startsWith('https://') && r.model_lib.endsWith('.wasm'))).toBe(true);
  });

  it('includes Qwen3-0.6B as q0f16 and q0f32 (mergeable), and every curated model is of a family the lab engine supports', async () => {
    const { familyHint } = await import('../../src/llm/lora/peft');
    const { supportedFamilies } = await import('../../src/llm/reference/config');
    const ids = prebuiltAppConfig.model_list.map((r) => r.model_id);
    expect(ids).toEqual(expect.arrayContaining(['Qwen3-0.6B-q0f16-MLC', 'Qwen3-0.6B-q0f32-MLC']));
    expect(curatedModelIds).toEqual(expect.arrayContaining(['Qwen3-0.6B-q0f16-MLC', 'Qwen3-0.6B-q0f32-MLC']));
    for (const id of curatedModelIds) expect(supportedFamilies, id).toContain(familyHint(id));
    expect(familyHint('Qwen3-0.6B-q0f32-MLC')).toBe('qwen3');
    expect(familyHint('Qwen2.5-0.5B-Instruct-q0f32-MLC')).toBe('qwen2');
  });

  it('gives pack models absolute same-origin URLs, first, and keeps the chosen cache backend', () => {
    const config = buildAppConfig(prebuiltAppConfig.model_list, [packEntry], 'http://127.0.0.1:4173/workshop/models/', 'indexeddb');
    expect(config.model_list[0]).toEqual({
      model: 'http://127.0.0.1:4173/workshop/models/smollm2/',
      model_id: 'pack/SmolLM2-135M',
      model_lib: 'http://127.0.0.1:4173/workshop/models/libs/smollm2.wasm',
      vram_required_MB: 360,
    });
    expect(config.cacheBackend).toBe('indexeddb');
    // A pack entry without its model library cannot be used by web-llm and is left out.
    expect(buildAppConfig([], [{ ...packEntry, modelLib: undefined }], 'http://x/models/').model_list).toEqual([]);
  });
});

describe('describeModels', () => {
  const config = buildAppConfig(prebuiltAppConfig.model_list, [], null);

  it('marks f16 variants unavailable without shader-f16, and q0 and q4f16_1 variants fine-tunable (QLoRA)', () => {
    const info = describeModels(config, { available: true, shaderF16: false }, new Set());
    const q4f16 = info.find((m) => m.id === 'Qwen3-0.6B-q4f16_1-MLC')!;
    const q4f32 = info.find((m) => m.id === 'Qwen3-0.6B-q4f32_1-MLC')!;
    const q0f32 = info.find((m) => m.id === 'Qwen3-0.6B-q0f32-MLC')!;
    expect(q4f16).toMatchObject({ needsF16: true, unavailable: expect.stringMatching(/shader-f16/), fineTunable: true });
    expect(q4f32).toMatchObject({ needsF16: false, unavailable: null, fineTunable: false });
    expect(q0f32).toMatchObject({ fineTunable: true, quantization: 'q0f32', vramMB: expect.any(Number) });
    expect(describeModels(config, { available: false, shaderF16: false }, new Set()).every((m) => m.unavailable === 'needs WebGPU')).toBe(true);
    expect(quantizationOf('SmolLM2-360M-Instruct-q0f16-MLC')).toBe('q0f16');
  });
});

describe('mapWebLlmError', () => {
  it('turns web-llm failures, often plain strings from its worker, into actionable messages', () => {
    const cases: [unknown, RegExp][] = [
      [Object.assign(new Error('WebGPU is not supported in your current environment'), { name: 'WebGPUNotAvailableError' }), /no usable WebGPU/],
      ['This model requires feature shader-f16, which is not yet supported by this browser.', /shader-f16.*q4f32/],
      [new Error('Device was lost during reload: out of memory'), /ran out of memory/],
      [Object.assign(new Error('Quota exceeded'), { name: 'QuotaExceededError' }), /storage is full/],
      [new TypeError('Failed to fetch'), /download was interrupted/],
      ['Something unexpected', /web-llm failed: Something unexpected/],
    ];
    for (const [input, message] of cases) {
      const mapped = mapWebLlmError(input);
      expect(mapped).toBeInstanceOf(LlmError);
      expect((mapped as Error).message).toMatch(message);
    }
    const abort = new DOMException('stop', 'AbortError');
    expect(mapWebLlmError(abort)).toBe(abort);
  });
});

describe('hfBaseModelName', () => {
  it('names the Hugging Face weights an MLC build comes from, for PEFT\'s base_model_name_or_path', () => {
    expect(hfBaseModelName('SmolLM2-135M-Instruct-q0f16-MLC')).toBe('HuggingFaceTB/SmolLM2-135M-Instruct');
    expect(hfBaseModelName('Qwen2.5-0.5B-Instruct-q0f32-MLC')).toBe('Qwen/Qwen2.5-0.5B-Instruct');
    expect(hfBaseModelName('Qwen3-0.6B-q4f16_1-MLC')).toBe('Qwen/Qwen3-0.6B');
    expect(hfBaseModelName('Llama-3.2-1B-Instruct-q0f16-MLC')).toBe('meta-llama/Llama-3.2-1B-Instruct');
    // A pack's own model keeps its bare name.
    expect(hfBaseModelName('local/tiny-llama')).toBe('tiny-llama');
  });
});
