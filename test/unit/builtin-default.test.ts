// When the site's built-in models are the defaults, where they go in the lists,
// and which load failures count as failed downloads.
import { describe, expect, it } from 'vitest';
import { builtinReason, orderBuiltin, siteLlms } from '../../src/catalog/builtin-default';
import { embedderChoices, loadBuiltinCatalog, parseCatalog, rerankerChoices, type CatalogLoad } from '../../src/catalog/catalog';
import { hostInMessage, isNetworkFailure, modelHost } from '../../src/catalog/download-failure';
import { LlmError, ModelDownloadError, UnsupportedModelError, abortError } from '../../src/shared/errors';
import { llmDownloadFailure } from '../../src/ui/llm-download';
import { readFileSync } from 'node:fs';

const builtin: CatalogLoad = { baseUrl: 'https://site.example/app/builtin/', parsed: parseCatalog(readFileSync('public/builtin/catalog.json', 'utf8')), error: null };
const pack: CatalogLoad = {
  baseUrl: 'https://site.example/app/models/',
  parsed: parseCatalog(JSON.stringify({ version: 1, embedders: [{ id: 'local/tiny-embedder', path: 'tiny-embedder', dim: 128 }], rerankers: [{ id: 'local/tiny-reranker', path: 'tiny-reranker' }] })),
  error: null,
};

describe('builtinReason', () => {
  it('is null with a pack, whatever the network and GPU', () => {
    expect(builtinReason({ pack: true, online: false, webgpu: false })).toBeNull();
  });
  it('names what is missing without a pack: the network first, then WebGPU', () => {
    expect(builtinReason({ pack: false, online: false, webgpu: true })).toBe('offline');
    expect(builtinReason({ pack: false, online: false, webgpu: false })).toBe('offline');
    expect(builtinReason({ pack: false, online: true, webgpu: false })).toBe('no-webgpu');
  });
  it('keeps the online models as the suggestion online with WebGPU, and while WebGPU is still being probed', () => {
    expect(builtinReason({ pack: false, online: true, webgpu: true })).toBeNull();
    expect(builtinReason({ pack: false, online: true, webgpu: null })).toBeNull();
  });
});

describe('the built-in catalog in the lists', () => {
  const ids = (list: { entry: { id: string } }[]) => list.map((c) => c.entry.id);

  it('comes after the online models when they are the suggestion, first when nothing better is available', () => {
    expect(ids(embedderChoices(null, { load: builtin, first: false }))).toEqual(['Xenova/all-MiniLM-L6-v2', 'Xenova/multilingual-e5-small', 'builtin/lexical-embedder']);
    expect(ids(embedderChoices(null, { load: builtin, first: true }))[0]).toBe('builtin/lexical-embedder');
    expect(ids(rerankerChoices(null, { load: builtin, first: true }))[0]).toBe('builtin/lexical-reranker');
  });

  it("never before a pack's models, and is loaded from its own folder as same-origin files", () => {
    const list = embedderChoices(pack, { load: builtin, first: true });
    expect(ids(list).slice(0, 2)).toEqual(['local/tiny-embedder', 'builtin/lexical-embedder']);
    expect(list[1]!.source).toEqual({ kind: 'local', baseUrl: 'https://site.example/app/builtin/' });
    expect(ids(rerankerChoices(pack, { load: builtin, first: true })).slice(0, 2)).toEqual(['local/tiny-reranker', 'builtin/lexical-reranker']);
  });

  it('is fetched from builtin/catalog.json next to the app', async () => {
    const urls: string[] = [];
    const fetchFn = (async (url: string) => (urls.push(url), new Response(readFileSync('public/builtin/catalog.json')))) as unknown as typeof fetch;
    const load = await loadBuiltinCatalog('https://site.example/app/', fetchFn);
    expect(urls).toEqual(['https://site.example/app/builtin/catalog.json']);
    expect(load.parsed?.catalog.embedders[0]?.label).toMatch(/^Built-in lexical embedder/);
    expect(load.parsed?.warnings).toEqual([]);
  });
});

describe('failed downloads', () => {
  it('tells network and host failures from broken models', () => {
    for (const m of [
      'Could not load the embedder "x" from the Hugging Face hub: Failed to fetch. Check your network connection',
      'NetworkError when attempting to fetch resource.',
      'You are offline, and all-MiniLM-L6-v2 is neither downloaded nor in this site\'s model pack.',
      'Could not locate file: "https://huggingface.co/Xenova/x/resolve/main/onnx/model_quantized.onnx".',
      'net::ERR_INTERNET_DISCONNECTED',
      'Server responded with 503',
    ]) expect(isNetworkFailure(m), m).toBe(true);
    for (const m of ['protobuf parsing failed', 'The model returned 12 dimensions; the catalog says 128.', 'Unexpected token < in JSON at position 0']) {
      expect(isNetworkFailure(m), m).toBe(false);
    }
  });

  it('names the host', () => {
    expect(modelHost()).toBe('huggingface.co');
    expect(modelHost('https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/x.wasm')).toBe('raw.githubusercontent.com');
    expect(modelHost('Xenova/all-MiniLM-L6-v2')).toBe('huggingface.co');
  });

  it("names the host of the file web-llm could not fetch", () => {
    expect(hostInMessage('Failed to fetch https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_80/SmolLM2.wasm')).toBe('raw.githubusercontent.com');
    expect(hostInMessage('NetworkError: the download was interrupted or the network is unreachable')).toBe('huggingface.co');
  });
});

describe('an LLM that cannot be downloaded', () => {
  const hub = { id: 'SmolLM2-360M-Instruct-q4f32_1-MLC', label: 'SmolLM2-360M-Instruct-q4f32_1 — web-llm, WebGPU, download ~580 MB VRAM', parts: { name: 'SmolLM2-360M-Instruct-q4f32_1', engine: 'web-llm' as const } };
  const unreachable = new LlmError('Could not download SmolLM2: Failed to fetch https://huggingface.co/mlc-ai/SmolLM2-360M-Instruct-q4f32_1-MLC/resolve/main/params_shard_0.bin');

  it('is a ModelDownloadError naming the model and its host, with the message kept', () => {
    const e = llmDownloadFailure(unreachable, hub, false);
    expect(e).toBeInstanceOf(ModelDownloadError);
    expect(e!.download).toEqual({ kind: 'llm', modelId: hub.id, model: 'SmolLM2-360M-Instruct-q4f32_1', host: 'huggingface.co' });
    expect(e!.message).toBe(unreachable.message);
  });

  it("is not one for the site's own models, merged fine-tunes, cancels or models that cannot run", () => {
    expect(llmDownloadFailure(unreachable, hub, true)).toBeNull();
    expect(llmDownloadFailure(unreachable, { ...hub, adapter: { id: 'a', hash: 'h', baseModel: hub.id } }, false)).toBeNull();
    expect(llmDownloadFailure(abortError(), hub, false)).toBeNull();
    expect(llmDownloadFailure(new UnsupportedModelError('Phi3 is not supported; use Llama, Qwen2 or Qwen3.'), hub, false)).toBeNull();
  });
});

describe('built-in LLMs beside a pack\'s', () => {
  const reader = { id: 'builtin/reader', label: 'RAG Lab reader', path: 'rag-lab-reader', engine: 'lab' as const };
  const builtinWithReader: CatalogLoad = { ...builtin, parsed: { catalog: { ...builtin.parsed!.catalog, llms: [reader] }, warnings: [] } };
  const packWithLlm: CatalogLoad = { ...pack, parsed: { catalog: { ...pack.parsed!.catalog, llms: [{ id: 'local/tiny-llama', label: 'Tiny', path: 'tiny-llama', engine: 'lab' }] }, warnings: [] } };

  it("lists the pack's first, and the built-in ones with their folder made absolute", () => {
    const site = siteLlms(packWithLlm, builtinWithReader);
    expect(site.llms.map((m) => [m.id, m.path])).toEqual([['local/tiny-llama', 'tiny-llama'], ['builtin/reader', 'https://site.example/app/builtin/rag-lab-reader/']]);
    expect(site.baseUrl).toBe('https://site.example/app/models/');
    expect([...site.builtinIds]).toEqual(['builtin/reader']);
  });

  it('resolves against the built-in folder without a pack, and lists nothing without either', () => {
    expect(siteLlms(null, builtinWithReader).baseUrl).toBe('https://site.example/app/builtin/');
    const noLlms: CatalogLoad = { ...builtin, parsed: parseCatalog(JSON.stringify({ ...JSON.parse(readFileSync('public/builtin/catalog.json', 'utf8')), llms: [] })) };
    expect(siteLlms(null, noLlms)).toEqual({ llms: [], baseUrl: null, builtinIds: new Set() });
    // The site's own catalog lists the reader.
    expect(siteLlms(null, builtin).llms.map((m) => m.id)).toEqual(['builtin/rag-lab-reader']);
  });

  it('puts the built-in models last unless they are the defaults', () => {
    const choices = [{ id: 'builtin/reader' }, { id: 'SmolLM2' }, { id: 'Qwen3' }];
    const ids = new Set(['builtin/reader']);
    expect(orderBuiltin(choices, ids, false).map((c) => c.id)).toEqual(['SmolLM2', 'Qwen3', 'builtin/reader']);
    expect(orderBuiltin(choices, ids, true).map((c) => c.id)).toEqual(['builtin/reader', 'SmolLM2', 'Qwen3']);
  });
});
