// The lab engine in its own worker: model files come from the site's origin.
import { expose } from 'comlink';
import { LabEngine } from '../llm/lab/lab-engine';
import type { LabLlmApi, LabModelSpec } from '../shared/llm-api';

let base = '';
const engine = new LabEngine(async (_id, file) => {
  const response = await fetch(new URL(file, base));
  if (!response.ok) throw new Error(`${file} could not be loaded (HTTP ${response.status}). Check the model pack.`);
  return response.arrayBuffer();
});

const api: LabLlmApi = {
  load: async (spec: LabModelSpec, onProgress) => {
    base = spec.baseUrl.endsWith('/') ? spec.baseUrl : `${spec.baseUrl}/`;
    let device: 'cpu' | 'webgpu' = spec.device ?? 'cpu';
    try {
      await engine.setDevice(device);
    } catch (e) {
      console.warn(`Lab engine: ${(e as Error).message} Using the CPU.`);
      device = await engine.setDevice('cpu') as 'cpu';
    }
    await engine.load(spec.id, onProgress);
    return device;
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

expose(api);
