import { describe, expect, it } from 'vitest';
import { assertNoLeakage, trainingUse } from '../../../src/eval/leakage';
import { LeakageError } from '../../../src/shared/errors';
import type { QaItem } from '../../../src/eval/types';

const item = (id: string, question: string, split: 'train' | 'test' = 'test'): QaItem => ({ id, question, answer: 'x', split });

describe('leakage guard', () => {
  const train = [item('a', 'When was the cooperative founded?', 'train'), item('b', 'Who chairs the board?', 'train')];
  const uses = [trainingUse('ds-1', 'RAFT on demo', 'set-1', train)];

  it('allows a run whose items were never trained on', () => {
    expect(() => assertNoLeakage('set-1', [item('c', 'How many ferries?')], uses)).not.toThrow();
    expect(() => assertNoLeakage('set-1', train, [])).not.toThrow();
  });
  it('refuses an item used for training, by id in the same set, naming the dataset', () => {
    expect(() => assertNoLeakage('set-1', [item('c', 'How many ferries?'), item('a', 'renamed')], uses)).toThrow(LeakageError);
    expect(() => assertNoLeakage('set-1', [item('a', 'renamed')], uses)).toThrow(/"RAFT on demo"/);
  });
  it('refuses the same question in another set, up to case and punctuation', () => {
    expect(() => assertNoLeakage('set-2', [item('z', 'when was THE cooperative founded')], uses)).toThrow(/1 of these questions.*founded/);
    // The same id in another set is a different question.
    expect(() => assertNoLeakage('set-2', [item('a', 'Something else?')], uses)).not.toThrow();
  });
});
