// Training data and settings: tokenization with left truncation, refusals, the seeded
// validation split and epoch order, the learning-rate schedule, settings checks, JSONL.
import { describe, expect, it } from 'vitest';
import { bucketLength, epochOrder, exampleAt, parseTrainingJsonl, prepareData, validationSplit } from '../../../src/finetune/train/data';
import { learningRate, presets, settingsProblems, totalSteps, type TrainSettings } from '../../../src/finetune/train/settings';
import { TrainingError } from '../../../src/shared/errors';

const encode = (t: string) => t.split(' ').filter(Boolean).map((w) => w.length);

describe('prepareData', () => {
  it('puts the prefix ids first and the completion last, and counts the target from promptLength', () => {
    const { sequences } = prepareData([{ prompt: 'aa bbb', completion: 'c dddd' }], encode, [9], 16);
    expect(sequences).toEqual([{ tokens: [9, 2, 3, 1, 4], promptLength: 3 }]);
  });

  it('truncates from the left of the prompt, never the target, and reports what it cut', () => {
    const prompt = Array.from({ length: 20 }, (_, i) => 'x'.repeat((i % 5) + 1)).join(' ');
    const out = prepareData([{ prompt, completion: 'yyyyyyy zz' }, { prompt: 'a', completion: 'b' }], encode, [9], 8);
    expect(out.sequences[0]!.tokens).toHaveLength(8);
    expect(out.sequences[0]!.tokens.slice(-2)).toEqual([7, 2]); // the whole target
    expect(out.sequences[0]!.tokens.slice(0, 6)).toEqual(encode(prompt).slice(-6)); // the prompt's end
    expect(out.truncatedExamples).toBe(1);
    expect(out.truncatedTokens).toBe(21 - 6);
    expect(out.sequences[1]!.tokens).toEqual([9, 1, 1]);
  });

  it('leaves out examples whose target alone does not fit, and refuses when none is left or the dataset is empty', () => {
    const out = prepareData([{ prompt: 'a', completion: 'b c d e f' }, { prompt: 'a', completion: 'b' }], encode, [], 5);
    expect(out.droppedExamples).toBe(1);
    expect(out.sequences).toHaveLength(1);
    expect(() => prepareData([{ prompt: 'a', completion: 'b c d e f' }], encode, [], 5)).toThrow(/No example has target tokens within the maximum length of 5/);
    expect(() => prepareData([{ prompt: 'a', completion: '' }], encode, [], 5)).toThrow(TrainingError);
    expect(() => prepareData([], encode, [], 5)).toThrow(/no examples/);
  });
});

describe('order and split', () => {
  it('holds out a seeded share for validation, disjoint from training and never all of it', () => {
    const a = validationSplit(50, 0.1, 3);
    expect(a.validation).toHaveLength(5);
    expect(new Set([...a.train, ...a.validation]).size).toBe(50);
    expect(validationSplit(50, 0.1, 3)).toEqual(a);
    expect(validationSplit(50, 0.1, 4).validation).not.toEqual(a.validation);
    expect(validationSplit(1, 0.5, 1).train).toEqual([0]);
  });

  it('orders each epoch by (seed, epoch) alone: a permutation, different per epoch, the same when asked again', () => {
    const e0 = epochOrder(20, 1, 0);
    expect([...e0].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(epochOrder(20, 1, 1)).not.toEqual(e0);
    expect(epochOrder(20, 1, 0)).toEqual(e0);
    const orders = new Map<number, number[]>();
    expect(exampleAt(23, 20, 1, orders)).toEqual({ epoch: 1, index: epochOrder(20, 1, 1)[3] });
  });

  it('pads to a power of two of at least 16, at most the maximum length', () => {
    expect(bucketLength(5, 256)).toBe(16);
    expect(bucketLength(100, 256)).toBe(128);
    expect(bucketLength(200, 192)).toBe(200);
    expect(bucketLength(150, 192)).toBe(192);
  });
});

describe('settings', () => {
  const s: TrainSettings = presets.quick;

  it('warms up linearly and decays along a cosine to zero', () => {
    const lr = { lr: 1, warmupShare: 0.1 };
    expect(learningRate(lr, 0, 100)).toBeCloseTo(0.1);
    expect(learningRate(lr, 9, 100)).toBeCloseTo(1);
    expect(learningRate(lr, 10, 100)).toBeCloseTo(1);
    expect(learningRate(lr, 55, 100)).toBeCloseTo(0.5);
    expect(learningRate(lr, 99, 100)).toBeLessThan(0.001);
  });

  it('counts steps from epochs, batch and accumulation, or takes them as given', () => {
    expect(totalSteps({ ...s, epochs: 2, batchSize: 4, gradAccum: 2, steps: null }, 20)).toBe(5);
    expect(totalSteps({ ...s, steps: 7 }, 20)).toBe(7);
  });

  it('names every bad setting', () => {
    expect(settingsProblems(s)).toEqual([]);
    const bad = settingsProblems({ ...s, r: 0, lr: -1, targets: ['q_proj', 'w_proj' as never], maxLength: 8, valShare: 0.9 });
    expect(bad.join('\n')).toMatch(/r must be/);
    expect(bad.join('\n')).toMatch(/w_proj is not a target module/);
    expect(bad.join('\n')).toMatch(/learning rate/);
    expect(bad.join('\n')).toMatch(/maximum sequence length/);
    expect(bad.join('\n')).toMatch(/validation share/);
  });
});

describe('parseTrainingJsonl', () => {
  it('reads prompt and completion, skips blank lines, and names a bad line by its number', () => {
    expect(parseTrainingJsonl('{"prompt":"a","completion":"b","meta":{}}\n\n{"prompt":"c","completion":"d"}\n')).toEqual([{ prompt: 'a', completion: 'b' }, { prompt: 'c', completion: 'd' }]);
    expect(() => parseTrainingJsonl('{"prompt":"a","completion":"b"}\n{oops\n')).toThrow('Line 2 of the dataset is not valid JSON.');
    expect(() => parseTrainingJsonl('{"prompt":"a"}')).toThrow(/Line 1 .* lacks/);
  });
});
