// Every LLM the app can offer, as one pure function of its inputs: the local
// pack's lab and web-llm models, web-llm's curated prebuilt list, and merged
// (fine-tuned) models. It decides web-llm's AppConfig, which models can run on
// this GPU and why not, their labels, and where each model's files are. The UI
// keeps the inputs in signals and derives everything else from here.
import { packFolderUrl } from '../catalog/catalog';
import type { LlmEntry } from '../shared/catalog-types';
import { AdapterError } from '../shared/errors';
import type { LabModelSpec } from '../shared/llm-api';
import { buildAppConfig, describeModels, unavailableReasons, type AppConfigLike, type CacheBackend, type ModelRecordLike, type WebLlmModelInfo } from './web-llm/app-config';

/** The fields of a merged-model record the registry reads; finetune/records.ts's MergedModelRecord extends it. */
export interface MergedModelLike {
  /** The new model_id. */
  id: string;
  label: string;
  baseModel: string;
  /** The engine that runs it: the base model's. */
  engine: 'lab' | 'web-llm';
  /** Synthetic same-origin folder URL (…/resolve/main/) its files live under in web-llm's caches. */
  modelUrl: string;
  /** web-llm only: the base's exact model_lib, overrides and required features. */
  modelLib: string | null;
  overrides?: Record<string, unknown>;
  requiredFeatures?: string[];
  adapter: { name: string; hash: string };
  summary: { dtype: 'float32' | 'float16' };
}

export interface LlmChoice {
  id: string;
  label: string;
  engine: 'lab' | 'web-llm';
  /** Why it cannot run here (no WebGPU, missing shader-f16), if so. */
  unavailable: string | null;
  /** Set for a fine-tuned model: a LoRA adapter merged into a base model. */
  adapter?: { id: string; hash: string; baseModel: string };
  /** What `label` says, as data, for an interface that words it in another language (ui/models/model-labels.ts). */
  parts?: LlmLabelParts;
}

/** The pieces of a choice's label: "name — lab engine, WebGPU", "name — web-llm, WebGPU, downloaded". */
export interface LlmLabelParts {
  name: string;
  engine: 'lab' | 'web-llm';
  /** The lab engine's device; web-llm always runs on WebGPU. */
  labDevice?: 'webgpu' | 'cpu';
  downloaded?: boolean;
  vramMB?: number;
}

export interface GpuFeatures {
  available: boolean;
  shaderF16: boolean;
}

export interface RegistryInputs {
  /** web-llm's installed prebuilt list (empty until its module has loaded). */
  prebuilt: readonly ModelRecordLike[];
  /** The local pack's LLMs, and the absolute URL of its catalog folder (null without a pack). */
  packLlms: LlmEntry[];
  packBaseUrl: string | null;
  cacheBackend: CacheBackend;
  merged: MergedModelLike[];
  gpu: GpuFeatures;
  /** Which web-llm models are downloaded. */
  cached: Record<string, boolean>;
}

/** The web-llm ModelRecord of a merged model: the base's exact model_lib and overrides under a new id and URL. */
export function mergedRecord(m: MergedModelLike): ModelRecordLike {
  return {
    model: m.modelUrl, model_id: m.id, model_lib: m.modelLib ?? '',
    ...(m.overrides ? { overrides: m.overrides } : {}), ...(m.requiredFeatures ? { required_features: m.requiredFeatures } : {}),
  };
}

/** web-llm's AppConfig: the curated prebuilt models, the pack's web-llm models, and merged models that web-llm runs. */
export function webLlmAppConfig(i: Pick<RegistryInputs, 'prebuilt' | 'packLlms' | 'packBaseUrl' | 'cacheBackend' | 'merged'>): AppConfigLike {
  const config = buildAppConfig(i.prebuilt, i.packLlms, i.packBaseUrl, i.cacheBackend);
  return { ...config, model_list: [...config.model_list, ...i.merged.filter((m) => m.engine === 'web-llm').map(mergedRecord)] };
}

/** The web-llm models (merged ones excluded) as the Models view lists them. */
export function webLlmModels(i: RegistryInputs): WebLlmModelInfo[] {
  const config = webLlmAppConfig(i);
  const mergedIds = new Set(i.merged.map((m) => m.id));
  return describeModels({ ...config, model_list: config.model_list.filter((r) => !mergedIds.has(r.model_id)) }, i.gpu, new Set(i.packLlms.map((m) => m.id)));
}

const labDevice = (gpu: GpuFeatures) => (gpu.available ? 'WebGPU' : 'CPU (slow)');
const labParts = (name: string, gpu: GpuFeatures): LlmLabelParts => ({ name, engine: 'lab', labDevice: gpu.available ? 'webgpu' : 'cpu' });

/** Why a merged model cannot run on this GPU, or null. */
function mergedUnavailable(m: MergedModelLike, gpu: GpuFeatures): string | null {
  if (m.engine === 'lab') return null;
  if (!gpu.available) return unavailableReasons.webgpu;
  return m.summary.dtype === 'float16' && !gpu.shaderF16 ? unavailableReasons.shaderF16Merged : null;
}

/** Every model Chat can offer: the pack's lab-engine models first, then web-llm's, then merged models. */
export function llmChoices(i: RegistryInputs): LlmChoice[] {
  return [
    ...i.packLlms.filter((m) => m.engine === 'lab').map((m) => ({
      id: m.id, label: `${m.label} — lab engine, ${labDevice(i.gpu)}`, engine: 'lab' as const, unavailable: null, parts: labParts(m.label, i.gpu),
    })),
    ...webLlmModels(i).map((m) => ({
      id: m.id, engine: 'web-llm' as const, unavailable: m.unavailable,
      label: `${m.label} — web-llm, WebGPU${i.cached[m.id] ? ', downloaded' : m.vramMB ? `, download ~${Math.round(m.vramMB)} MB VRAM` : ''}`,
      parts: { name: m.label, engine: 'web-llm' as const, ...(i.cached[m.id] ? { downloaded: true } : m.vramMB ? { vramMB: m.vramMB } : {}) },
    })),
    ...i.merged.map((m) => ({
      id: m.id, engine: m.engine, unavailable: mergedUnavailable(m, i.gpu), adapter: { id: m.adapter.name, hash: m.adapter.hash, baseModel: m.baseModel },
      label: `${m.label} — ${m.engine === 'lab' ? `lab engine, ${labDevice(i.gpu)}` : 'web-llm, WebGPU'}`,
      parts: m.engine === 'lab' ? labParts(m.label, i.gpu) : { name: m.label, engine: 'web-llm' as const },
    })),
  ];
}

/** Why the fine-tuned modes cannot run yet, when they cannot. */
export function noFineTunedReason(choices: LlmChoice[]): string | null {
  return choices.some((m) => m.adapter && !m.unavailable)
    ? null
    : 'No fine-tuned model is registered yet. A fine-tuned model is a LoRA adapter merged into a base model: import and merge one in Fine-tune.';
}

/** Where a base model's files are: its pack folder (lab engine) or web-llm's model URL (…/resolve/main/). */
export function modelFolder(choice: LlmChoice, i: Pick<RegistryInputs, 'packLlms' | 'packBaseUrl'>, config: AppConfigLike): string {
  if (choice.engine === 'lab') {
    const entry = i.packLlms.find((m) => m.id === choice.id);
    if (!entry || !i.packBaseUrl) throw new AdapterError(`${choice.label} is not in this site's model pack.`);
    return packFolderUrl(entry.path, i.packBaseUrl);
  }
  const record = config.model_list.find((r) => r.model_id === choice.id);
  if (!record) throw new AdapterError(`${choice.label} is not in web-llm's model list.`);
  // web-llm's own URL rule: append resolve/main/ unless the URL already has a /resolve/<rev>/.
  const url = record.model.endsWith('/') ? record.model : `${record.model}/`;
  return url.includes('/resolve/') ? url : `${url}resolve/main/`;
}

/** The lab worker's spec for a lab-engine model (a pack model or a merged one), or null if it is not one. */
export function labModelSpec(id: string, i: Pick<RegistryInputs, 'packLlms' | 'packBaseUrl' | 'merged' | 'gpu'>): LabModelSpec | null {
  // Without WebGPU, jax-js compiled to WebAssembly: faster than the reference from the tiny fixtures up (docs/llm.md).
  const device = i.gpu.available ? 'webgpu' : 'wasm';
  const merged = i.merged.find((m) => m.id === id && m.engine === 'lab');
  if (merged) return { id, baseUrl: merged.modelUrl, device };
  const entry = i.packLlms.find((m) => m.id === id);
  return entry && i.packBaseUrl ? { id, baseUrl: packFolderUrl(entry.path, i.packBaseUrl), device } : null;
}
