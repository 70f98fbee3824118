// The graph retrieval pipeline of one question: link → plan → constrained search.
import type { KnowledgeGraph } from './knowledge-graph';
import { defaultLinkOptions, linkEntities, type LinkedEntity, type LinkOptions } from './link';
import { defaultPlanOptions, planRelationPaths, type Plan, type PlanOptions } from './plan';
import { defaultPathSearchOptions, followPlan, retrievePaths, type PathSearchOptions } from './search';
import type { GraphStageTimings } from '../shared/search-api';
import type { GraphPath } from './types';

/** A plan and who made it: the LLM planner, or the ranking of the graph's own relation sequences. */
export interface SourcedPlan extends Plan {
  source: 'llm' | 'ranked';
}

export interface GraphRetrieval {
  linked: LinkedEntity[];
  plans: SourcedPlan[];
  paths: GraphPath[];
  /** Per plan: whether the graph has a path that follows it exactly from a linked entity (RoG's valid plans). */
  planMatched: boolean[];
  timings: GraphStageTimings;
}

export interface GraphRetrieveOptions {
  link: LinkOptions;
  plan: PlanOptions;
  search: PathSearchOptions;
  /**
   * Relation paths an LLM planned (RoG's planning step). They are followed first; the ranked plans follow, so a
   * plan the graph cannot instantiate still leaves the question with paths.
   */
  given?: string[][];
}

export const defaultGraphRetrieveOptions: GraphRetrieveOptions = { link: defaultLinkOptions, plan: defaultPlanOptions, search: defaultPathSearchOptions };

/** Reasoning paths for a question; empty when no entity of the question is in the graph. */
export function graphRetrieve(kg: KnowledgeGraph, question: string, options: GraphRetrieveOptions = defaultGraphRetrieveOptions): GraphRetrieval {
  const t0 = performance.now();
  const linked = linkEntities(kg, question, options.link);
  const t1 = performance.now();
  const starts = linked.map((l) => l.key);
  const given = starts.length ? (options.given ?? []).filter((r) => r.length > 0) : [];
  const seen = new Set(given.map((r) => r.join('\u0001')));
  const ranked = starts.length ? planRelationPaths(kg, starts, question, options.plan) : [];
  // An LLM plan outranks every ranked one (their scores are at most 1), in the order the model wrote them.
  const plans: SourcedPlan[] = [
    ...given.map((relations, i) => ({ relations, score: 1.5 - i * 0.01, source: 'llm' as const })),
    ...ranked.filter((p) => !seen.has(p.relations.join('\u0001'))).map((p) => ({ ...p, source: 'ranked' as const })),
  ];
  const t2 = performance.now();
  const paths = plans.length ? retrievePaths(kg, question, starts, plans, options.search) : [];
  const planMatched = plans.map((p) => starts.some((s) => followPlan(kg, s, p.relations, 1).length > 0));
  const t3 = performance.now();
  return { linked, plans, paths, planMatched, timings: { linkMs: t1 - t0, planMs: t2 - t1, searchMs: t3 - t2 } };
}

/**
 * The relation labels an LLM planner may use: those on edges within `maxHops` of the entities the question names
 * (a label farther away could not be followed from them). At most `maxNodes` entities are visited.
 */
export function planLabels(kg: KnowledgeGraph, question: string, maxHops: number, link?: GraphRetrieveOptions['link'], maxNodes = 5000): { linked: LinkedEntity[]; labels: string[] } {
  const linked = linkEntities(kg, question, link);
  const labels = new Set<string>();
  let frontier = linked.map((l) => l.key);
  const seen = new Set(frontier);
  for (let hop = 0; hop < maxHops && frontier.length; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const r of kg.relationsAt(node)) {
        labels.add(r);
        const { out, in: inn } = kg.hops(node, r);
        for (const h of [...out, ...inn]) {
          if (seen.has(h.other) || seen.size >= maxNodes) continue;
          seen.add(h.other);
          next.push(h.other);
        }
      }
    }
    frontier = next;
  }
  return { linked, labels: [...labels].sort() };
}
