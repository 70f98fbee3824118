// RoG's measures for runs in the graph retrieval modes (docs/evaluate.md):
// Hit and answer-list F1 of the output (Luo et al.'s evaluation: the output is a
// list of answers, one per line), the share of plans that the graph instantiates,
// whether the retrieved paths reach the answer, Hit of RoG's no-LLM baseline, and
// the time of each retrieval stage (link, plan, path search).
import type { GraphRetrievalInfo } from '../shared/search-api';
import { containsAnswer, extractAnswer } from './metrics';

/** The output as a list of answers: one per line, list markers and citations removed. */
export function answerList(output: string): string[] {
  return extractAnswer(output).split(/\r?\n/).map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim()).filter(Boolean);
}

/**
 * Answer-list F1: precision is the share of listed answers that name the gold answer (or an alias), recall whether
 * any does (one gold answer per item; aliases are spellings of it, not more answers). 0 for an empty list.
 */
export function answerListF1(output: string, golds: string[]): number {
  const list = answerList(output);
  const right = list.filter((a) => containsAnswer(a, golds)).length;
  if (!right) return 0;
  const precision = right / list.length;
  return (2 * precision * 1) / (precision + 1);
}

/** Whether a retrieved path reaches an entity that names the answer (its key holds the answer's, as whole words). */
export function answerReachable(graph: GraphRetrievalInfo, golds: string[]): boolean {
  return graph.paths.some((p) => p.hops.some((h) => containsAnswer(h.toName, golds)));
}

export interface GraphItemScores {
  rogHit: number | null;
  rogF1: number | null;
  planMatch: number | null;
  reachable: number | null;
  baselineHit: number | null;
  graphLinkMs: number | null;
  graphPlanMs: number | null;
  graphSearchMs: number | null;
}

/**
 * RoG's per-item scores; those that judge an answer are null when the item has no gold answer, plan match null when
 * nothing was planned, the stage times null when the retrieval did not report them. With an LLM planner, plan match
 * counts the model's plans and the planning time includes its generation.
 */
export function graphScores(output: string, golds: string[], graph: GraphRetrievalInfo): GraphItemScores {
  const answerable = golds.length > 0;
  const bit = (b: boolean) => (b ? 1 : 0);
  // RoG's measure is about the planner's plans: with an LLM planner, its plans only (the ranked ones follow them).
  const all = graph.plans ?? [];
  const plans = all.some((p) => p.source === 'llm') ? all.filter((p) => p.source === 'llm') : all;
  return {
    rogHit: answerable ? bit(answerList(output).some((a) => containsAnswer(a, golds))) : null,
    rogF1: answerable ? answerListF1(output, golds) : null,
    planMatch: plans.length ? plans.filter((p) => p.matched).length / plans.length : null,
    reachable: answerable ? bit(answerReachable(graph, golds)) : null,
    baselineHit: answerable ? bit(!!graph.baseline && containsAnswer(graph.baseline, golds)) : null,
    graphLinkMs: graph.stages?.linkMs ?? null,
    // The LLM's planning (when it ran) is part of the planning stage.
    graphPlanMs: graph.stages ? graph.stages.planMs + (graph.llmPlan?.ms ?? 0) : graph.llmPlan?.ms ?? null,
    graphSearchMs: graph.stages?.searchMs ?? null,
  };
}
