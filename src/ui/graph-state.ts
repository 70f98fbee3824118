// Reactive state of the Graph view. Written only by ui/graph-actions.ts.
import { signal } from '@preact/signals';
import type { EntityMatch, GraphDrawing, GraphOverview, GraphRetrievalInfo } from '../shared/search-api';
import type { Message } from './i18n/i18n';

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
