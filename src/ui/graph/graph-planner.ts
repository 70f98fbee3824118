// RoG's planner for the graph retrieval modes: the loaded LLM writes relation paths under the path grammar
// (graph/llm-plan.ts). Chat, Compare and Evaluate hand it to the retriever; without it the graph ranks its own plans.
import { defaultLlmPlanOptions, planWithLlm } from '../../graph/llm-plan';
import type { LlmEngine } from '../../llm/engine';
import type { PathPlanner } from '../../retrieval/retriever';
import type { RetrievalMode } from '../../shared/search-api';

export const isGraphMode = (mode: RetrievalMode): boolean => mode === 'graph' || mode === 'hybrid-graph';

/** A planner that asks `engine` (with its model loaded) for relation paths over the graph's labels. */
export function llmPlanner(engine: LlmEngine): PathPlanner {
  return (question, labels, signal) => planWithLlm((m, o, s) => engine.chat(m, o, s), question, labels, defaultLlmPlanOptions, signal);
}
