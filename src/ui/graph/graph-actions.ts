// Graph view actions: the search worker holds the knowledge graph (it is built
// there from the stored triples), so every question goes to it, after a sync.
import { pathsDrawing } from '../../graph/drawing';
import type { Services } from '../actions';
import { entityMatches, graphOverview, selectedEdge, shown } from './graph-state';
import { messageOf } from '../i18n/i18n';

/** Edges drawn around one entity: more makes an unreadable hairball on a phone. */
export const maxNeighbourhoodEdges = 40;

export async function loadGraphOverview(services: Services): Promise<void> {
  if (graphOverview.value.state !== 'done') graphOverview.value = { state: 'loading' };
  try {
    await services.retriever.ready();
    graphOverview.value = { state: 'done', value: await services.search.graphOverview() };
  } catch (e) {
    graphOverview.value = { state: 'failed', message: messageOf(e) };
  }
}

export async function findEntities(services: Services, text: string): Promise<void> {
  if (!text.trim()) return;
  try {
    await services.retriever.ready();
    entityMatches.value = { text, matches: await services.search.findEntities(text, 12) };
  } catch (e) {
    entityMatches.value = null;
    shown.value = { state: 'failed', message: messageOf(e) };
  }
}

export async function showNeighbourhood(services: Services, key: string, name: string): Promise<void> {
  shown.value = { state: 'loading' };
  selectedEdge.value = null;
  try {
    await services.retriever.ready();
    shown.value = { state: 'done', value: { kind: 'neighbourhood', name, drawing: await services.search.neighbourhood(key, maxNeighbourhoodEdges) } };
  } catch (e) {
    shown.value = { state: 'failed', message: messageOf(e) };
  }
}

/** The paths "Graph (RoG)" retrieval finds for a question, through the one retrieval API. */
export async function showPaths(services: Services, question: string): Promise<void> {
  if (!question.trim()) return;
  shown.value = { state: 'loading' };
  selectedEdge.value = null;
  try {
    const r = await services.retriever.retrieve({ query: question, k: 5, mode: 'graph' });
    const graph = r.graph ?? { linked: [], paths: [], baseline: null, entities: 0, edges: 0 };
    shown.value = { state: 'done', value: { kind: 'paths', question, drawing: pathsDrawing(graph.paths), graph } };
  } catch (e) {
    shown.value = { state: 'failed', message: messageOf(e) };
  }
}

export function selectEdge(id: string | null): void {
  selectedEdge.value = id;
}
