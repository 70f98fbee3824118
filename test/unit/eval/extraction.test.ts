import { describe, expect, it } from 'vitest';
import { libraryExtraction } from '../../../src/eval/extraction';
import { planRun, type RunContext, type RunForm } from '../../../src/eval/plan';
import { makeQaSet } from '../../../src/eval/qa-set';
import type { QaItem } from '../../../src/eval/types';
import { parseGoldTriples } from '../../../src/graph/metrics';
import { t } from '../graph/fixtures';
import { loadTagger } from '../../../src/graph/verbs';

// The extractor and the scorer need compromise (graph/verbs.ts), which loads on first use.
await loadTagger();

const kg = [
  '{"doc_id": "history", "head": "seawall fund", "relation": "created_after", "tail": "storm", "quote": "…"}',
  '',
  '{"doc_id": "history", "head": "Annika Voss", "relation": "holds_role", "tail": "Chair"}',
  '{"doc_id": "prices", "head": "barley", "relation": "price", "tail": "3 crowns"}',
].join('\n');

describe('gold triples', () => {
  it('parses kg.jsonl and names the first line that is not a triple', () => {
    expect(parseGoldTriples(kg)).toEqual({
      badLine: null,
      triples: [
        { docId: 'history', head: 'seawall fund', relation: 'created_after', tail: 'storm' },
        { docId: 'history', head: 'Annika Voss', relation: 'holds_role', tail: 'Chair' },
        { docId: 'prices', head: 'barley', relation: 'price', tail: '3 crowns' },
      ],
    });
    expect(parseGoldTriples(`${kg}\n{"doc_id": "x", "head": "a"}`).badLine).toBe(5);
    expect(parseGoldTriples('not json').badLine).toBe(1);
  });

  it('scores the library\'s triples on the documents both have, matched by file name', async () => {
    const set = await makeQaSet('Demo', 'demo', [], undefined, { file: 'kg.jsonl', triples: parseGoldTriples(kg).triples });
    expect(set.gold!.hash).toMatch(/^[0-9a-f]{64}$/);
    const library = [
      // history.md: one gold triple found (labelled), one extracted triple wrong; prices is not in the library.
      { docName: 'History.md', triples: [t('doc-1', 'Seawall Fund', 'created_after', 'the storm'), t('doc-1', 'Annika Voss', 'mentioned_with', 'Chair', 'co-occurrence')] },
      { docName: 'notes.txt', triples: [t('doc-2', 'barley', 'price', '3 crowns')] },
    ];
    const e = libraryExtraction(library, set.gold!)!;
    expect(e).toMatchObject({ goldFile: 'kg.jsonl', goldHash: set.gold!.hash, documents: 1 });
    expect(e.labelled).toEqual({ precision: 0.5, recall: 0.5, correct: 1, extracted: 2, found: 1, gold: 2 });
    // Unlabelled: Annika Voss and Chair are connected, whatever the relation.
    expect(e.unlabelled).toMatchObject({ precision: 1, recall: 1 });
    expect(libraryExtraction([library[1]!], set.gold!)).toBeNull();
  });

  it('a graph-mode run of a set with gold triples records the extraction; other runs do not', async () => {
    const items: QaItem[] = [{ id: 'a', question: 'After which event?', answer: 'storm', split: 'test' }];
    const set = await makeQaSet('Demo', 'demo', items, undefined, { file: 'kg.jsonl', triples: parseGoldTriples(kg).triples });
    const form: RunForm = {
      name: '', qaSetId: set.id, split: 'test', modes: ['rag'], baseModel: 'm', fineTunedModel: null,
      retrieval: { k: 3, mode: 'hybrid-graph' }, temperature: 0, topP: 1, maxTokens: 8, seed: 1, limit: null,
    };
    const ctx: RunContext = {
      fineTuned: [], trainingUses: [], promptTemplate: '{sources}', embedderId: 'e', appVersion: '1', browser: 'node', gpuAdapter: 'none', now: 1,
      libraryTriples: [{ docName: 'history.md', triples: [t('d', 'seawall fund', 'created_after', 'storm')] }],
    };
    expect(planRun(form, set, ctx).run.provenance.extraction).toMatchObject({ documents: 1, labelled: { precision: 1, recall: 0.5 } });
    expect(planRun({ ...form, retrieval: { k: 3, mode: 'hybrid' } }, set, ctx).run.provenance.extraction).toBeUndefined();
    const { gold: _gold, ...plain } = set;
    expect(planRun(form, plain, ctx).run.provenance.extraction).toBeUndefined();
  });
});
