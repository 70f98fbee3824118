// Chat state. The conversation is kept per browser session (sessionStorage).
import { computed, signal } from '@preact/signals';
import type { Usage } from '../llm/engine';
import { defaultRagTemplate } from '../rag/prompt';
import type { RetrievedChunk, SearchTimings } from '../shared/search-api';
import { buildAppConfig, describeModels, type CacheBackend, type ModelRecordLike } from '../llm/web-llm/app-config';
import { catalog, gpu } from './state';
import { mergedModels } from './finetune-state';
import type { MergedModelRecord } from '../finetune/records';

export interface ChatTurn {
  id: number;
  question: string;
  answer: string;
  /** Null when retrieval was off. */
  sources: RetrievedChunk[] | null;
  model: string;
  status: 'retrieving' | 'loading' | 'generating' | 'done' | 'stopped' | 'failed';
  error?: string;
  retrieval?: SearchTimings;
  usage?: Usage;
}

const storageKey = 'rag-lab-chat';

function restore(): ChatTurn[] {
  try {
    const turns = JSON.parse(sessionStorage.getItem(storageKey) ?? '[]') as ChatTurn[];
    // A turn that was streaming when the tab reloaded stays as far as it got.
    return turns.map((t) => (['done', 'stopped', 'failed'].includes(t.status) ? t : { ...t, status: 'stopped' }));
  } catch {
    return [];
  }
}

export const turns = signal<ChatTurn[]>(restore());
turns.subscribe((t) => {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify(t));
  } catch {
    // Storage full or disabled: the conversation just is not kept across reloads.
  }
});

export const useRetrieval = signal(true);
export const ragTemplate = signal(defaultRagTemplate);
export const generating = signal(false);
export const loadProgress = signal<string | null>(null);

export interface LlmChoice {
  id: string;
  label: string;
  engine: 'lab' | 'web-llm';
  /** Why it cannot run here (no WebGPU, missing shader-f16), if so. */
  unavailable: string | null;
  /** Set for a fine-tuned model: a LoRA adapter merged into a base model. */
  adapter?: { id: string; hash: string; baseModel: string };
}

/** web-llm's cache backend, a per-device preference. */
export const cacheBackend = signal<CacheBackend>((localStorage.getItem('rag-lab-cache-backend') as CacheBackend | null) ?? 'cache');
cacheBackend.subscribe((b) => localStorage.setItem('rag-lab-cache-backend', b));

/** web-llm's prebuilt model list, read from the (large, lazily loaded) web-llm module after start-up. */
export const webLlmPrebuilt = signal<ModelRecordLike[]>([]);

/** The web-llm ModelRecord of a merged model: the base's exact model_lib and overrides under a new id and URL. */
export function mergedRecord(m: MergedModelRecord): ModelRecordLike {
  return {
    model: m.modelUrl, model_id: m.id, model_lib: m.modelLib ?? '',
    ...(m.overrides ? { overrides: m.overrides } : {}), ...(m.requiredFeatures ? { required_features: m.requiredFeatures } : {}),
  };
}

/** web-llm's AppConfig: the curated prebuilt models, the pack's web-llm models, and merged models that web-llm runs. */
export const webLlmConfig = computed(() => {
  const config = buildAppConfig(webLlmPrebuilt.value, catalog.value?.parsed?.catalog.llms ?? [], catalog.value?.baseUrl ?? null, cacheBackend.value);
  return { ...config, model_list: [...config.model_list, ...mergedModels.value.filter((m) => m.engine === 'web-llm').map(mergedRecord)] };
});
const gpuFeatures = () => ({ available: !!gpu.value?.available, shaderF16: !!(gpu.value?.available && gpu.value.shaderF16) });
export const webLlmModels = computed(() =>
  describeModels({ ...webLlmConfig.value, model_list: webLlmConfig.value.model_list.filter((r) => !mergedModels.value.some((m) => m.id === r.model_id)) },
    gpuFeatures(), new Set((catalog.value?.parsed?.catalog.llms ?? []).map((m) => m.id))),
);
/** Which web-llm models are in the browser cache (hasModelInCache), refreshed by the Models view. */
export const webLlmCached = signal<Record<string, boolean>>({});

/** Every model Chat can offer: the pack's lab-engine models first, then web-llm's. */
export const llmChoices = computed<LlmChoice[]>(() => [
  ...(catalog.value?.parsed?.catalog.llms ?? []).filter((m) => m.engine === 'lab').map((m) => ({ id: m.id, label: `${m.label} — lab engine, ${gpu.value?.available ? 'WebGPU' : 'CPU (slow)'}`, engine: 'lab' as const, unavailable: null })),
  ...webLlmModels.value.map((m) => ({
    id: m.id, engine: 'web-llm' as const, unavailable: m.unavailable,
    label: `${m.label} — web-llm, WebGPU${webLlmCached.value[m.id] ? ', downloaded' : m.vramMB ? `, download ~${Math.round(m.vramMB)} MB VRAM` : ''}`,
  })),
  ...mergedModels.value.map((m) => {
    const gpuInfo = gpuFeatures();
    const unavailable = m.engine === 'lab' ? null : !gpuInfo.available ? 'needs WebGPU' : m.summary.dtype === 'float16' && !gpuInfo.shaderF16 ? 'needs shader-f16, which this GPU lacks' : null;
    return {
      id: m.id, engine: m.engine, unavailable, adapter: { id: m.adapter.name, hash: m.adapter.hash, baseModel: m.baseModel },
      label: `${m.label} — ${m.engine === 'lab' ? `lab engine, ${gpuInfo.available ? 'WebGPU' : 'CPU (slow)'}` : 'web-llm, WebGPU'}`,
    };
  }),
]);
export const pickedLlm = signal<string | null>(null);
export const selectedLlm = computed(() => llmChoices.value.find((m) => m.id === pickedLlm.value) ?? llmChoices.value.find((m) => !m.unavailable) ?? null);

/** The LLM loaded in its worker, for the status bar. */
export const loadedLlm = signal<string | null>(null);

/** Models that can be the base of a comparison, and the fine-tuned (merged) ones. */
export const baseChoices = computed(() => llmChoices.value.filter((m) => !m.adapter));
export const fineTunedChoices = computed(() => llmChoices.value.filter((m) => !!m.adapter));
/** Why the fine-tuned modes cannot run yet, when they cannot. */
export const noFineTunedReason = computed(() =>
  fineTunedChoices.value.some((m) => !m.unavailable)
    ? null
    : 'No fine-tuned model is registered yet. A fine-tuned model is a LoRA adapter merged into a base model: import and merge one in Fine-tune.',
);
