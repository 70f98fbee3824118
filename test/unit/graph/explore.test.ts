import { describe, expect, it } from 'vitest';
import { findEntities, neighbourhood, relationCounts } from '../../../src/graph/explore';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { t } from './fixtures';

const kg = KnowledgeGraph.from([
  ['a', [t('a', 'Lighthouse Cottage', 'owned_by', 'Cooperative'), t('a', 'rent', 'comes_from', 'Lighthouse Cottage'), t('a', 'Lighthouse Tower', 'owned_by', 'Harbour Board')]],
  ['b', [t('b', 'Lighthouse Cottage', 'owned_by', 'Cooperative'), t('b', 'Lighthouse Cottage', 'mentioned_with', 'Gull'), t('b', 'Cottage', 'located_in', 'Pellan Point')]],
]);

describe('graph exploration', () => {
  it('finds entities by name: a whole match, then the start of a name, then anywhere, better connected first', () => {
    expect(findEntities(kg, 'cottage', 10).map((e) => e.name)).toEqual(['Cottage', 'Lighthouse Cottage']);
    expect(findEntities(kg, 'Lighthouse', 10).map((e) => e.name)).toEqual(['Lighthouse Cottage', 'Lighthouse Tower']);
    expect(findEntities(kg, 'the LIGHTHOUSE cottage', 10)[0]).toMatchObject({ key: 'lighthouse cottage', degree: 3 });
    expect(findEntities(kg, 'light', 1)).toHaveLength(1);
    expect(findEntities(kg, '  ', 5)).toEqual([]);
  });

  it('draws a neighbourhood: edges in both directions with their provenance, weak ones last, capped', () => {
    const n = neighbourhood(kg, 'lighthouse cottage', 10);
    expect(n.nodes.map((x) => x.name).sort()).toEqual(['Cooperative', 'Gull', 'Lighthouse Cottage', 'rent']);
    expect(n.edges.map((e) => e.relation)).toEqual(['owned_by', 'comes_from', 'mentioned_with']);
    // The edge stated in two documents keeps both triples' provenance.
    expect(n.edges[0]!.prov.map((p) => p.docId)).toEqual(['a', 'b']);
    expect(n.edges[1]).toMatchObject({ source: 'rent', target: 'lighthouse cottage' });
    expect(n.truncated).toBe(false);
    const capped = neighbourhood(kg, 'lighthouse cottage', 1);
    expect(capped.edges).toHaveLength(1);
    expect(capped.nodes).toHaveLength(2);
    expect(capped.truncated).toBe(true);
    expect(neighbourhood(kg, 'nowhere', 5)).toEqual({ nodes: [], edges: [], truncated: false });
  });

  it('counts relation labels, most used first', () => {
    expect(relationCounts(kg)).toEqual([
      { label: 'owned_by', edges: 2 }, { label: 'comes_from', edges: 1 }, { label: 'located_in', edges: 1 }, { label: 'mentioned_with', edges: 1 },
    ]);
  });
});
