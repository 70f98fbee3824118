// Chat state. The conversation is kept per browser session (sessionStorage).
import { computed, signal } from '@preact/signals';
import type { Usage } from '../llm/engine';
import { defaultRagTemplate } from '../rag/prompt';
import type { RetrievedChunk, SearchTimings } from '../shared/search-api';
import { catalog } from './state';

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

/** The models Chat can run here: the local pack's lab-engine LLMs. */
export const llmChoices = computed(() => (catalog.value?.parsed?.catalog.llms ?? []).filter((m) => m.engine === 'lab'));
export const pickedLlm = signal<string | null>(null);
export const selectedLlm = computed(() => llmChoices.value.find((m) => m.id === pickedLlm.value) ?? llmChoices.value[0] ?? null);

/** The LLM loaded in its worker, for the status bar. */
export const loadedLlm = signal<string | null>(null);
