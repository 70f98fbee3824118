import { describe, expect, it } from 'vitest';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { linkEntities } from '../../../src/graph/link';
import { t } from './fixtures';

const kg = KnowledgeGraph.from([
  ['a', [
    t('a', 'Tolsey Blue', 'made_at', 'dairy'),
    t('a', 'dairy', 'located_in', 'Tolsey'),
    t('a', 'cooperative seed bank', 'located_in', 'Brennock Hall'),
    t('a', 'Tractor', 'same_as', 'Fendt 208'),
    t('a', 'Tractor', 'daily_fee', '25 crowns'),
    t('a', 'the', 'r', 'is'),
    t('a', '董事会', 'chair', '安妮卡'),
  ]],
]);
const keys = (q: string) => linkEntities(kg, q).map((l) => l.key);

describe('linkEntities', () => {
  it('links exact names, longest first, without overlaps', () => {
    expect(keys('Where is Tolsey Blue made?')).toEqual(['tolsey blue']);
    expect(keys('Is the dairy in Tolsey?').sort()).toEqual(['dairy', 'tolsey']);
  });

  it('links through aliases and reports the entity name', () => {
    expect(linkEntities(kg, 'What does the Fendt 208 cost per day?')).toEqual([{ key: 'tractor', name: 'Tractor', mention: 'Fendt 208', how: 'exact' }]);
  });

  it('links the last words of a longer name when exact fails', () => {
    expect(linkEntities(kg, 'Where is the seed bank?')).toEqual([{ key: 'cooperative seed bank', name: 'cooperative seed bank', mention: 'seed bank', how: 'suffix' }]);
  });

  it('never links a lone function word or verb, even if the graph has it', () => {
    expect(keys('Where is the mill?')).toEqual([]);
  });

  it('links CJK names as substrings', () => {
    expect(keys('谁是董事会的主席？')).toEqual(['董事会']);
  });
});
