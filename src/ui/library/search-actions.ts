// The Library's search box and the retrieval settings that Chat, Compare and the search box share.
import type { RetrievalOptions } from '../../shared/search-api';
import { errorText } from '../i18n/i18n';
import type { Services } from '../actions';
import { saveLibrarySetting } from './library-actions';
import { retrievalOptions, searchState } from './library-state';

let searching: AbortController | null = null;

/** The retrieval settings, kept with the library so that the next visit starts with them. */
export async function setRetrievalOptions(options: RetrievalOptions): Promise<void> {
  retrievalOptions.value = options;
  await saveLibrarySetting('retrieval', options);
}

/** The retrieval API without an LLM. A new search cancels the one still running (and its reranking). */
export async function searchLibrary(services: Services, query: string, docFilter?: string[]): Promise<void> {
  if (!query.trim()) return;
  searching?.abort();
  const controller = (searching = new AbortController());
  searchState.value = { state: 'running', query };
  try {
    const response = await services.retriever.retrieve({ ...retrievalOptions.value, query, verify: true, ...(docFilter ? { docFilter } : {}) }, { signal: controller.signal });
    if (controller.signal.aborted) return;
    searchState.value = { state: 'done', query, response };
  } catch (e) {
    if (controller.signal.aborted) return;
    searchState.value = { state: 'failed', query, message: errorText(e) };
  }
}
