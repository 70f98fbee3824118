// Typed access to web-llm's own cache helpers and its Cache API cache, for the
// main thread: which models are downloaded, how many bytes they take, deleting
// their weights. web-llm's module is several MB, so it is imported on first use.
import type { AppConfig } from '@mlc-ai/web-llm';
import type { AppConfigLike, ModelRecordLike } from './app-config';
import { modelScope } from './model-cache';

const webllm = () => import('@mlc-ai/web-llm');

/**
 * Our AppConfig is plain data with the ModelRecord fields we use; web-llm's type
 * also names fields we never set. This is the one place the two meet.
 */
export const asAppConfig = (config: AppConfigLike): AppConfig => config as unknown as AppConfig;

/** web-llm's prebuilt model list, as installed. */
export async function prebuiltModels(): Promise<ModelRecordLike[]> {
  return (await webllm()).prebuiltAppConfig.model_list;
}

/** web-llm's own answer: would it load this model from the cache, with no network? */
export async function isModelCached(id: string, config: AppConfigLike): Promise<boolean> {
  return (await webllm()).hasModelInCache(id, asAppConfig(config)).catch(() => false);
}

/** The same for one record on its own (a merged model, which lives only in the Cache API backend). */
export const isRecordCached = (record: ModelRecordLike): Promise<boolean> => isModelCached(record.model_id, { model_list: [record], cacheBackend: 'cache' });

/** Deletes a model's weights with web-llm's own helper; its wasm library stays (merged models share it). */
export async function deleteModelWeights(id: string, config: AppConfigLike): Promise<void> {
  await (await webllm()).deleteModelInCache(id, asAppConfig(config));
}

/** Bytes a model's files take in web-llm's Cache API cache (blob sizes: nothing is read). */
export async function cachedBytes(modelUrl: string): Promise<number> {
  if (typeof caches === 'undefined') return 0;
  const cache = await caches.open(modelScope);
  let total = 0;
  for (const request of await cache.keys()) {
    if (!request.url.startsWith(modelUrl)) continue;
    total += (await (await cache.match(request))?.blob())?.size ?? 0;
  }
  return total;
}
