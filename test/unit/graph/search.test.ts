import { describe, expect, it } from 'vitest';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { followPlan, retrievePaths } from '../../../src/graph/search';
import { t } from './fixtures';

const kg = KnowledgeGraph.from([
  ['a', [
    t('a', 'rent', 'comes_from', 'cottage'),
    t('a', 'rent', 'paid_into', 'seawall fund'),
    t('a', 'seawall fund', 'created_after', 'storm of 1987'),
    t('a', 'Midwinter Lamps', 'commemorates', 'storm of 1987'),
    t('a', 'cottage', 'owned_by', 'cooperative'),
  ]],
]);

describe('followPlan', () => {
  it('follows edges in both directions and marks reverse hops', () => {
    const [p] = followPlan(kg, 'cottage', ['comes_from', 'paid_into'], 10);
    expect(p!.steps.map((s) => [s.relation, s.reverse, s.toName])).toEqual([['comes_from', true, 'rent'], ['paid_into', false, 'seawall fund']]);
    expect(p!.steps[0]!.prov[0]!.docId).toBe('a');
  });

  it('follows only the plan\'s relations, in order', () => {
    expect(followPlan(kg, 'cottage', ['paid_into'], 10)).toEqual([]);
    expect(followPlan(kg, 'seawall fund', ['created_after', 'commemorates'], 10).map((p) => p.steps[1]!.toName)).toEqual(['Midwinter Lamps']);
  });

  it('caps the paths of a plan and never revisits a node', () => {
    const hub = KnowledgeGraph.from([['h', Array.from({ length: 20 }, (_, i) => t('h', 'hub', 'r', `leaf ${i}`))]]);
    expect(followPlan(hub, 'hub', ['r'], 5)).toHaveLength(5);
    // hub → leaf → (back to hub is a revisit): no 2-hop path.
    expect(followPlan(hub, 'hub', ['r', 'r'], 50)).toEqual([]);
  });
});

describe('retrievePaths', () => {
  it('relaxes a plan that finds nothing by dropping its last hop', () => {
    const paths = retrievePaths(kg, 'q', ['cottage'], [{ relations: ['comes_from', 'no_such_relation'], score: 1 }], { capPerPlan: 10, keep: 5 });
    expect(paths.map((p) => p.steps.map((s) => s.relation))).toEqual([['comes_from']]);
    expect(paths[0]!.plan).toEqual(['comes_from']);
  });

  it('removes duplicates found by several plans or starts and keeps the best N', () => {
    const plans = [{ relations: ['paid_into'], score: 0.5 }, { relations: ['paid_into'], score: 0.9 }, { relations: ['comes_from'], score: 0.2 }];
    const paths = retrievePaths(kg, 'q', ['rent'], plans, { capPerPlan: 10, keep: 10 });
    expect(paths.map((p) => p.steps[0]!.to)).toEqual(['seawall fund', 'cottage']);
    expect(paths[0]!.score).toBeCloseTo(0.9, 6);
    expect(retrievePaths(kg, 'q', ['rent'], plans, { capPerPlan: 10, keep: 1 })).toHaveLength(1);
  });

  it('ranks paths whose entities and evidence share the question\'s words higher', () => {
    const plans = [{ relations: ['comes_from', 'owned_by'], score: 0.5 }, { relations: ['paid_into', 'created_after'], score: 0.5 }];
    const paths = retrievePaths(kg, 'Which storm is the fund of the rent named after?', ['rent'], plans, { capPerPlan: 10, keep: 5 });
    expect(paths[0]!.steps.at(-1)!.to).toBe('storm of 1987');
    // Evidence sentences count too: with them the other path wins.
    const evidence = (prov: { start: number }) => (kg.provenance('cottage\u0001owned_by\u0001cooperative')[0]!.start === prov.start ? 'which storm is the fund of the rent named after' : '');
    const withEvidence = retrievePaths(kg, 'Which storm is the fund of the rent named after?', ['rent'], plans, { capPerPlan: 10, keep: 5, evidence: evidence as never });
    expect(withEvidence[0]!.steps.at(-1)!.to).toBe('cooperative');
  });

  it('ranks a path that joins two things only by their kind (X is_a village, Y is_a village) below one that relates them', () => {
    const villages = KnowledgeGraph.from([['v', [t('v', 'Wetheral', 'is_a', 'village'), t('v', 'Felby', 'is_a', 'village'), t('v', 'Wetheral', 'part_of', 'Eden parish')]]]);
    const plans = [{ relations: ['is_a', 'is_a'], score: 0.6 }, { relations: ['part_of'], score: 0.5 }];
    const paths = retrievePaths(villages, 'q', ['wetheral'], plans, { capPerPlan: 10, keep: 5 });
    expect(paths.map((p) => p.steps.at(-1)!.toName)).toEqual(['Eden parish', 'Felby']);
  });

  it('ranks a path that ends on an entity of the question below one that reaches something new', () => {
    const plans = [{ relations: ['paid_into'], score: 0.5 }, { relations: ['comes_from'], score: 0.5 }];
    const paths = retrievePaths(kg, 'q', ['rent', 'cottage'], plans, { capPerPlan: 10, keep: 5 });
    // Without the penalty the tie would go to "cottage ← comes_from ← rent" (shorter signature first).
    expect(paths[0]!.steps.at(-1)!.to).toBe('seawall fund');
    expect(paths.slice(1).every((p) => ['rent', 'cottage'].includes(p.steps.at(-1)!.to))).toBe(true);
  });
});
