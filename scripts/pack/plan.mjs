// What a workshop pack holds, and where each file comes from: the web-llm model
// (hub resolve/main layout + its model_lib wasm) and the transformers.js
// embedder and optional reranker (config, tokenizer, ONNX weights per dtype). `--source` swaps the
// hosts for a mirror with the same paths.

/** The ONNX file transformers.js loads for a dtype. */
export const onnxFile = (dtype) => (dtype === 'fp32' ? 'onnx/model.onnx' : dtype === 'q8' ? 'onnx/model_quantized.onnx' : `onnx/model_${dtype}.onnx`);

/** A URL on the public hosts, moved onto the mirror when there is one (same path under the mirror's base). */
export function mirrored(url, source) {
  if (!source) return url;
  const base = source.endsWith('/') ? source : `${source}/`;
  return new URL(new URL(url).pathname.replace(/^\//, ''), base).href;
}

/** The hub's folder URL for a model (web-llm's rule: resolve/main/ unless the URL has a /resolve/ already). */
export function resolveMain(modelUrl) {
  const u = modelUrl.endsWith('/') ? modelUrl : `${modelUrl}/`;
  return u.includes('/resolve/') ? u : `${u}resolve/main/`;
}

/** The pack folder for a web-llm model: its hub path, e.g. "mlc-ai/SmolLM2-135M-Instruct-q0f32-MLC". */
export function llmFolder(record) {
  return new URL(record.model).pathname.replace(/^\/+|\/+$/g, '');
}

export function embedderFiles(entry) {
  const dtypes = typeof entry.dtype === 'string' ? [entry.dtype] : [...new Set(Object.values(entry.dtype ?? { wasm: 'fp32' }))];
  return { required: ['config.json', 'tokenizer.json', 'tokenizer_config.json', ...dtypes.map(onnxFile)], optional: ['special_tokens_map.json'] };
}

/** An embedder entry for a model not in the built-in list, from its config.json. */
export function embedderEntry(id, config, dtype) {
  const e5 = /e5/i.test(id);
  return {
    id, label: id.split('/').pop(), path: id,
    dim: config.hidden_size ?? config.dim ?? config.d_model,
    maxTokens: Math.min(512, config.max_position_embeddings ?? 512),
    dtype, pooling: 'mean', queryPrefix: e5 ? 'query: ' : '', passagePrefix: e5 ? 'passage: ' : '',
  };
}

/** A reranker entry for a cross-encoder not in the built-in list, from its config.json. */
export function rerankerEntry(id, config, dtype) {
  return { id, label: id.split('/').pop(), path: id, maxTokens: Math.min(512, config.max_position_embeddings ?? 512), dtype };
}

/** The catalog.json of a pack. */
export function packCatalog({ llm, llmFolderPath, libFile, embedder, reranker = null, lab, library = null }) {
  const quantization = /-(q\d+f\d+(?:_\d+)?)-MLC/.exec(llm.model_id)?.[1] ?? 'unknown';
  const llms = [{
    id: llm.model_id, label: llm.model_id.replace(/-MLC$/, ''), path: llmFolderPath, engine: 'web-llm', modelLib: libFile,
    ...(llm.vram_required_MB ? { vramMB: llm.vram_required_MB } : {}),
    ...(llm.required_features ? { requiredFeatures: llm.required_features } : {}),
    ...(llm.overrides ? { overrides: llm.overrides } : {}),
  }];
  // q0 weights also run on the lab engine, which needs no WebGPU (slowly, on the CPU).
  if (lab && quantization.startsWith('q0')) {
    llms.push({ id: `lab/${llm.model_id}`, label: `${llm.model_id.replace(/-MLC$/, '')} (lab engine)`, path: `${llmFolderPath}/resolve/main`, engine: 'lab', quantization });
  }
  return {
    version: 1,
    description: `Workshop pack: ${llm.model_id} and ${embedder.id}${reranker ? ` and ${reranker.id}` : ''}, made by npm run pack on ${new Date().toISOString().slice(0, 10)}.`,
    embedders: [embedder],
    ...(reranker ? { rerankers: [reranker] } : {}),
    llms,
    ...(library ? { library } : {}),
  };
}
