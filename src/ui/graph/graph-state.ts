// Reactive state of the Graph view. Written only by ui/graph/graph-actions.ts and ui/graph/graph-extract-actions.ts.
import { computed, signal } from '@preact/signals';
import { defaultLlmExtractOptions } from '../../graph/llm-extract';
import { planExtraction, type ExtractionCandidate, type ExtractionProgress, type ExtractionSummary } from '../../graph/llm-extract-job';
import { selectedLlm } from '../chat/chat-state';
import { libraryDocs } from '../library/library-state';
import { selectedEmbedder } from '../state';
import type { EntityMatch, GraphDrawing, GraphOverview, GraphRetrievalInfo } from '../../shared/search-api';
import type { Message } from '../i18n/i18n';

export type Loadable<T> = { state: 'idle' } | { state: 'loading' } | { state: 'done'; value: T } | { state: 'failed'; message: Message };

export const graphOverview = signal<Loadable<GraphOverview>>({ state: 'idle' });
/** Entities found by the entity search; null before a search. */
export const entityMatches = signal<{ text: string; matches: EntityMatch[] } | null>(null);

/** What the canvas shows: an entity's neighbourhood, or the paths retrieved for a question. */
export type Shown =
  | { kind: 'neighbourhood'; name: string; drawing: GraphDrawing }
  | { kind: 'paths'; question: string; drawing: GraphDrawing; graph: GraphRetrievalInfo };
export const shown = signal<Loadable<Shown>>({ state: 'idle' });
/** The edge whose sentences are shown (its id in the drawing). */
export const selectedEdge = signal<string | null>(null);

/** The LLM extraction job (ui/graph/graph-extract-actions.ts): loading the model, reading documents, and how it ended. */
export type ExtractionState =
  | { state: 'idle' }
  | { state: 'loading'; model: string; text: string | null; elapsedMs: number }
  | { state: 'running'; model: string; progress: ExtractionProgress; elapsedMs: number }
  | { state: 'done'; model: string; summary: ExtractionSummary; elapsedMs: number }
  /** `stored`: documents whose triples were stored before the failure (they stay). */
  | { state: 'failed'; message: Message; stored: number };
export const extraction = signal<ExtractionState>({ state: 'idle' });
/** While it loads or reads, the LLM is the job's: Chat waits (one engine cannot serve two generations). */
export const extractionRunning = computed(() => extraction.value.state === 'loading' || extraction.value.state === 'running');

export interface ExtractionForm {
  /** `all`, or one document's id. */
  scope: string;
  /** Read again documents that this model already read. */
  redo: boolean;
  /** The longest extraction per chunk, in tokens. */
  maxTokens: number;
}
export const extractionForm = signal<ExtractionForm>({ scope: 'all', redo: false, maxTokens: defaultLlmExtractOptions.maxTokens });

/** The searchable documents (indexed with the current embedder: the graph holds only theirs), with the LLM that read each. */
export const extractionCandidates = computed<ExtractionCandidate[]>(() => {
  const o = graphOverview.value;
  const read = new Map(o.state === 'done' ? o.value.documents.flatMap((d) => (d.llmModel ? [[d.docId, d.llmModel] as const] : [])) : []);
  const embedder = selectedEmbedder.value?.entry.id;
  return libraryDocs.value.filter((d) => d.embedderId === embedder).map((d) => ({ docId: d.id, name: d.name, chunkCount: d.chunkCount, llmModel: read.get(d.id) }));
});

/** The form's document, or `all` when it names none of the candidates (deleted, or re-indexed with another embedder). */
export const extractionScope = computed(() => {
  const { scope } = extractionForm.value;
  return extractionCandidates.value.some((d) => d.docId === scope) ? scope : 'all';
});

/** What Start would read with the LLM chosen in Chat: the documents to read, and those it already read (skipped). */
export const extractionPlan = computed(() => {
  const scope = extractionScope.value;
  const docs = extractionCandidates.value.filter((d) => scope === 'all' || d.docId === scope);
  return planExtraction(docs, selectedLlm.value?.id ?? '', extractionForm.value.redo);
});
