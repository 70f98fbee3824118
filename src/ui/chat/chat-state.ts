// Chat state. The conversation is kept per browser session (sessionStorage).
import { computed, signal } from '@preact/signals';
import type { Usage } from '../../llm/engine';
import { defaultRagTemplate } from '../../rag/prompt';
import type { GraphRetrievalInfo, RetrievalMode, RetrievedChunk, SearchTimings } from '../../shared/search-api';
import type { CacheBackend, ModelRecordLike } from '../../llm/web-llm/app-config';
import { llmChoices as registryChoices, noFineTunedReason as noFineTunedReason_, webLlmAppConfig, webLlmModels as webLlmModels_, type LlmChoice, type RegistryInputs } from '../../llm/model-registry';
import { builtinCatalog, catalog, gpu } from '../state';
import { builtinReason, orderBuiltin, siteLlms } from '../../catalog/builtin-default';
import { online } from '../../platform/network';
import type { Message } from '../i18n/i18n';
import { mergedModels } from '../finetune/finetune-state';

export interface ChatTurn {
  id: number;
  question: string;
  answer: string;
  /** Null when retrieval was off. */
  sources: RetrievedChunk[] | null;
  model: string;
  status: 'retrieving' | 'loading' | 'generating' | 'done' | 'stopped' | 'failed';
  /** A Message (plain data), so a reload and a language switch keep it translatable. */
  error?: Message;
  retrieval?: SearchTimings;
  /** The retrieval mode, and in the graph modes the reasoning paths (answered with RoG's prompt: graph/prompt.ts). */
  mode?: RetrievalMode;
  graph?: GraphRetrievalInfo;
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
/** The longest answer, in tokens (Advanced in Chat). */
export const chatMaxTokens = signal(128);
export const generating = signal(false);
export const loadProgress = signal<string | null>(null);

export type { LlmChoice };

/** web-llm's cache backend, a per-device preference. */
export const cacheBackend = signal<CacheBackend>((localStorage.getItem('rag-lab-cache-backend') as CacheBackend | null) ?? 'cache');
cacheBackend.subscribe((b) => localStorage.setItem('rag-lab-cache-backend', b));

/** web-llm's prebuilt model list, read from the (large, lazily loaded) web-llm module after start-up. */
export const webLlmPrebuilt = signal<ModelRecordLike[]>([]);
/** Which web-llm models are in the browser cache (hasModelInCache), refreshed by the Models view. */
export const webLlmCached = signal<Record<string, boolean>>({});

/** The LLMs the site serves: the pack's, then the built-in catalog's (builtin/catalog.json). */
const site = computed(() => siteLlms(catalog.value, builtinCatalog.value));
/** The built-in LLMs are the defaults when nothing better is available: no pack LLM, and offline or no WebGPU. */
const builtinLlmFirst = computed(() =>
  builtinReason({ pack: !!catalog.value?.parsed?.catalog.llms.length, online: online.value, webgpu: gpu.value ? gpu.value.available : null }) !== null);

/** The registry's inputs, from the app's signals; everything below is derived by llm/model-registry.ts. */
export const registryInputs = computed<RegistryInputs>(() => ({
  prebuilt: webLlmPrebuilt.value,
  packLlms: site.value.llms,
  packBaseUrl: site.value.baseUrl,
  cacheBackend: cacheBackend.value,
  merged: mergedModels.value,
  gpu: { available: !!gpu.value?.available, shaderF16: !!(gpu.value?.available && gpu.value.shaderF16) },
  cached: webLlmCached.value,
}));
export const webLlmConfig = computed(() => webLlmAppConfig(registryInputs.value));
export const webLlmModels = computed(() => webLlmModels_(registryInputs.value));
export const llmChoices = computed(() => orderBuiltin(registryChoices(registryInputs.value), site.value.builtinIds, builtinLlmFirst.value));
/** The site's built-in LLM that can run here, offered when a model cannot be downloaded. */
export const builtinLlm = computed(() => llmChoices.value.find((m) => site.value.builtinIds.has(m.id) && !m.unavailable) ?? null);
export const pickedLlm = signal<string | null>(null);
export const selectedLlm = computed(() => llmChoices.value.find((m) => m.id === pickedLlm.value) ?? llmChoices.value.find((m) => !m.unavailable) ?? null);

/** The LLM loaded in its worker, for the status bar. */
export const loadedLlm = signal<Message | null>(null);
/** Where the loaded LLM runs: the GPU is not free for other models while one holds it. */
export const loadedLlmDevice = signal<'webgpu' | 'wasm' | 'cpu' | null>(null);

/** Models that can be the base of a comparison, and the fine-tuned (merged) ones. */
export const baseChoices = computed(() => llmChoices.value.filter((m) => !m.adapter));
export const fineTunedChoices = computed(() => llmChoices.value.filter((m) => !!m.adapter));
/** Why the fine-tuned modes cannot run yet, when they cannot. */
export const noFineTunedReason = computed(() => noFineTunedReason_(llmChoices.value));
