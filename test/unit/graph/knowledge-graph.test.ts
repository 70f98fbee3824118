import { describe, expect, it } from 'vitest';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { t } from './fixtures';

describe('KnowledgeGraph', () => {
  it('merges entities on their normalised key and keeps the other spellings as aliases', () => {
    const kg = KnowledgeGraph.from([
      ['a', [t('a', 'The Seawall Fund', 'created_after', 'storm of 1987')]],
      ['b', [t('b', 'rent', 'paid_into', 'seawall fund')]],
    ]);
    const key = kg.resolve('seawall fund')!;
    expect(key).toBe('seawall fund');
    expect(kg.graph.getNodeAttributes(key)).toEqual({ name: 'The Seawall Fund', aliases: ['seawall fund'] });
    expect(kg.graph.degree(key)).toBe(2);
    expect(kg.stats()).toMatchObject({ entities: 3, edges: 2, triples: 2, relations: 2 });
  });

  it('merges same_as names into the head, whichever document says so', () => {
    const kg = KnowledgeGraph.from([
      ['lending', [t('lending', 'Tractor', 'same_as', 'Fendt 208', 'table'), t('lending', 'Tractor', 'daily_fee', '25 crowns', 'table')]],
      ['compost', [t('compost', 'Fendt 208', 'located_in', 'compost yard')]],
    ]);
    expect(kg.resolve('fendt 208')).toBe('tractor');
    expect(kg.graph.outDegree('tractor')).toBe(2);
    expect(kg.graph.hasNode('fendt 208')).toBe(false);
    expect(kg.name('tractor')).toBe('Tractor');
  });

  it('stores one edge per fact with the provenance of every triple that states it', () => {
    const kg = KnowledgeGraph.from([
      ['a', [t('a', 'mill', 'located_in', 'Pellan Point')]],
      ['b', [t('b', 'the mill', 'located_in', 'pellan point')]],
    ]);
    expect(kg.graph.size).toBe(1);
    const [edge] = kg.graph.edges();
    expect(kg.provenance(edge!).map((p) => p.docId)).toEqual(['a', 'b']);
  });

  it('drops self-loops (head and tail with one key)', () => {
    const kg = KnowledgeGraph.from([['a', [t('a', 'Mill', 'named', 'the mill')]]]);
    expect(kg.graph.size).toBe(0);
  });

  it('removes a document: its edges go, entities that only it mentioned go, shared ones stay', () => {
    const kg = KnowledgeGraph.from([
      ['a', [t('a', 'rent', 'paid_into', 'seawall fund'), t('a', 'Tractor', 'same_as', 'Fendt 208')]],
      ['b', [t('b', 'seawall fund', 'created_after', 'storm'), t('b', 'Fendt 208', 'located_in', 'barn')]],
    ]);
    expect(kg.resolve('Fendt 208')).toBe('tractor');
    expect(kg.removeDocument('a')).toBe(true);
    expect(kg.resolve('rent')).toBeUndefined();
    expect(kg.resolve('seawall fund')).toBe('seawall fund');
    // The alias came from document a: without it, Fendt 208 is its own entity again.
    expect(kg.resolve('Fendt 208')).toBe('fendt 208');
    expect(kg.stats().triplesPerDoc).toEqual({ b: 2 });
    expect(kg.removeDocument('a')).toBe(false);
  });

  it('replaces a re-indexed document instead of adding to it', () => {
    const kg = KnowledgeGraph.from([['a', [t('a', 'rent', 'paid_into', 'seawall fund')]]]);
    const before = kg.version;
    kg.setDocument('a', [t('a', 'rent', 'paid_into', 'machinery fund')]);
    expect(kg.resolve('seawall fund')).toBeUndefined();
    expect(kg.hops('rent', 'paid_into').out.map((h) => h.other)).toEqual(['machinery fund']);
    expect(kg.version).toBeGreaterThan(before);
    kg.setDocument('c', [t('c', 'rent', 'sent_to', 'treasurer')]);
    expect(kg.relationsAt('rent').sort()).toEqual(['paid_into', 'sent_to']);
  });

  it('indexes hops by relation in both directions', () => {
    const kg = KnowledgeGraph.from([['a', [t('a', 'A', 'r', 'B'), t('a', 'C', 'r', 'B'), t('a', 'B', 's', 'D')]]]);
    expect(kg.hops('b', 'r').in.map((h) => h.other).sort()).toEqual(['a', 'c']);
    expect(kg.hops('b', 'r').out).toEqual([]);
    expect(kg.hops('b', 's').out.map((h) => h.other)).toEqual(['d']);
    expect(Object.fromEntries(kg.relations())).toEqual({ r: 2, s: 1 });
  });

  it('merges by embedding into the canonical, which keeps its name; a later document drops the merge', () => {
    const kg = KnowledgeGraph.from([['a', [t('a', 'old tide mill', 'located_in', 'Pellan Point'), t('a', 'Tide Mill', 'owned_by', 'cooperative')]]]);
    kg.mergeByEmbedding(new Map([['tide mill', 'old tide mill'], ['nowhere', 'old tide mill']]));
    expect(kg.resolve('Tide Mill')).toBe('old tide mill');
    expect(kg.graph.getNodeAttributes('old tide mill')).toEqual({ name: 'old tide mill', aliases: ['Tide Mill'] });
    expect(kg.relationsAt('old tide mill').sort()).toEqual(['located_in', 'owned_by']);
    expect(kg.graph.order).toBe(3);
    kg.setDocument('b', [t('b', 'rent', 'paid_into', 'seawall fund')]);
    expect(kg.resolve('tide mill')).toBe('tide mill');
  });
});
