// A language model that could not be downloaded (offline, the model host blocked
// or down): Chat, Compare and Evaluate show the same one notice as the Library,
// naming the model and its host, and keep what was asked so that Try again runs
// it again (docs/library.md#when-the-embedder-cannot-be-downloaded).
import { signal } from '@preact/signals';
import { hostInMessage, isNetworkFailure } from '../catalog/download-failure';
import type { LlmChoice } from '../llm/model-registry';
import { ModelDownloadError, RagLabError, errorMessage, isAbortError, isDownloadError } from '../shared/errors';

/** Where the model was needed, what could not be downloaded, and how to run that work again. */
export interface LlmDownloadNotice {
  view: 'chat' | 'compare' | 'evaluate';
  download: ModelDownloadError['download'];
  retry: () => Promise<void>;
}

/** The last LLM that could not be downloaded, shown once in the view that needed it; cleared when a model loads. */
export const llmDownload = signal<LlmDownloadNotice | null>(null);

/** Records a download failure for `view` (one notice there, with `retry`); true when `e` was one. */
export function noteLlmDownload(e: unknown, view: LlmDownloadNotice['view'], retry: () => Promise<void>): e is ModelDownloadError {
  if (!isDownloadError(e)) return false;
  llmDownload.value = { view, download: e.download, retry };
  return true;
}

/**
 * A model from a hub (not the site's pack, not a merged fine-tune) whose load got no usable answer, as a
 * ModelDownloadError; null for anything else (a model that cannot run here, a cancel, a broken file).
 */
export function llmDownloadFailure(e: unknown, choice: Pick<LlmChoice, 'id' | 'label' | 'adapter' | 'parts'>, fromSite: boolean): ModelDownloadError | null {
  if (fromSite || choice.adapter || isAbortError(e) || !isNetworkFailure(errorMessage(e))) return null;
  const i18n = e instanceof RagLabError ? e.i18n : undefined;
  const model = choice.parts?.name ?? choice.label.split(' — ')[0]!;
  return new ModelDownloadError(errorMessage(e), { kind: 'llm', modelId: choice.id, model, host: hostInMessage(errorMessage(e)) }, { cause: e, ...(i18n ? { i18n } : {}) });
}
