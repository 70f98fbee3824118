// Builds web-llm's AppConfig (plain data: it crosses postMessage) from the
// installed prebuilt list and the local pack, and describes each model for the
// Models view: size, GPU features, whether it can be fine-tuned here.
import { isTrainableQuantization } from '../../shared/llm-types';
import type { LlmEntry } from '../../shared/catalog-types';
import { packFolderUrl } from '../../catalog/catalog';
import { curatedModelIds } from './curated';

/** The fields of web-llm's ModelRecord that we read or write. */
export interface ModelRecordLike {
  model: string;
  model_id: string;
  model_lib: string;
  vram_required_MB?: number;
  low_resource_required?: boolean;
  required_features?: string[];
  overrides?: Record<string, unknown>;
}

export type CacheBackend = 'cache' | 'indexeddb';

export interface AppConfigLike {
  model_list: ModelRecordLike[];
  cacheBackend: CacheBackend;
}

export interface WebLlmModelInfo {
  id: string;
  label: string;
  quantization: string;
  vramMB: number | null;
  needsF16: boolean;
  /** Unquantized weights: a LoRA can be merged into them. */
  fineTunable: boolean;
  local: boolean;
  /** Why it cannot run here, when it cannot. */
  unavailable: string | null;
}

/** "q4f16_1" from "Qwen3-0.6B-q4f16_1-MLC". */
export function quantizationOf(id: string): string {
  return /-(q\d+f\d+(?:_\d+)?)-MLC/.exec(id)?.[1] ?? 'unknown';
}

/** Records for the curated models found in the prebuilt list, plus the local pack's web-llm models with absolute URLs. */
export function buildAppConfig(prebuilt: readonly ModelRecordLike[], local: LlmEntry[], catalogBaseUrl: string | null, cacheBackend: CacheBackend = 'cache'): AppConfigLike {
  const byId = new Map(prebuilt.map((r) => [r.model_id, r]));
  const curated = curatedModelIds.map((id) => byId.get(id)).filter((r): r is ModelRecordLike => !!r);
  const packed = catalogBaseUrl
    ? local.filter((e) => e.engine === 'web-llm' && typeof e.modelLib === 'string').map((e) => ({
        // web-llm throws "Invalid URL" on relative model URLs: resolve against the catalog's absolute URL.
        model: packFolderUrl(e.path, catalogBaseUrl),
        model_id: e.id,
        model_lib: new URL(e.modelLib as string, catalogBaseUrl).href,
        ...(typeof e.vramMB === 'number' ? { vram_required_MB: e.vramMB } : {}),
        ...(Array.isArray(e.requiredFeatures) ? { required_features: e.requiredFeatures as string[] } : {}),
        ...(e.overrides && typeof e.overrides === 'object' ? { overrides: e.overrides as Record<string, unknown> } : {}),
      }))
    : [];
  const localIds = new Set(packed.map((r) => r.model_id));
  return { model_list: [...packed, ...curated.filter((r) => !localIds.has(r.model_id))], cacheBackend };
}

/** Why a model cannot run on this device, in English; the interface translates each one (ui/models/model-labels.ts). */
export const unavailableReasons = {
  webgpu: 'needs WebGPU',
  shaderF16: 'needs shader-f16, which this GPU lacks: pick the f32 variant',
  shaderF16Merged: 'needs shader-f16, which this GPU lacks',
} as const;

/** What the Models view shows for each record, given the GPU. */
export function describeModels(config: AppConfigLike, gpu: { available: boolean; shaderF16: boolean }, localIds: Set<string>): WebLlmModelInfo[] {
  return config.model_list.map((r) => {
    const quantization = quantizationOf(r.model_id);
    const needsF16 = (r.required_features ?? []).includes('shader-f16') || /f16/.test(quantization);
    const unavailable = !gpu.available ? unavailableReasons.webgpu : needsF16 && !gpu.shaderF16 ? unavailableReasons.shaderF16 : null;
    return {
      id: r.model_id,
      label: r.model_id.replace(/-MLC$/, ''),
      quantization,
      vramMB: r.vram_required_MB ?? null,
      needsF16,
      fineTunable: isTrainableQuantization(quantization),
      local: localIds.has(r.model_id),
      unavailable,
    };
  });
}
