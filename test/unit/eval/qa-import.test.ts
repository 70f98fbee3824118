import { describe, expect, it } from 'vitest';
import { parseQaFile } from '../../../src/eval/qa-import';
import { seededSplit } from '../../../src/eval/split';
import { hashItems, selectItems, makeQaSet } from '../../../src/eval/qa-set';

describe('QA import', () => {
  it('reads JSONL, with null answers for unanswerable items', () => {
    const text = [
      '{"id":"a","question":"When?","answer":"1962","aliases":["in 1962"],"doc_ids":["history"],"quote":"founded in 1962","split":"test"}',
      '',
      '{"id":"b","question":"Who drives the tractor?","answer":null,"split":"train"}',
    ].join('\n');
    const r = parseQaFile(text, 'set.jsonl');
    expect(r.errors).toEqual([]);
    expect(r.items).toEqual([
      { id: 'a', question: 'When?', answer: '1962', aliases: ['in 1962'], doc_ids: ['history'], quote: 'founded in 1962', split: 'test' },
      { id: 'b', question: 'Who drives the tractor?', answer: null, split: 'train' },
    ]);
  });
  it('reports every bad line with its number and keeps the good ones', () => {
    const text = [
      '{"question":"Fine?","answer":"yes","split":"test"}',
      '{"question":"","answer":"x"}',
      'not json',
      '{"question":"No answer key"}',
      '{"question":"Q","answer":"A","aliases":"one"}',
      '[1,2]',
      '{"id":"line-1","question":"Dup","answer":"A"}',
      '{"question":"Q","answer":"A","split":"dev"}',
    ].join('\n');
    const r = parseQaFile(text, 'x.jsonl');
    expect(r.items.map((i) => i.question)).toEqual(['Fine?']);
    expect(r.errors).toEqual([
      { line: 2, message: '"question" must be a non-empty string.' },
      { line: 3, message: 'This line is not valid JSON.' },
      { line: 4, message: '"answer" must be a non-empty string, or null for an unanswerable question.' },
      { line: 5, message: '"aliases" must be a list of strings.' },
      { line: 6, message: 'Each line must be one JSON object.' },
      { line: 7, message: 'The id "line-1" was already used on line 1.' },
      { line: 8, message: '"split" must be "train" or "test".' },
    ]);
  });
  it('reads CSV: quoted commas, "|" lists, an empty answer is unanswerable; errors carry row lines', () => {
    const text = 'question,answer,aliases,doc_ids\n"When, exactly?",1962,in 1962|1962 AD,history\nWho drives?,,,\n,orphan,,\n';
    const r = parseQaFile(text, 'set.csv', 3);
    expect(r.errors).toEqual([{ line: 4, message: '"question" must be a non-empty string.' }]);
    expect(r.items.map(({ split: _s, ...i }) => i)).toEqual([
      { id: 'line-2', question: 'When, exactly?', answer: '1962', aliases: ['in 1962', '1962 AD'], doc_ids: ['history'] },
      { id: 'line-3', question: 'Who drives?', answer: null },
    ]);
    expect(r.splitSeed).toBe(3);
  });
  it('refuses a CSV without the required header and files of other types', () => {
    expect(parseQaFile('q,a\nx,y\n', 'set.csv').errors[0]).toEqual({ line: 1, message: 'The header row must name the columns "question" and "answer".' });
    expect(parseQaFile('', 'set.jsonl').errors[0]!.message).toMatch(/no questions/);
    expect(parseQaFile('x', 'set.xlsx').errors[0]!.message).toMatch(/\.jsonl or \.csv/);
  });
});

describe('seeded split and QA sets', () => {
  const ids = Array.from({ length: 20 }, (_, i) => `q${i}`);
  it('is a partition, 30% test, the same for the same seed', () => {
    const a = seededSplit(ids, 5, 0.3);
    expect(a.test).toHaveLength(6);
    expect([...a.train, ...a.test].sort()).toEqual([...ids].sort());
    expect(seededSplit(ids, 5, 0.3)).toEqual(a);
    expect(seededSplit(ids, 6, 0.3).test).not.toEqual(a.test);
  });
  it('hashes content, not identity; selects the split and limit', async () => {
    const items = ids.map((id, i) => ({ id, question: `Q${i}?`, answer: `${i}`, split: (i % 3 === 0 ? 'test' : 'train') as 'test' | 'train' }));
    const h = await hashItems(items);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashItems(items.map((i) => ({ ...i })))).toBe(h);
    expect(await hashItems([{ ...items[0]!, answer: 'changed' }, ...items.slice(1)])).not.toBe(h);
    const set = await makeQaSet('t', 'import', items);
    expect(selectItems(set, 'test', null).map((i) => i.id)).toEqual(['q0', 'q3', 'q6', 'q9', 'q12', 'q15', 'q18']);
    expect(selectItems(set, 'test', 2)).toHaveLength(2);
    expect(selectItems(set, 'all', null)).toHaveLength(20);
  });
});
