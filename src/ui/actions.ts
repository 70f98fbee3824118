// The app-wide actions: `Services` (the bridges and engines main.ts creates, handed to every feature's
// actions), the platform probes (WebGPU, storage) and the embedder every feature shares (ensureEmbedder
// loads the chosen one once). They write ui/state.ts; each feature's own *-actions.ts calls its bridges
// and writes its own state (ui/library/, ui/chat/, …).
import type { EmbedBridge } from '../bridges/embed-bridge';
import type { IngestBridge } from '../bridges/ingest-bridge';
import type { SearchBridge } from '../bridges/search-bridge';
import type { RerankBridge } from '../bridges/rerank-bridge';
import type { FinetuneBridge } from '../bridges/finetune-bridge';
import type { DeviceBenchBridge } from '../bridges/device-bench-bridge';
import type { TrainBridge } from '../bridges/train-bridge';
import type { LlmEngine } from '../llm/engine';
import type { CrossCheck } from '../llm/lab/lab-engine';
import type { Retriever } from '../retrieval/retriever';
import { loadBuiltinCatalog, loadLocalCatalog } from '../catalog/catalog';
import { probeGpu } from '../platform/gpu';
import { probeStorage } from '../platform/storage';
import { online } from '../platform/network';
import type { EmbedderChoice } from '../shared/catalog-types';
import type { EmbedLoadSpec, EmbedResult } from '../shared/embed-api';
import { ModelDownloadError, ModelLoadError, RagLabError, errorMessage, isAbortError, tKey } from '../shared/errors';
import { isNetworkFailure, modelHost } from '../catalog/download-failure';
import { messageOf } from './i18n/i18n';
import { builtinCatalog, catalog, embedStatus, embedTask, gpu, lastEmbedProgress, selectedEmbedder, storage } from './state';

export interface Services {
  embed: EmbedBridge;
  ingest: IngestBridge;
  search: SearchBridge;
  /** The cross-encoder reranker's worker (second retrieval stage). */
  rerank: RerankBridge;
  /** The two LLM engines: the lab engine in its worker (CPU) and web-llm in its own (WebGPU). */
  llm: { lab: LlmEngine & { crossCheck(modelId: string, device: 'webgpu' | 'wasm'): Promise<CrossCheck> }; webllm: LlmEngine };
  /** The fine-tune worker: adapter checks and merges. */
  finetune: FinetuneBridge;
  /** The device-bench worker: Models' "Benchmark this device" (training steps and decode). */
  deviceBench: DeviceBenchBridge;
  /** The trainer worker: LoRA training on jax-js (WebGPU, or WebAssembly). */
  train: TrainBridge;
  /** Set by main.ts once the bridges exist: the one retrieval API. */
  retriever: Retriever;
  /** The app's base URL (document.baseURI): models/ and demo/ live under it. */
  baseUrl: string;
  /** Absolute URL of onnxruntime-web's wasm binary, emitted into the build by Vite. */
  ortWasmUrl: string;
}

/** Start-up probes, run in parallel; none of them blocks the first paint. */
export async function probeEnvironment(services: Services): Promise<void> {
  await Promise.all([
    probeGpu().then((g) => (gpu.value = g)),
    refreshStorage(),
    loadLocalCatalog(services.baseUrl).then((c) => (catalog.value = c)),
    loadBuiltinCatalog(services.baseUrl).then((c) => (builtinCatalog.value = c)),
  ]);
}

export async function refreshStorage(): Promise<void> {
  storage.value = await probeStorage().catch(() => null);
}

function loadSpec(choice: EmbedderChoice, services: Services): EmbedLoadSpec {
  return {
    entry: choice.entry,
    source: choice.source,
    device: gpu.value?.available ? 'webgpu' : 'wasm',
    ortWasmUrl: services.ortWasmUrl,
  };
}

/** Loads the selected embedder into the embed worker if it is not loaded yet; throws on failure. */
export async function ensureEmbedder(services: Services): Promise<EmbedderChoice> {
  const choice = selectedEmbedder.value;
  if (!choice) throw new ModelLoadError(tKey('errors:embedder.noneAvailable'));
  if (embedStatus.value.modelId === choice.entry.id) return choice;
  embedTask.value = { state: 'running', label: tKey('common:embedTask.loading', { label: choice.entry.label }), fraction: null };
  try {
    if (!online.value && choice.source.kind === 'hub' && !(await hubModelCached(choice.entry.path))) {
      throw new ModelLoadError(tKey('errors:embedder.offline', { label: choice.entry.label }));
    }
    embedStatus.value = await services.embed.load(loadSpec(choice, services), {
      onProgress: (p) => {
        lastEmbedProgress.value = p;
        if (p.kind === 'download') {
          const fraction = p.total > 0 ? p.loaded / p.total : null;
          embedTask.value = { state: 'running', label: tKey('common:embedTask.downloading', { file: p.file }), fraction };
        }
      },
    });
    embedTask.value = { state: 'idle' };
    void refreshStorage();
    return choice;
  } catch (e) {
    const failed = downloadFailure(e, choice) ?? e;
    embedTask.value = isAbortError(e) ? { state: 'idle' } : { state: 'failed', message: messageOf(failed) };
    throw failed;
  }
}

/**
 * A hub embedder that could not be downloaded (offline, the host blocked or down) as a ModelDownloadError, which the
 * library answers by keeping its files queued; null for anything else (a broken model, a crash, a cancel).
 */
function downloadFailure(e: unknown, choice: EmbedderChoice): ModelDownloadError | null {
  if (choice.source.kind !== 'hub' || isAbortError(e) || !isNetworkFailure(errorMessage(e))) return null;
  const i18n = e instanceof RagLabError ? e.i18n : undefined;
  return new ModelDownloadError(errorMessage(e), { kind: 'embedder', modelId: choice.entry.id, model: choice.entry.label, host: modelHost() }, { cause: e, ...(i18n ? { i18n } : {}) });
}

/** Whether transformers.js has a hub model's files in its browser cache (from an earlier, online visit). */
export async function hubModelCached(path: string): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  const keys = await (await caches.open('transformers-cache')).keys().catch(() => []);
  return keys.some((k) => k.url.includes(`/${path}/resolve/`) && k.url.endsWith('.onnx'));
}

/** The Models view's "Load embedder" button: like ensureEmbedder, with the error shown instead of thrown. */
export async function loadEmbedder(services: Services): Promise<boolean> {
  try {
    await ensureEmbedder(services);
    return true;
  } catch {
    return false;
  }
}

/** Embeds texts with the selected embedder, loading it first if needed. */
export async function embedTexts(services: Services, texts: string[], signal?: AbortSignal): Promise<EmbedResult | null> {
  // loadEmbedder returns at once when the selected model is already loaded.
  if (!(await loadEmbedder(services))) return null;
  embedTask.value = { state: 'running', label: tKey('common:embedTask.embedding', { count: texts.length }), fraction: 0 };
  try {
    const result = await services.embed.embed(texts, 'passage', {
      signal,
      onProgress: (p) => {
        if (p.kind === 'embed') embedTask.value = { state: 'running', label: tKey('common:embedTask.progress', { done: p.done, total: p.total }), fraction: p.done / p.total };
      },
    });
    embedTask.value = { state: 'idle' };
    return result;
  } catch (e) {
    embedTask.value = isAbortError(e) ? { state: 'idle' } : { state: 'failed', message: messageOf(e) };
    return null;
  }
}
