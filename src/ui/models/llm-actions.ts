// Models view actions for web-llm: cache status, download, delete.
import { cachedBytes, deleteModelWeights, isModelCached, prebuiltModels } from '../../llm/web-llm/cache-status';
import type { CrossCheck } from '../../shared/llm-types';
import { tKey } from '../../shared/errors';
import { messageOf, type Message } from '../i18n/i18n';
import type { Services } from '../actions';
import { refreshStorage } from '../actions';
import { webLlmCached, webLlmConfig, webLlmPrebuilt } from '../chat/chat-state';
import { mergedModels } from '../finetune/finetune-state';
import { online } from '../../platform/network';
import { signal } from '@preact/signals';

export type DownloadState = { id: string; text: Message; fraction: number | null } | { id: string; error: Message } | null;
export const download = signal<DownloadState>(null);

let catalogLoad: Promise<void> | null = null;

/** Reads web-llm's prebuilt model list (the curated models' URLs and libraries), once, when a view needs it. */
export function loadWebLlmCatalog(): Promise<void> {
  catalogLoad ??= prebuiltModels()
    .then((list) => void (webLlmPrebuilt.value = list))
    .catch((e: unknown) => console.warn('web-llm model list unavailable:', e));
  return catalogLoad;
}

/** Bytes each downloaded model takes in web-llm's Cache API cache (blob sizes: nothing is read). */
export const cacheSizes = signal<Record<string, number>>({});

/** Asks web-llm's cache, one model at a time, which models are already downloaded, and their size. */
export async function refreshCacheStatus(): Promise<void> {
  await loadWebLlmCatalog();
  const out: Record<string, boolean> = {};
  const sizes: Record<string, number> = {};
  for (const r of webLlmConfig.value.model_list) {
    out[r.model_id] = await isModelCached(r.model_id, webLlmConfig.value);
    if (out[r.model_id] && webLlmConfig.value.cacheBackend === 'cache') sizes[r.model_id] = await cachedBytes(r.model).catch(() => 0);
  }
  webLlmCached.value = out;
  cacheSizes.value = sizes;
}

/** Downloads (and loads) a model through the web-llm worker, with progress. */
export async function downloadModel(services: Services, id: string): Promise<void> {
  if (!online.value) {
    download.value = { id, error: tKey('models:llm.offline') };
    return;
  }
  download.value = { id, text: tKey('models:llm.starting'), fraction: 0 };
  try {
    await services.llm.webllm.load(id, (p) => (download.value = { id, text: p.text, fraction: p.fraction }));
    download.value = null;
  } catch (e) {
    download.value = { id, error: messageOf(e) };
  }
  await refreshCacheStatus();
  void refreshStorage();
}

/** Removes a model's weights from the cache. Its shared wasm library stays (a merged model may use it). */
export async function deleteModel(id: string): Promise<void> {
  // A merged model that references this model's shards would stop loading: it goes first.
  const dependents = mergedModels.value.filter((m) => m.baseModel === id && m.summary.referencesBase);
  if (dependents.length) {
    download.value = { id, error: tKey('models:llm.usedBy', { count: dependents.length, names: dependents.map((m) => m.label).join(', ') }) };
    return;
  }
  await deleteModelWeights(id, webLlmConfig.value);
  await refreshCacheStatus();
  void refreshStorage();
}

export type CheckState = { id: string; running: true } | { id: string; result: CrossCheck } | { id: string; error: Message } | null;
export const check = signal<CheckState>(null);

/** Runs the lab engine's WebGPU path against its CPU reference on a pack model. */
export async function checkWebGpu(services: Services, id: string): Promise<void> {
  check.value = { id, running: true };
  try {
    check.value = { id, result: await services.llm.lab.crossCheck(id, 'webgpu') };
  } catch (e) {
    check.value = { id, error: messageOf(e) };
  }
}
