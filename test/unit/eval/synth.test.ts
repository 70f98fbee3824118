import { describe, expect, it } from 'vitest';
import { defaultSynthOptions, normalizeSynthOptions, answerSupported, filterCandidates, parseCandidate, quoteInChunk, sampleIndices } from '../../../src/eval/synth';
import { seededRandom } from '../../../src/shared/random.mjs';

const chunk = 'The kelp harvest runs from 1 May to 15 August.\nCutters must leave the holdfast in place.';
const ref = { docName: 'kelp.md', ord: 0 };

describe('QA synthesis', () => {
  it('parses the first JSON object with question, answer and quote', () => {
    expect(parseCandidate('Sure! {"question":"When does it start?","answer":"1 May","quote":"The kelp harvest runs from 1 May"} done')).toEqual({
      question: 'When does it start?', answer: '1 May', quote: 'The kelp harvest runs from 1 May',
    });
    expect(parseCandidate('{"q":1} {"question":"Q","answer":"A","quote":"Z"}')?.question).toBe('Q');
    expect(parseCandidate('no json here')).toBeNull();
  });
  it('checks the quote against the chunk up to whitespace and case', () => {
    expect(quoteInChunk('the kelp  harvest runs from 1 may', chunk)).toBe(true);
    expect(quoteInChunk('The kelp harvest runs all year.', chunk)).toBe(false);
    expect(quoteInChunk('', chunk)).toBe(false);
  });
  it('requires the answer to be supported by the quote', () => {
    expect(answerSupported('1 May', 'The kelp harvest runs from 1 May to 15 August.')).toBe(true);
    expect(answerSupported('in June', 'The kelp harvest runs from 1 May to 15 August.')).toBe(false);
  });
  it('filters in order and drops near-duplicate questions', () => {
    const mk = (question: string, answer: string, quote: string) => ({ chunkRef: ref, chunkText: chunk, output: '', candidate: { question, answer, quote } });
    const r = filterCandidates([
      mk('When does the kelp harvest start?', '1 May', 'The kelp harvest runs from 1 May to 15 August.'),
      mk('When does the kelp harvest start', '1 May', 'The kelp harvest runs from 1 May to 15 August.'),
      mk('What must cutters leave?', 'the holdfast', 'Cutters must leave the holdfast in place.'),
      mk('When does it end?', '15 August', 'The harvest ends in August.'),
      mk('What is kept?', 'the boat', 'Cutters must leave the holdfast in place.'),
      { chunkRef: ref, chunkText: chunk, output: 'garbage', candidate: null },
    ]);
    expect(r.kept.map((k) => k.question)).toEqual(['When does the kelp harvest start?', 'What must cutters leave?']);
    expect(r.rejected.map((x) => x.reason)).toEqual(['near-duplicate', 'quote-not-in-chunk', 'answer-not-in-quote', 'unparsed']);
  });
  it('samples distinct chunk indices reproducibly', () => {
    const a = sampleIndices(50, 8, seededRandom(3));
    expect(new Set(a).size).toBe(8);
    expect(sampleIndices(50, 8, seededRandom(3))).toEqual(a);
    expect(sampleIndices(3, 8, seededRandom(3))).toEqual([0, 1, 2]);
  });
});

describe('normalizeSynthOptions', () => {
  it('keeps passages in 1–200 and tokens in 16–512, as the form says; NaN falls back to the default', () => {
    expect(normalizeSynthOptions({ count: 0, maxTokens: 8, seed: 3 })).toEqual({ count: 1, maxTokens: 16, seed: 3 });
    expect(normalizeSynthOptions({ count: 999, maxTokens: 4096, seed: Number.NaN })).toEqual({ count: 200, maxTokens: 512, seed: defaultSynthOptions.seed });
  });
});
