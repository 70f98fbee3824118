// The Chat, Compare and Models views' translated texts from lower layers: web-llm and catalog errors,
// embedder errors across the embed worker, model labels and "cannot run" reasons. In English each
// reads exactly as the message or label the layer below writes.
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../src/catalog/catalog';
import { llmChoices, type RegistryInputs } from '../../../src/llm/model-registry';
import { mapWebLlmError } from '../../../src/llm/web-llm/errors';
import { fromErrorData, toErrorData, type ErrorData } from '../../../src/bridges/error-transport';
import { CatalogError, LlmError, ModelLoadError, tKey } from '../../../src/shared/errors';
import { errorText, language } from '../../../src/ui/i18n/i18n';
import { choiceLabel, reasonText } from '../../../src/ui/models/model-labels';

afterEach(() => void (language.value = 'en'));

const inputs = (patch: Partial<RegistryInputs> = {}): RegistryInputs => ({
  prebuilt: prebuiltAppConfig.model_list,
  packLlms: [{ id: 'local/tiny-llama', label: 'Tiny Llama', path: 'tiny-llama/', engine: 'lab' }],
  packBaseUrl: 'http://127.0.0.1:4173/models/',
  cacheBackend: 'cache',
  merged: [
    { id: 'm16', label: 'Base + a', baseModel: 'base', engine: 'web-llm', modelUrl: 'http://x/', modelLib: 'http://l.wasm', requiredFeatures: ['shader-f16'], adapter: { name: 'a', hash: 'h' }, summary: { dtype: 'float16' } },
    { id: 'mlab', label: 'Base + b', baseModel: 'base', engine: 'lab', modelUrl: 'http://y/', modelLib: null, adapter: { name: 'b', hash: 'h' }, summary: { dtype: 'float32' } },
  ],
  gpu: { available: true, shaderF16: false },
  cached: {},
  ...patch,
});

describe('web-llm errors', () => {
  it('read in English exactly as their message, for every rule and the fallback', () => {
    const raw = ['WebGPU is not supported', 'required feature shader-f16', 'Device was lost', 'QuotaExceededError', 'Failed to fetch', '404 for x', 'something else'];
    const mapped = raw.map((m) => mapWebLlmError(new Error(m)) as LlmError);
    expect(new Set(mapped.map((e) => e.i18n?.key)).size).toBe(raw.length);
    for (const e of mapped) {
      expect(e).toBeInstanceOf(LlmError);
      expect(errorText(e)).toBe(e.message);
    }
    language.value = 'zh';
    expect(errorText(mapped[4])).toBe('模型下载被中断，或无法连接网络。请重试：已下载的文件会保留。离线时请使用模型包。（Failed to fetch）');
  });
});

describe('catalog errors', () => {
  it('read in English exactly as their message', () => {
    for (const text of ['{', '[]', '{"version": 2}']) {
      let error: CatalogError | null = null;
      try {
        parseCatalog(text);
      } catch (e) {
        error = e as CatalogError;
      }
      expect(error?.i18n?.key).toMatch(/^errors:catalog\./);
      expect(errorText(error)).toBe(error!.message);
    }
  });
});

describe('embedder errors', () => {
  it('come back from the embed worker as their class, with their key', () => {
    const e = new ModelLoadError('No embedding model is available. Check your network, or add a local model pack.', { i18n: tKey('errors:embedder.noneAvailable') });
    const back = fromErrorData(structuredClone(toErrorData(e).value as ErrorData));
    expect(back).toBeInstanceOf(ModelLoadError);
    expect(errorText(back)).toBe(e.message);
    language.value = 'zh';
    expect(errorText(back)).toBe('没有可用的嵌入模型。请检查网络连接，或添加本地模型包。');
  });
});

describe('model labels', () => {
  it('read in English exactly as the registry writes them, and translate', () => {
    for (const i of [inputs(), inputs({ gpu: { available: false, shaderF16: false } }), inputs({ cached: { [prebuiltAppConfig.model_list[0]!.model_id]: true } })]) {
      for (const c of llmChoices(i)) {
        expect(choiceLabel(c)).toBe(c.label);
        if (c.unavailable) expect(reasonText(c.unavailable)).toBe(c.unavailable);
      }
    }
    const choices = llmChoices(inputs());
    language.value = 'zh';
    expect(choiceLabel(choices[0]!)).toBe('Tiny Llama — Lab 引擎，WebGPU');
    expect(reasonText(choices.find((c) => c.id === 'm16')!.unavailable!)).toBe('需要 shader-f16，而此 GPU 不支持');
  });
});
