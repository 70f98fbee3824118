import { describe, expect, it } from 'vitest';
import { answerTokens, normalizeAnswer } from '../../../src/eval/normalize';
import { citationScores, containsAnswer, docKey, exactMatch, extractAnswer, isAbstention, retrievalScores, tokenF1 } from '../../../src/eval/metrics';
import { scoreItem } from '../../../src/eval/score';
import type { QaItem } from '../../../src/eval/types';
import { readFileSync } from 'node:fs';

describe('normalization (SQuAD, Unicode)', () => {
  it('lower-cases, drops punctuation and articles, collapses spaces', () => {
    expect(normalizeAnswer('  The  Kelp-Harvest, in MAY! ')).toBe('kelp harvest in may');
    expect(normalizeAnswer('An apple a day')).toBe('apple day');
  });
  it('splits Chinese and Japanese into characters, keeps Latin words whole', () => {
    expect(answerTokens('海带在五月收获。')).toEqual(['海', '带', '在', '五', '月', '收', '获']);
    expect(answerTokens('昆布は5月')).toEqual(['昆', '布', 'は', '5', '月']);
    expect(answerTokens('Model X は速い')).toEqual(['model', 'x', 'は', '速', 'い']);
  });
});

describe('exact match and token F1', () => {
  it('exact match ignores case, punctuation, articles and [n] citations, and accepts aliases', () => {
    expect(exactMatch('The Maren Ostgaard. [1]', ['Maren Ostgaard'])).toBe(true);
    expect(exactMatch('14', ['fourteen', '14'])).toBe(true);
    expect(exactMatch('Maren', ['Maren Ostgaard'])).toBe(false);
  });
  it('takes the text after a RAFT <ANSWER>: marker', () => {
    expect(extractAnswer('Reasoning ##begin_quote##x##end_quote## <ANSWER>: 1962')).toBe('1962');
    expect(exactMatch('It says so. <ANSWER>: 1962', ['1962'])).toBe(true);
  });
  it('token F1 by hand: pred "maren ostgaard of tolsey" vs gold "maren ostgaard"', () => {
    // common 2; precision 2/4 ("of" is kept, "the" would not be); recall 2/2; F1 = 2·0.5·1/1.5 = 2/3.
    expect(tokenF1('Maren Ostgaard of Tolsey', ['Maren Ostgaard'])).toBeCloseTo(2 / 3, 10);
    expect(tokenF1('nothing relevant', ['Maren Ostgaard'])).toBe(0);
    // The best alias counts.
    expect(tokenF1('14', ['fourteen', '14'])).toBe(1);
  });
  it('token F1 on Chinese is per character', () => {
    // pred 五月中旬 (4 chars), gold 五月 (2): common 2, P = 0.5, R = 1, F1 = 2/3.
    expect(tokenF1('五月中旬', ['五月'])).toBeCloseTo(2 / 3, 10);
    expect(exactMatch('五月。', ['五月'])).toBe(true);
  });
  it('scores the Chinese demo pack per character: EM on the answer, F1 on shared characters, RAFT answers and Chinese abstentions', () => {
    const zh = readFileSync('public/demo-zh/qa.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as QaItem);
    const founder = zh.find((q) => q.id === 's002')!;
    expect(founder.answer).toBe('林秀禾');
    // pred 互助组的第一任组长是林秀禾 (13 characters), gold 林秀禾 (3): common 3, P = 3/13, R = 1, F1 = 6/16.
    expect(scoreItem(founder, { output: '互助组的第一任组长是林秀禾 [1]。', sourceDocs: ['history.md'], usage: null, totalMs: 1 })).toMatchObject({ em: 0, f1: 0.375, contains: 1, correct: 1, abstained: 0, hit: 1 });
    expect(scoreItem(founder, { output: '相关段落写道：……所以答案是林秀禾。<ANSWER>: 林秀禾', sourceDocs: null, usage: null, totalMs: 1 })).toMatchObject({ em: 1, f1: 1 });
    // 86.4吨 is the tokens 86.4 吨 after normalization ("." is punctuation): 86, 4, 吨.
    const tonnes = zh.find((q) => q.answer === '86.4吨')!;
    expect(answerTokens('86.4吨')).toEqual(['86', '4', '吨']);
    expect(scoreItem(tonnes, { output: '86.4吨', sourceDocs: null, usage: null, totalMs: 1 })).toMatchObject({ em: 1, f1: 1 });
    expect(scoreItem(tonnes, { output: '约86吨', sourceDocs: null, usage: null, totalMs: 1 }).f1).toBeCloseTo(2 * (2 / 3) * (2 / 3) / (4 / 3), 10);
    const unanswerable = zh.find((q) => q.answer === null)!;
    expect(scoreItem(unanswerable, { output: '根据所提供的文档，我不知道。', sourceDocs: null, usage: null, totalMs: 1 })).toMatchObject({ em: null, f1: null, abstained: 1, answerable: 0 });
  });
});

describe('containment and abstention', () => {
  it('finds the answer on word boundaries only', () => {
    expect(containsAnswer('It was founded in 1962 by fourteen households.', ['1962'])).toBe(true);
    expect(containsAnswer('In 19620 …', ['1962'])).toBe(false);
    expect(containsAnswer('在五月收获', ['五月'])).toBe(true);
    expect(containsAnswer('anything', ['the'])).toBe(false); // an answer that normalizes to nothing never matches
  });
  it('recognises abstentions in English, Chinese and Japanese', () => {
    expect(isAbstention("I don't know based on the provided documents.")).toBe(true);
    expect(isAbstention('I don’t know.')).toBe(true);
    expect(isAbstention('The sources do not contain the tractor driver’s name.')).toBe(true);
    expect(isAbstention('我不知道。')).toBe(true);
    expect(isAbstention('わかりません')).toBe(true);
    expect(isAbstention('The harvest is in May [1].')).toBe(false);
  });
});

describe('retrieval and citation metrics', () => {
  it('docKey strips folders and extensions', () => {
    expect(docKey('docs/History.md')).toBe('history');
    expect(docKey('annual-report-2025.pdf')).toBe('annual-report-2025');
  });
  it('hit@k, recall@k and MRR by hand', () => {
    // Chunks from: a, b, a, c. Gold {b, c}: first gold at rank 2 → MRR 0.5; both found → recall 1.
    expect(retrievalScores(['a.md', 'b.md', 'a.md', 'c.md'], ['b', 'c'])).toEqual({ hit: 1, recall: 1, mrr: 0.5 });
    expect(retrievalScores(['a.md', 'c.md'], ['b', 'c'])).toEqual({ hit: 1, recall: 0.5, mrr: 0.5 });
    expect(retrievalScores(['a.md'], ['b'])).toEqual({ hit: 0, recall: 0, mrr: 0 });
    expect(retrievalScores(['a.md'], [])).toBeNull();
  });
  it('citation precision and recall by hand', () => {
    const sources = ['history.md', 'prices.md', 'history.md'];
    // Cites [1] (history) and [2] (prices); gold history → precision 1/2, recall 1.
    expect(citationScores('Founded 1962 [1], prices [2].', sources, ['history'])).toEqual({ precision: 0.5, recall: 1 });
    // [1, 3] are both history: one distinct cited document, right.
    expect(citationScores('Yes [1, 3].', sources, ['history', 'prices'])).toEqual({ precision: 1, recall: 0.5 });
    // Nothing cited: precision undefined, recall 0. A number with no source is ignored.
    expect(citationScores('Yes [9].', sources, ['history'])).toEqual({ precision: null, recall: 0 });
  });
});

describe('scoreItem', () => {
  const usage = { promptTokens: 10, completionTokens: 5, timeToFirstTokenMs: 40, prefillTokensPerS: 100, decodeTokensPerS: 20, finishReason: 'stop' as const };
  it('scores an answerable item with retrieval', () => {
    const s = scoreItem({ id: 'n1', question: 'When?', answer: '1962', doc_ids: ['history'], split: 'test' }, { output: 'In 1962 [1].', sourceDocs: ['history.md', 'prices.md'], usage: usage, totalMs: 500 });
    expect(s).toMatchObject({ em: 0, contains: 1, correct: 1, abstained: 0, answerable: 1, hit: 1, recall: 1, mrr: 1, citePrecision: 1, citeRecall: 1, ttftMs: 40, tokensPerS: 20, totalMs: 500 });
  });
  it('an unanswerable item has no EM or F1, only abstention; no retrieval means no retrieval metrics', () => {
    const s = scoreItem({ id: 'u1', question: 'Who?', answer: null, doc_ids: [], split: 'test' }, { output: "I don't know based on the provided documents.", sourceDocs: null, usage: null, totalMs: 10 });
    expect(s).toMatchObject({ em: null, f1: null, contains: null, correct: null, abstained: 1, answerable: 0, hit: null, citePrecision: null, ttftMs: null });
  });
});
