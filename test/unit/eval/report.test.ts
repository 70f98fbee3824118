import { describe, expect, it } from 'vitest';
import { configDiff, disagreements, formatEstimate, summarizeRun, toCsv, toHtml, toJson } from '../../../src/eval/report';
import type { EvalResult, EvalRun, ItemScores } from '../../../src/eval/types';

const run: EvalRun = {
  id: 'r1', name: 'Run <1>', createdAt: 0, status: 'done',
  config: { qaSetId: 's', split: 'test', modes: ['base', 'rag'], baseModel: 'm', fineTunedModel: null, retrieval: { k: 3, mode: 'hybrid' }, temperature: 0, topP: 1, maxTokens: 8, seed: 1, limit: null, promptTemplate: 'T {sources}' },
  provenance: { qaSetName: 'S', qaSetHash: 'abc', itemIds: ['a', 'b'], adapter: null, embedderId: 'e', appVersion: '0.1.0', browser: 'b', gpuAdapter: 'g' },
};
const scores = (p: Partial<ItemScores>): ItemScores => ({ em: 0, f1: 0, contains: 0, correct: 0, abstained: 0, answerable: 1, hit: null, recall: null, mrr: null, citePrecision: null, citeRecall: null, ttftMs: 10, tokensPerS: 5, totalMs: 100, ...p });
const result = (mode: 'base' | 'rag', itemId: string, p: Partial<ItemScores>, output = 'out'): EvalResult => ({
  runId: 'r1', key: `${mode}:${itemId}`, mode, itemId, question: `Q ${itemId}, "quoted"`, output, messages: [], sources: null, usage: null, scores: scores(p), at: 0,
});
const results = [
  result('base', 'a', { correct: 1, em: 1 }), result('rag', 'a', { correct: 1, em: 1 }),
  result('base', 'b', { correct: 0 }), result('rag', 'b', { correct: 1 }, '<script>alert(1)</script>'),
];

describe('eval report', () => {
  it('finds the items where modes disagree', () => {
    expect([...disagreements(results)]).toEqual(['b']);
  });
  it('summarizes each mode with intervals and formats them', () => {
    const s = summarizeRun(run, results);
    expect(s.base!.correct).toBeUndefined(); // "correct" feeds other metrics; EM is reported
    expect(s.base!.em!.value).toBe(0.5);
    expect(formatEstimate({ value: 0.5, low: 0, high: 1, n: 2 }, 'rate')).toBe('50.0% [0.0%, 100.0%]');
    expect(formatEstimate(undefined, 'ms')).toBe('–');
  });
  it('exports JSON with the run, summary and sorted results, and CSV with one row per result', () => {
    const json = JSON.parse(toJson(run, [...results].reverse()));
    expect(json.results.map((r: EvalResult) => r.key)).toEqual(['base:a', 'base:b', 'rag:a', 'rag:b']);
    expect(json.run.id).toBe('r1');
    const csv = toCsv(results).split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[1]).toBe('r1,base,a,"Q a, ""quoted""",out,,1,0,0,1,0,1,,,,,,10,5,100,,,,,,,,,,');
    // RoG's columns (its measures, then its retrieval stages) stay empty outside the graph modes.
    expect(csv[0]).toMatch(/,totalMs,retrievalMs,generationMs,rogHit,rogF1,planMatch,reachable,baselineHit,graphLinkMs,graphPlanMs,graphSearchMs$/);
    const timed = toCsv([{ ...results[0]!, scores: { ...results[0]!.scores, retrievalMs: 12, generationMs: 80, graphLinkMs: 0.25, graphPlanMs: 1, graphSearchMs: 2 } }]).split('\n');
    expect(timed[1]).toMatch(/,100,12,80,,,,,,0\.25,1,2$/);
  });
  it('the HTML report escapes model output and names every setting', () => {
    const html = toHtml(run, results, { em: '<svg></svg>' });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('Run &#60;1&#62;');
    expect(html).toContain('<figure><svg></svg></figure>');
    expect(html).toMatch(/SHA-256 abc/);
    expect(html).not.toContain('Graph extraction');
  });
  it('the HTML report gives a graph run\'s extraction against the gold triples, and sub-millisecond stage times readably', () => {
    const pr = (correct: number, extracted: number, found: number, gold: number) => ({ precision: correct / extracted, recall: found / gold, correct, extracted, found, gold });
    const graphRun: EvalRun = {
      ...run, config: { ...run.config, retrieval: { k: 3, mode: 'graph' } },
      provenance: { ...run.provenance, extraction: { goldFile: 'kg.jsonl', goldHash: 'h', documents: 26, labelled: pr(96, 485, 96, 163), unlabelled: pr(110, 485, 105, 163) } },
    };
    const timed = results.map((r) => ({ ...r, scores: { ...r.scores, graphSearchMs: 0.125 } }));
    const html = toHtml(graphRun, timed, {});
    expect(html).toContain('<tr><th>Graph extraction (gold triples)</th><td>kg.jsonl, 26 documents: 163 gold, 485 extracted; labelled precision 19.8%, recall 58.9%; unlabelled precision 22.7%, recall 64.4%</td></tr>');
    expect(html).toMatch(/<th>Graph path search \(p50\)<\/th><td>0\.13 ms \[/);
  });
  it('lists the settings that differ between two runs', () => {
    const other: EvalRun = { ...run, config: { ...run.config, seed: 2, retrieval: { k: 5, mode: 'hybrid' } } };
    expect(configDiff(run, other)).toEqual([['retrieval.k', '3', '5'], ['seed', '1', '2']]);
  });
});
