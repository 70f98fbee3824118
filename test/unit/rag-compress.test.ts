// Extractive source compression (src/rag/compress.ts): what a model with a source budget (the built-in reader) reads.
import { describe, expect, it } from 'vitest';
import { compressSources } from '../../src/rag/compress';
import { buildRagMessages, defaultRagTemplate, quoteConstraint } from '../../src/rag/prompt';
import { sourceBudgetOf } from '../../src/llm/reference/config';
import { raftExample } from '../../src/finetune/datasets';
import type { RetrievedChunk } from '../../src/shared/search-api';

const chunk = (docName: string, text: string): RetrievedChunk => ({ docId: docName, docName, ord: 0, text, headingPath: [], start: 0, end: text.length, score: 1, scores: {} });

const kelp = chunk('kelp.md', 'Pellan is a small harbour. The kelp harvest season runs from 1 May to 15 August. Boats leave at dawn. The drying sheds stand on the quay.');
const honey = chunk('honey.md', 'The heather honey is sold in June. The season for heather is short. Bees are kept on the moor.');

describe('compressSources', () => {
  it('keeps, in reading order, the sentences sharing the rarest words with the question', () => {
    const [k, h] = compressSources([kelp, honey], 'When does the kelp harvest season run?', 1);
    expect(k!.text).toBe('The kelp harvest season runs from 1 May to 15 August.');
    // "season" is in both; "heather" and "honey" are not asked: the honey chunk keeps its "season" sentence.
    expect(h!.text).toBe('The season for heather is short.');
    const [two] = compressSources([kelp], 'When do boats leave for the kelp harvest?', 2);
    expect(two!.text).toBe('The kelp harvest season runs from 1 May to 15 August. Boats leave at dawn.');
    // Everything else about the chunk is kept: its citation number, document and place.
    expect({ ...two, text: '' }).toEqual({ ...kelp, text: '' });
  });

  it('leaves short chunks whole, and joins Chinese sentences as written', () => {
    expect(compressSources([honey], 'honey', 3)[0]).toBe(honey);
    const zh = chunk('岚溪.md', '岚溪天文台成立于1968年。岚溪天文台的主任是贺思琪。天文台对外开放。');
    expect(compressSources([zh], '岚溪天文台的主任是谁？', 2)[0]!.text).toBe('岚溪天文台成立于1968年。岚溪天文台的主任是贺思琪。');
  });

  it('always keeps a quoted sentence, whatever the question shares', () => {
    expect(compressSources([kelp], 'When does the kelp harvest season run?', 1, 'The drying sheds stand on the quay.')[0]!.text).toBe('The drying sheds stand on the quay.');
  });

  it('is what buildRagMessages shows a model with a source budget, and only then', () => {
    const q = 'When does the kelp harvest season run?';
    const full = buildRagMessages(defaultRagTemplate, [kelp], [], q)[0]!.content;
    const short = buildRagMessages(defaultRagTemplate, [kelp], [], q, { sentences: 1 })[0]!.content;
    expect(full).toContain('Boats leave at dawn.');
    expect(short).not.toContain('Boats leave at dawn.');
    expect(short).toContain('[1] (kelp.md)\nThe kelp harvest season runs from 1 May to 15 August.');
  });

  it('RAFT examples for such a model show short sources, the oracle keeping the sentence the target quotes', () => {
    const item = { id: 'k1', question: 'When does the kelp harvest season run?', answer: '1 May to 15 August', quote: 'runs from 1 May to 15 August', doc_ids: ['kelp.md'], split: 'train' as const };
    const oracle = [{ docName: 'kelp.md', text: kelp.text, headingPath: [] }];
    const negatives = [{ docName: 'honey.md', text: honey.text, headingPath: [] }];
    const ex = raftExample(item, oracle, negatives, { p: 1, distractors: 1 }, () => 0.1, defaultRagTemplate, undefined, { sentences: 1 });
    if ('reason' in ex) throw new Error(ex.reason);
    const system = ex.messages[0]!.content;
    expect(system).toContain('The kelp harvest season runs from 1 May to 15 August.');
    expect(system).not.toContain('Boats leave at dawn.');
    expect(system).not.toContain('Bees are kept on the moor.');
  });

  it('a model that quotes its sources may write one shown source whole with its citation, or the abstention; nothing without sources', () => {
    const budget = { sentences: 1, sources: 2, quote: true };
    const c = quoteConstraint([kelp, honey, chunk('pine.md', 'Pine is felled in winter.')], 'When does the kelp harvest season run?', budget)!;
    expect(c.grammar).toEqual({ kind: 'choice', items: [
      { kind: 'literal', text: 'The kelp harvest season runs from 1 May to 15 August [1].' },
      { kind: 'literal', text: 'The season for heather is short [2].' },
      { kind: 'literal', text: "I don't know based on the provided documents." },
    ] });
    const zh = chunk('岚溪.md', '岚溪天文台成立于1968年。岚溪天文台的主任是贺思琪。');
    expect(quoteConstraint([zh], '岚溪天文台的主任是谁？', budget)!.grammar).toEqual({ kind: 'choice', items: [
      { kind: 'literal', text: '岚溪天文台的主任是贺思琪 [1]。' }, { kind: 'literal', text: '根据所提供的文档，我不知道。' },
    ] });
    expect(quoteConstraint([kelp], 'q', { sentences: 1 })).toBeUndefined();
    expect(quoteConstraint([], 'q', budget)).toBeUndefined();
    expect(quoteConstraint(null, 'q', budget)).toBeUndefined();
    // mlc-chat-config.json's keys: counts only when positive integers, the flag only when true.
    expect(sourceBudgetOf({ source_sentences: 1, source_limit: 1, reply_quotes_sources: true })).toEqual(budget.quote && { sentences: 1, sources: 1, quote: true });
    expect(sourceBudgetOf({ source_sentences: 0, source_limit: 2.5, reply_quotes_sources: 'yes' })).toBeUndefined();
  });

  it('a source limit shows only the first n chunks, and RAFT gives such a model n documents with the oracle among them', () => {
    const pine = chunk('pine.md', 'The pine wood is felled in winter.');
    const shown = buildRagMessages(defaultRagTemplate, [kelp, honey, pine], [], 'When is honey sold?', { sources: 2 })[0]!.content;
    expect(shown).toContain('[2] (honey.md)');
    expect(shown).not.toContain('pine.md');
    expect(shown).toContain('Boats leave at dawn.'); // no sentence budget: whole chunks
    const item = { id: 'k1', question: 'When does the kelp harvest season run?', answer: '1 May to 15 August', quote: 'runs from 1 May to 15 August', doc_ids: ['kelp.md'], split: 'train' as const };
    const oracle = [{ docName: 'kelp.md', text: kelp.text, headingPath: [] }];
    const negatives = [honey, pine, chunk('oak.md', 'Oak is cut in spring.')].map((c) => ({ docName: c.docName, text: c.text, headingPath: [] }));
    for (const u of [0.05, 0.5, 0.95]) {
      const ex = raftExample(item, oracle, negatives, { p: 1, distractors: 3 }, () => u, defaultRagTemplate, undefined, { sources: 2, sentences: 1 });
      if ('reason' in ex) throw new Error(ex.reason);
      const system = ex.messages[0]!.content;
      expect(system.match(/^\[\d\] \(/gm)).toHaveLength(2);
      expect(system).toContain('The kelp harvest season runs from 1 May to 15 August.');
    }
  });
});
