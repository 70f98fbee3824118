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
  load: (spec: LabModelSpec, onProgress) => {
    base = spec.baseUrl.endsWith('/') ? spec.baseUrl : `${spec.baseUrl}/`;
    return engine.load(spec.id, onProgress);
  },
  chat: async (messages, options, onChunk) => {
    // Awaited: each chunk reaches the page before the next token, and before chat() resolves.
    for await (const chunk of engine.chat(messages, options)) await onChunk(chunk);
  },
  interrupt: () => engine.interrupt(),
  unload: () => engine.unload(),
  crossCheck: async (spec, device) => {
    await api.load(spec);
    return engine.crossCheck(device);
  },
};

expose(api);
