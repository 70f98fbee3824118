// The LLM extractor's candidate names per chunk (the grammar's heads and tails) and its parsing and grounding.
import { describe, expect, it } from 'vitest';
import { extractTriples } from '../../../src/graph/extract';
import { cjkNames, extractionMessages, extractionUnits, groundTriples, parseTripleLines, wellFormedLabel } from '../../../src/graph/llm-extract';
import { loadTagger } from '../../../src/graph/verbs';

// The extractor and the scorer need compromise (graph/verbs.ts), which loads on first use.
await loadTagger();

describe('LLM extractor: candidate names', () => {
  it('Chinese: names from word runs and the rules, never a whole clause or a run across a particle', () => {
    const text = '安妮卡是董事会的主席。水库位于托尔西。合作社的仓库管理员是托马斯，他每周一检查种子库。';
    const doc = { docId: 'z', text, chunks: [{ start: 0, end: text.length }] };
    const names = extractionUnits(doc, extractTriples(doc))[0]!.mentions;
    expect(names).toEqual(expect.arrayContaining(['安妮卡', '董事会', '水库', '托尔西', '合作社', '仓库管理员', '托马斯', '种子库']));
    expect(names).not.toContain('安妮卡是董事会的主席');
    for (const n of names) expect(n, n).not.toMatch(/[是的他]|位于/);
    expect(cjkNames('水库位于托尔西')).toEqual(['水库', '托尔', '托尔西', '尔西']);
  });

  it('English: the mentions of each sentence', () => {
    const text = 'The reservoir belongs to the cooperative. The dairy at the harbour sells cheese.';
    const names = extractionUnits({ docId: 'e', text, chunks: [{ start: 0, end: text.length }] })[0]!.mentions;
    expect(names).toEqual(expect.arrayContaining(['reservoir', 'cooperative', 'dairy', 'harbour', 'cheese']));
  });

  it('keeps only lines whose head and tail are in the chunk, with the sentence that holds both as evidence', () => {
    const text = 'Intro line.\nThe reservoir belongs to the cooperative. The dairy sells cheese.';
    const unit = extractionUnits({ docId: 'e', text, chunks: [{ start: 12, end: text.length }] })[0]!;
    const lines = parseTripleLines('reservoir | owned_by | cooperative\nIntro | is_a | reservoir\ndairy | sells | dairy\nbroken line\n');
    const triples = groundTriples(unit, text, lines, 'm');
    expect(triples.map((t) => [t.head, t.relation, t.tail])).toEqual([['reservoir', 'owned_by', 'cooperative']]);
    expect(text.slice(triples[0]!.prov.start, triples[0]!.prov.end)).toBe('The reservoir belongs to the cooperative.');
    expect(triples[0]!.prov).toMatchObject({ extractor: 'llm', model: 'm', chunk: 0 });
  });

  it('drops a malformed label and a fact whose names share no sentence, and counts them', () => {
    const text = 'Teodric Vane rings the bell. Lindmoor is far away.';
    const unit = extractionUnits({ docId: 'e', text, chunks: [{ start: 0, end: text.length }] })[0]!;
    const lines = parseTripleLines('Teodric Vane | whenjjjjjjjjjjjjjjjjjjjjjjjjjjjjj | bell\nTeodric Vane | born_in | Lindmoor\nTeodric Vane | ring | bell\n');
    expect(groundTriples(unit, text, lines, 'm').map((t) => t.relation)).toEqual(['ring']);
    for (const bad of ['whenjjjjjjjj', 'xq', 'a_b_c_d', 'zzz_top']) expect(wellFormedLabel(bad), bad).toBe(false);
    for (const good of ['born_in', 'ring', 'located_in', 'built_by']) expect(wellFormedLabel(good), good).toBe(true);
  });

  it('asks in the chunk\'s language, with the same English relation labels', () => {
    const zh = extractionMessages({ docId: 'z', chunk: 0, start: 0, end: 9, text: '水库位于托尔西。', mentions: ['水库', '托尔西'] });
    expect(zh[0]!.content).toContain('每行写一条事实');
    expect(zh[0]!.content).toContain('located_in');
    expect(zh[1]!.content).toContain('文中的名称：水库；托尔西');
    const en = extractionMessages({ docId: 'e', chunk: 0, start: 0, end: 9, text: 'The dairy.', mentions: ['dairy'] });
    expect(en[0]!.content).toMatch(/^You extract facts/);
  });
});
