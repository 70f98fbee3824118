// Compare: one question, the four modes side by side.
import { signal } from '@preact/signals';
import type { Message } from '../i18n/i18n';
import type { GenerationOptions, Usage } from '../../shared/llm-types';
import type { EvalMode } from '../../eval/types';
import type { GraphRetrievalInfo, RetrievalMode, RetrievedChunk, SearchTimings } from '../../shared/search-api';

export interface CellState {
  status: 'idle' | 'queued' | 'retrieving' | 'loading' | 'generating' | 'done' | 'stopped' | 'failed';
  model: string | null;
  answer: string;
  /** Streamed pieces so far (tokens). */
  tokens: number;
  sources: RetrievedChunk[] | null;
  /** The retrieval mode and, in the graph modes, the reasoning paths (the prompt is RoG's when they answer: graph/prompt.ts). */
  mode: RetrievalMode | null;
  graph: GraphRetrievalInfo | null;
  usage: Usage | null;
  retrieval: SearchTimings | null;
  totalMs: number | null;
  progress: string | null;
  error: Message | null;
}

export const emptyCell: CellState = { status: 'idle', model: null, answer: '', tokens: 0, sources: null, mode: null, graph: null, usage: null, retrieval: null, totalMs: null, progress: null, error: null };

export const compareQuestion = signal('');
/** The question the cells answered (the input may have changed since). */
export const comparedQuestion = signal('');
export const cells = signal<Record<EvalMode, CellState>>({ base: emptyCell, rag: emptyCell, ft: emptyCell, 'rag-ft': emptyCell });
export const comparePickedBase = signal<string | null>(null);
export const comparePickedFineTuned = signal<string | null>(null);
/** Shared by every cell, so the comparison is fair. */
export const compareSampling = signal<GenerationOptions>({ temperature: 0, topP: 1, maxTokens: 128, seed: 42 });
export const comparing = signal(false);
