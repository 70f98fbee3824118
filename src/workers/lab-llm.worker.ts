// The lab engine in its own worker. Model files come from web-llm's caches when
// there (merged fine-tunes live only there), else from the site's origin (packs).
import { expose } from 'comlink';
import { installErrorTransport } from '../bridges/error-transport';
import { LabEngine } from '../llm/lab/lab-engine';
import { readCachedOrFetch } from '../llm/web-llm/model-cache';
import type { LabLlmApi, LabModelSpec } from '../shared/llm-api';

let base = '';
const engine = new LabEngine((_id, file) => readCachedOrFetch(new URL(file, base).href));

const api: LabLlmApi = {
  load: async (spec: LabModelSpec, onProgress) => {
    base = spec.baseUrl.endsWith('/') ? spec.baseUrl : `${spec.baseUrl}/`;
    try {
      await engine.setDevice(spec.device ?? 'cpu');
    } catch (e) {
      console.warn(`Lab engine: ${(e as Error).message} Using the CPU.`);
      await engine.setDevice('cpu');
    }
    await engine.load(spec.id, onProgress);
    // The device is 'cpu' if the model did not fit Wasm's memory.
    const { device, sourceBudget } = engine.capabilities();
    return { device, ...(sourceBudget ? { sourceBudget } : {}) };
  },
  chat: async (messages, options, onChunk) => {
    // Awaited: each chunk reaches the page before the next token, and before chat() resolves.
    for await (const chunk of engine.chat(messages, options)) await onChunk(chunk);
  },
  interrupt: () => engine.interrupt(),
  unload: () => engine.unload(),
  crossCheck: async (spec, device) => {
    await api.load({ ...spec, device: 'cpu' });
    return engine.crossCheck(device);
  },
};

installErrorTransport();
expose(api);
