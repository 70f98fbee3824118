// Picks and loads the engine for a model choice: shared by Chat, Compare and Evaluate.
import type { LlmEngine, LoadProgress } from '../llm/engine';
import { LlmError, tKey } from '../shared/errors';
import type { Services } from './actions';
import { llmChoices, loadedLlm, loadedLlmDevice, registryInputs, webLlmCached, type LlmChoice } from './chat/chat-state';
import { llmDownload, llmDownloadFailure } from './llm-download';
import { online } from '../platform/network';
import { isTraining } from './finetune/train-state';
import { reasonText } from './models/model-labels';

export function findChoice(modelId: string): LlmChoice {
  const choice = llmChoices.value.find((m) => m.id === modelId);
  if (!choice) throw new LlmError(tKey('errors:llm.gone', { id: modelId }));
  if (choice.unavailable) {
    throw new LlmError(tKey('errors:llm.cannotRun', { label: choice.label, reason: reasonText(choice.unavailable) }));
  }
  return choice;
}

/** The engine that runs the model, with the model loaded (once: engines keep the last model). */
export async function loadEngine(services: Services, modelId: string, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<LlmEngine> {
  const choice = findChoice(modelId);
  // Training holds the GPU (the models were unloaded for it); loading one now would compete for its memory.
  if (isTraining()) {
    throw new LlmError(tKey('errors:llm.training'));
  }
  const engine = choice.engine === 'lab' ? services.llm.lab : services.llm.webllm;
  try {
    if (!online.value && choice.engine === 'web-llm' && !webLlmCached.value[choice.id] && !choice.adapter) {
      const name = choice.label.split(' — ')[0]!;
      throw new LlmError(tKey('errors:llm.offline', { name }));
    }
    await engine.load(choice.id, onProgress, signal);
  } catch (e) {
    // A model that could not be downloaded: the views keep their work and show one notice (llm-download.ts).
    throw llmDownloadFailure(e, choice, registryInputs.value.packLlms.some((m) => m.id === choice.id)) ?? e;
  }
  llmDownload.value = null;
  const device = engine.capabilities().device;
  const where = choice.engine === 'lab' ? (device === 'webgpu' ? 'common:loadedLlm.labWebGpu' : 'common:loadedLlm.labCpu') : 'common:loadedLlm.webLlm';
  loadedLlm.value = tKey(where, { id: choice.id });
  loadedLlmDevice.value = device;
  return engine;
}
