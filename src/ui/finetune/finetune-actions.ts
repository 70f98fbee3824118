// Fine-tune actions for adapters: pick (files or the pack's catalog), check
// against a base model, merge and register as a new web-llm model, check the
// merge, delete. The heavy work runs in the fine-tune worker.
import type { AdapterFiles } from '../../shared/finetune-api';
import type { MergedModelRecord } from '../../finetune/records';
import type { TrainingRecord } from '../../finetune/train/adapter';
import { packFolderUrl } from '../../catalog/catalog';
import { mergedRecord, modelFolder as registryModelFolder } from '../../llm/model-registry';
import { isModelCached, isRecordCached } from '../../llm/web-llm/cache-status';
import { deleteUrls } from '../../llm/web-llm/model-cache';
import { sha256Hex } from '../../shared/hash';
import { AdapterError, tKey } from '../../shared/errors';
import { messageOf } from '../i18n/i18n';
import type { FinetuneStore } from '../../store/finetune-store';
import { stores } from '../database';
import type { Services } from '../actions';
import { refreshStorage } from '../actions';
import { baseChoices, cacheBackend, registryInputs, webLlmConfig, type LlmChoice } from '../chat/chat-state';
import { adapterBase, adapterState, mergeCheck, mergeTarget, mergedCached, mergedModels, datasets, type PickedAdapter } from './finetune-state';
import { catalog } from '../state';

export const finetuneStore = async (): Promise<FinetuneStore> => (await stores()).finetune;

/** Loads the registry and datasets at start-up (the model menus need the merged models). */
export async function openFinetune(): Promise<void> {
  const s = await finetuneStore();
  [mergedModels.value, datasets.value] = await Promise.all([s.listMerged(), s.listDatasets()]);
  void refreshMergedCache();
}

export async function picked(files: AdapterFiles, source: string): Promise<PickedAdapter> {
  return { files, source, hash: await sha256Hex([files.configText, files.weights]) };
}

/** From the file picker: adapter_config.json and adapter_model.safetensors (a folder's files are fine too). */
export async function pickAdapterFiles(services: Services, list: File[]): Promise<void> {
  const config = list.find((f) => f.name === 'adapter_config.json');
  const weights = list.find((f) => f.name.endsWith('.safetensors'));
  if (!config) {
    adapterState.value = { state: 'invalid', adapter: null, message: tKey('finetune:adapters.pickBoth') };
    return;
  }
  const folder = (config.webkitRelativePath || '').split('/').slice(-2, -1)[0];
  const name = folder || weights?.name.replace(/\.safetensors$/, '').replace(/^adapter_model$/, 'adapter') || 'adapter';
  const files: AdapterFiles = { name, configText: await config.text(), weights: weights ? await weights.arrayBuffer() : new ArrayBuffer(0) };
  await checkAdapterNow(services, await picked(files, 'files'));
}

/** From the local pack's catalog (`adapters` in models/catalog.json). */
export async function pickCatalogAdapter(services: Services, id: string): Promise<void> {
  const load = catalog.value;
  const entry = load?.parsed?.catalog.adapters.find((a) => a.id === id);
  if (!load || !entry) return;
  const folder = packFolderUrl(entry.path, load.baseUrl);
  const config = await fetch(new URL('adapter_config.json', folder));
  if (!config.ok) {
    adapterState.value = { state: 'invalid', adapter: null, message: tKey('finetune:adapters.packMissing', { label: entry.label, status: config.status }) };
    return;
  }
  const weights = await fetch(new URL('adapter_model.safetensors', folder));
  const files: AdapterFiles = { name: entry.id.replace(/^local\//, ''), configText: await config.text(), weights: weights.ok ? await weights.arrayBuffer() : new ArrayBuffer(0) };
  if (!adapterBase.value && baseChoices.value.some((m) => m.id === entry.base)) adapterBase.value = entry.base;
  await checkAdapterNow(services, await picked(files, entry.id));
}

/** The name the merged model carries ("<base> + <name>"). */
export function renameAdapter(name: string): void {
  const s = adapterState.value;
  if (s.state === 'valid') adapterState.value = { ...s, adapter: { ...s.adapter, files: { ...s.adapter.files, name } } };
}

export const chosenBase = (): LlmChoice | null => baseChoices.value.find((m) => m.id === adapterBase.value) ?? baseChoices.value.find((m) => !m.unavailable) ?? null;

/** Where the base model's files are: the pack folder (lab engine) or web-llm's model URL (…/resolve/main/). */
export const modelFolder = (base: LlmChoice): string => registryModelFolder(base, registryInputs.value, webLlmConfig.value);

export async function checkAdapterNow(services: Services, adapter: PickedAdapter | null = null): Promise<void> {
  const current = adapterState.value;
  const a = adapter ?? (current.state !== 'none' ? current.adapter : null);
  const base = chosenBase();
  if (!a || !base) return;
  adapterState.value = { state: 'checking', adapter: a, label: tKey('finetune:adapters.checking', { name: a.files.name, base: base.label }) };
  try {
    const summary = await services.finetune.check(modelFolder(base), base.label, a.files);
    adapterState.value = { state: 'valid', adapter: a, summary };
  } catch (e) {
    adapterState.value = { state: 'invalid', adapter: a, message: messageOf(e) };
  }
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');

/**
 * Merges the checked adapter into the base, writes the merged model into web-llm's cache, and registers it
 * (with the training record when the adapter was trained here). Resolves with the new model's id, or null.
 */
export async function mergeAndRegister(services: Services, training?: TrainingRecord): Promise<string | null> {
  const state = adapterState.value;
  const base = chosenBase();
  if (state.state !== 'valid' || !base) return null;
  const a = state.adapter;
  adapterState.value = { state: 'merging', adapter: a, label: tKey('finetune:adapters.merging', { name: a.files.name, base: base.label }) };
  try {
    if (cacheBackend.value !== 'cache') throw new AdapterError(tKey('errors:adapter.needsCacheApi'));
    const baseRecord = webLlmConfig.value.model_list.find((r) => r.model_id === base.id);
    // A web-llm base must be downloaded: its shards are then referenced, not copied.
    if (base.engine === 'web-llm' && !(await isModelCached(base.id, webLlmConfig.value))) {
      throw new AdapterError(tKey('errors:adapter.downloadBase', { base: base.label }));
    }
    const id = `${base.id}+${slug(a.files.name)}-${a.hash.slice(0, 8)}`;
    if (mergedModels.value.some((m) => m.id === id)) throw new AdapterError(tKey('errors:adapter.alreadyMerged'));
    const targetUrl = new URL(`merged/${slug(id)}/resolve/main/`, services.baseUrl).href;
    // A q4f16_1 base merged into q0f16 is a model of another quantization: the base's q4 model library cannot run
    // it, so the lab engine does, from a full copy.
    const toQ0 = state.summary.baseQuantization === 'q4f16_1' && mergeTarget.value === 'q0f16';
    const engine = toQ0 ? 'lab' : base.engine;
    const { summary, urls } = await services.finetune.merge({
      baseLabel: base.label, baseUrl: modelFolder(base), adapter: a.files, targetUrl, referenceBase: engine === 'web-llm', ...(toQ0 ? { target: 'q0f16' as const } : {}),
    });
    const record: MergedModelRecord = {
      id, label: `${base.label.split(' — ')[0]} + ${a.files.name}${toQ0 ? ' (q0f16)' : ''}`, baseModel: base.id, baseLabel: base.label, engine,
      modelUrl: targetUrl, modelLib: toQ0 ? null : baseRecord?.model_lib ?? null,
      ...(baseRecord?.overrides ? { overrides: baseRecord.overrides } : {}),
      // web-llm runs float16 weights (q0f16, q4f16_1's scales) with shader-f16 only; the lab engine widens them on load.
      ...(engine === 'web-llm' && summary.dtype === 'float16' ? { requiredFeatures: ['shader-f16'] } : {}),
      adapter: { name: a.files.name, hash: a.hash }, adapterFiles: a.files, summary, ownUrls: urls, createdAt: Date.now(),
      ...(training ? { training } : {}),
    };
    // web-llm's own check that it would load the model from the cache with no network.
    if (!(await isRecordCached(mergedRecord(record)))) {
      await deleteUrls(urls);
      throw new AdapterError(tKey('errors:adapter.notCached'));
    }
    await (await finetuneStore()).putMerged(record);
    mergedModels.value = await (await finetuneStore()).listMerged();
    adapterState.value = { state: 'none' };
    void refreshMergedCache();
    void refreshStorage();
    return id;
  } catch (e) {
    adapterState.value = { state: 'invalid', adapter: a, message: messageOf(e) };
    return null;
  }
}

/** Asks web-llm's hasModelInCache about each merged model. */
export async function refreshMergedCache(): Promise<void> {
  if (!mergedModels.value.length) {
    mergedCached.value = {};
    return;
  }
  const out: Record<string, boolean> = {};
  for (const m of mergedModels.value) out[m.id] = await isRecordCached(mergedRecord(m));
  mergedCached.value = out;
}

/** Deletes a merged model's own files and its registration; the base model and the wasm stay. */
export async function deleteMerged(services: Services, id: string): Promise<void> {
  const record = mergedModels.value.find((m) => m.id === id);
  if (!record) return;
  if (record.engine === 'lab') await services.llm.lab.unload();
  await deleteUrls(record.ownUrls);
  await (await finetuneStore()).deleteMerged(id);
  mergedModels.value = await (await finetuneStore()).listMerged();
  void refreshMergedCache();
  void refreshStorage();
}

/** Merged logits against base + runtime LoRA, on this machine. */
export async function checkMerged(services: Services, id: string): Promise<void> {
  const record = mergedModels.value.find((m) => m.id === id);
  const base = baseChoices.value.find((m) => m.id === record?.baseModel);
  if (!record || !base) {
    mergeCheck.value = { id, error: tKey('finetune:merged.baseGone') };
    return;
  }
  mergeCheck.value = { id, running: true };
  try {
    mergeCheck.value = { id, result: await services.finetune.checkMerge(modelFolder(base), record.modelUrl, record.adapterFiles, base.label) };
  } catch (e) {
    mergeCheck.value = { id, error: messageOf(e) };
  }
}

