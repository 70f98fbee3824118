// The second retrieval stage as the page runs it: resolves a reranker id in the
// catalog, checks it can load (offline, unknown id), and reports loading and
// scoring progress to rerankTask. The retriever calls rerankPairs through its port.
import type { RerankerChoice } from '../../shared/catalog-types';
import { ModelLoadError, RerankError } from '../../shared/errors';
import type { RerankLoadSpec, RerankResult } from '../../shared/rerank-api';
import { online } from '../../platform/network';
import { hubModelCached, type Services } from '../actions';
import { loadedLlmDevice } from '../chat/chat-state';
import { gpu, rerankTask, rerankers } from '../state';
import { rerankDevice } from '../../platform/gpu';

/** The reranker to preselect when the person turns reranking on: the pack's first, else the first built-in one. */
export function defaultRerankerId(): string | null {
  return rerankers.value[0]?.entry.id ?? null;
}

function spec(choice: RerankerChoice, services: Services): RerankLoadSpec {
  return { entry: choice.entry, source: choice.source, device: rerankDevice(!!gpu.value?.available, loadedLlmDevice.value), ortWasmUrl: services.ortWasmUrl };
}

/** Scores (query, passage) pairs with the reranker `modelId`, loading it first if needed. */
export async function rerankPairs(services: Services, modelId: string, query: string, passages: string[], signal?: AbortSignal): Promise<RerankResult> {
  const choice = rerankers.value.find((c) => c.entry.id === modelId);
  if (!choice) throw new RerankError(`The reranker "${modelId}" is not offered here (not in this site's model pack nor built in). Choose another one, or turn reranking off.`);
  if (services.rerank.status.modelId !== modelId && !online.value && choice.source.kind === 'hub' && !(await hubModelCached(choice.entry.path))) {
    throw new ModelLoadError(`You are offline, and the reranker ${choice.entry.label} is not downloaded yet. Connect once to download it, use a pack that includes a reranker, or turn reranking off.`);
  }
  rerankTask.value = { state: 'running', label: `Reranking with ${choice.entry.label}…`, fraction: null };
  try {
    return await services.rerank.rerank(spec(choice, services), query, passages, {
      ...(signal ? { signal } : {}),
      onProgress: (p) => {
        if (p.kind === 'download') rerankTask.value = { state: 'running', label: `Downloading ${p.file}…`, fraction: p.total > 0 ? p.loaded / p.total : null };
        if (p.kind === 'rerank') rerankTask.value = { state: 'running', label: `Reranking ${p.done}/${p.total}…`, fraction: p.done / p.total };
      },
    });
  } finally {
    rerankTask.value = { state: 'idle' };
  }
}
