// The graph retrieval pipeline of one question: link → plan → constrained search.
import type { KnowledgeGraph } from './knowledge-graph';
import { linkEntities, type LinkedEntity } from './link';
import { defaultPlanOptions, planRelationPaths, type Plan, type PlanOptions } from './plan';
import { defaultPathSearchOptions, followPlan, retrievePaths, type PathSearchOptions } from './search';
import type { GraphStageTimings } from '../shared/search-api';
import type { GraphPath } from './types';

export interface GraphRetrieval {
  linked: LinkedEntity[];
  plans: Plan[];
  paths: GraphPath[];
  /** Per plan: whether the graph has a path that follows it exactly from a linked entity (RoG's valid plans). */
  planMatched: boolean[];
  timings: GraphStageTimings;
}

export interface GraphRetrieveOptions {
  plan: PlanOptions;
  search: PathSearchOptions;
}

export const defaultGraphRetrieveOptions: GraphRetrieveOptions = { plan: defaultPlanOptions, search: defaultPathSearchOptions };

/** Reasoning paths for a question; empty when no entity of the question is in the graph. */
export function graphRetrieve(kg: KnowledgeGraph, question: string, options: GraphRetrieveOptions = defaultGraphRetrieveOptions): GraphRetrieval {
  const t0 = performance.now();
  const linked = linkEntities(kg, question);
  const t1 = performance.now();
  const starts = linked.map((l) => l.key);
  const plans = starts.length ? planRelationPaths(kg, starts, question, options.plan) : [];
  const t2 = performance.now();
  const paths = plans.length ? retrievePaths(kg, question, starts, plans, options.search) : [];
  const planMatched = plans.map((p) => starts.some((s) => followPlan(kg, s, p.relations, 1).length > 0));
  const t3 = performance.now();
  return { linked, plans, paths, planMatched, timings: { linkMs: t1 - t0, planMs: t2 - t1, searchMs: t3 - t2 } };
}
