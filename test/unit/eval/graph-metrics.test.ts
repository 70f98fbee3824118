import { describe, expect, it } from 'vitest';
import { metrics, summarize } from '../../../src/eval/aggregate';
import { answerList, answerListF1, answerReachable, graphScores } from '../../../src/eval/graph-metrics';
import { scoreItem } from '../../../src/eval/score';
import type { QaItem } from '../../../src/eval/types';
import type { GraphRetrievalInfo, PathHop } from '../../../src/shared/search-api';

const hop = (fromName: string, relation: string, toName: string): PathHop => ({ from: fromName.toLowerCase(), fromName, to: toName.toLowerCase(), toName, relation, reverse: false, evidence: [] });
const graph: GraphRetrievalInfo = {
  linked: ['rent'], baseline: 'seawall fund', entities: 10, edges: 9,
  paths: [
    { text: 'rent → paid_into → seawall fund', score: 1, end: 'seawall fund', sources: [], hops: [hop('rent', 'paid_into', 'seawall fund')] },
    { text: 'rent → paid_into → seawall fund → created_after → storm of February 1987', score: 0.9, end: 'storm of February 1987', sources: [], hops: [hop('rent', 'paid_into', 'seawall fund'), hop('seawall fund', 'created_after', 'storm of February 1987')] },
  ],
  plans: [{ relations: ['paid_into', 'created_after'], matched: true }, { relations: ['owned_by'], matched: false }],
};

describe('RoG metrics', () => {
  it('reads the output as a list of answers, one per line, without markers or citations', () => {
    expect(answerList('- the storm [2]\n2. the flood\n\n')).toEqual(['the storm', 'the flood']);
    expect(answerList('The storm.')).toEqual(['The storm.']);
  });

  it('answer-list F1: the share of listed answers that are right, against one gold answer', () => {
    expect(answerListF1('the storm', ['storm'])).toBe(1);
    expect(answerListF1('the storm\nthe flood', ['storm'])).toBeCloseTo(2 / 3, 6);
    expect(answerListF1('the flood', ['storm'])).toBe(0);
    expect(answerListF1('', ['storm'])).toBe(0);
  });

  it('an answer is reachable when a path reaches an entity that names it', () => {
    expect(answerReachable(graph, ['storm'])).toBe(true);
    expect(answerReachable(graph, ['harbour board'])).toBe(false);
  });

  it('scores an item: Hit, F1, plan match, reachability, the baseline', () => {
    expect(graphScores('The storm of February 1987 [2]', ['storm'], graph)).toEqual({ rogHit: 1, rogF1: 1, planMatch: 0.5, reachable: 1, baselineHit: 0, graphLinkMs: null, graphPlanMs: null, graphSearchMs: null });
    expect(graphScores('x', [], graph)).toEqual({ rogHit: null, rogF1: null, planMatch: 0.5, reachable: null, baselineHit: null, graphLinkMs: null, graphPlanMs: null, graphSearchMs: null });
    expect(graphScores('x', ['storm'], { ...graph, plans: [] }).planMatch).toBeNull();
  });

  it('with an LLM planner: plan match counts the model\'s plans only, and the planning time includes its generation', () => {
    const planned: GraphRetrievalInfo = {
      ...graph,
      plans: [
        { relations: ['paid_into'], matched: false, source: 'llm' },
        { relations: ['paid_into', 'created_after'], matched: true, source: 'llm' },
        { relations: ['owned_by'], matched: true, source: 'ranked' },
        { relations: ['comes_from'], matched: true, source: 'ranked' },
      ],
      llmPlan: { text: '<PATH>paid_into</PATH>', ms: 40 },
      stages: { linkMs: 0.5, planMs: 1.5, searchMs: 2.5 },
    };
    expect(graphScores('x', ['storm'], planned)).toMatchObject({ planMatch: 0.5, graphPlanMs: 41.5 });
  });

  it('carries the time of each retrieval stage, for unanswerable items too, and aggregates each as its median', () => {
    const timed = (linkMs: number, planMs: number, searchMs: number) => graphScores('x', [], { ...graph, stages: { linkMs, planMs, searchMs } });
    expect(timed(0.5, 1.5, 2.5)).toMatchObject({ graphLinkMs: 0.5, graphPlanMs: 1.5, graphSearchMs: 2.5 });
    const item: QaItem = { id: 'm1', question: 'q', answer: 'storm', split: 'test' };
    const times = [[1, 10, 0.1], [2, 20, 0.2], [3, 90, 0.9]].map(([l, p, s]) =>
      scoreItem(item, { output: 'storm', sourceDocs: ['history.md'], usage: null, totalMs: 10, retrievalMs: 4 * l!, generationMs: 100 * l!, graph: { ...graph, stages: { linkMs: l!, planMs: p!, searchMs: s! } } }));
    const summary = summarize([...times, scoreItem(item, { output: 'storm', sourceDocs: ['history.md'], usage: null, totalMs: 10 })], 1, 50);
    // p50, not the mean (plan: the mean would be 40); the result without timings is left out.
    expect(summary.graphLinkP50).toMatchObject({ value: 2, n: 3 });
    expect(summary.graphPlanP50).toMatchObject({ value: 20, n: 3 });
    expect(summary.graphSearchP50!.value).toBeCloseTo(0.2, 10);
    expect(summary.retrievalP50).toMatchObject({ value: 8, n: 3 });
    expect(summary.generationP50).toMatchObject({ value: 200, n: 3 });
    expect(summary.graphPlanP50!.low).toBeGreaterThanOrEqual(10);
    expect(summary.graphPlanP50!.high).toBeLessThanOrEqual(90);
  });

  it('are part of an item\'s scores only in the graph modes, and aggregate past results that lack them', () => {
    const item: QaItem = { id: 'm1', question: 'q', answer: 'storm', split: 'test' };
    const withGraph = scoreItem(item, { output: 'storm', sourceDocs: ['history.md'], usage: null, totalMs: 10, graph });
    const without = scoreItem(item, { output: 'storm', sourceDocs: ['history.md'], usage: null, totalMs: 10 });
    expect(withGraph.rogHit).toBe(1);
    expect('rogHit' in without).toBe(false);
    const summary = summarize([withGraph, without], 1, 50);
    expect(summary.rogHit!.value).toBe(1);
    expect(summary.rogHit!.n).toBe(1);
    expect(metrics.map((m) => m.id)).toEqual(expect.arrayContaining(['rogHit', 'rogF1', 'planMatch', 'reachable', 'baselineHit']));
  });
});
