import { describe, expect, it } from 'vitest';
import { pathsDrawing } from '../../../src/graph/drawing';
import type { PathHop, RetrievedPath } from '../../../src/shared/search-api';

const hop = (from: string, relation: string, to: string, reverse = false): PathHop => ({
  from: from.toLowerCase(), fromName: from, to: to.toLowerCase(), toName: to, relation, reverse,
  evidence: [{ docId: 'd', docName: 'd.md', ord: 0, start: 0, end: 10, text: `${from} ${relation} ${to}`, extractor: 'pattern' }],
});
const path = (...hops: PathHop[]): RetrievedPath => ({ text: '', score: 1, end: hops.at(-1)!.toName, sources: [], hops });

describe('pathsDrawing', () => {
  it('draws each hop once, in the direction of its fact, with starts and ends marked', () => {
    const d = pathsDrawing([
      path(hop('Rent', 'paid_into', 'Seawall Fund'), hop('Seawall Fund', 'created_after', 'Storm')),
      path(hop('Rent', 'paid_into', 'Seawall Fund')),
      path(hop('Rent', 'comes_from', 'Cottage', true)),
    ]);
    expect(d.nodes).toEqual([
      { key: 'rent', name: 'Rent', role: 'start' }, { key: 'seawall fund', name: 'Seawall Fund', role: 'end' },
      { key: 'storm', name: 'Storm', role: 'end' }, { key: 'cottage', name: 'Cottage', role: 'end' },
    ]);
    expect(d.edges.map((e) => [e.source, e.relation, e.target])).toEqual([
      ['rent', 'paid_into', 'seawall fund'], ['seawall fund', 'created_after', 'storm'], ['cottage', 'comes_from', 'rent'],
    ]);
    expect(d.edges.map((e) => !!e.best)).toEqual([true, true, false]);
    expect(d.edges[0]!.id).toBe('rent\u0001paid_into\u0001seawall fund');
    expect(d.edges[1]!.evidence[0]!.text).toBe('Seawall Fund created_after Storm');
    expect(pathsDrawing([])).toEqual({ nodes: [], edges: [], truncated: false });
  });
});
