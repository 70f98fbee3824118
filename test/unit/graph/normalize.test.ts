import { describe, expect, it } from 'vitest';
import { entityKey, parenthetical, relationLabel } from '../../../src/graph/normalize';

describe('entityKey', () => {
  it('merges case, articles, punctuation, possessives and full-width forms', () => {
    const key = entityKey('seawall fund');
    for (const variant of ['The Seawall Fund', 'the seawall-fund', 'ＳＥＡＷＡＬＬ　Ｆｕｎｄ', 'A  seawall, fund.']) expect(entityKey(variant), variant).toBe(key);
    expect(entityKey("the cooperative's mill")).toBe('cooperative mill');
    expect(entityKey("Skerrow Island Growers' Cooperative")).toBe('skerrow island grower cooperative');
  });

  it('folds English plurals onto the singular, but not words that only end in s', () => {
    expect(entityKey('the compost windrows')).toBe(entityKey('compost windrow'));
    expect(entityKey('Tolsey fields')).toBe('tolsey field');
    expect(entityKey('glass bus status this')).toBe('glass bus status this');
  });

  it('keeps different names apart', () => {
    expect(entityKey('Tolsey')).not.toBe(entityKey('Tolsey Blue'));
    expect(entityKey('theatre')).toBe('theatre');
  });

  it('works for CJK: NFKC folds full-width punctuation and no space splits a name', () => {
    expect(entityKey('董事会')).toBe('董事会');
    expect(entityKey('「董事 会」')).toBe(entityKey('董事会'));
    expect(entityKey('ｶﾀｶﾅ')).toBe(entityKey('カタカナ'));
  });
});

describe('relationLabel', () => {
  it('snake-cases free labels and maps synonyms onto the vocabulary', () => {
    expect(relationLabel('Daily fee')).toBe('daily_fee');
    expect(relationLabel('chairwoman of')).toBe('chair_of');
    expect(relationLabel('Located at')).toBe('located_in');
    expect(relationLabel('Cost')).toBe('price');
    expect(relationLabel('位于')).toBe('located_in');
    expect(relationLabel('treasurer of')).toBe('treasurer_of');
  });
});

describe('parenthetical', () => {
  it('splits a name from the names in brackets', () => {
    expect(parenthetical('Tractor (Fendt 208)')).toEqual({ base: 'Tractor', aliases: ['Fendt 208'] });
    expect(parenthetical('Seed drill')).toEqual({ base: 'Seed drill', aliases: [] });
    expect(parenthetical('拖拉机（芬特）')).toEqual({ base: '拖拉机', aliases: ['芬特'] });
  });
});
