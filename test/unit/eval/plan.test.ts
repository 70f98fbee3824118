import { describe, expect, it } from 'vitest';
import { planRun, type RunContext, type RunForm } from '../../../src/eval/plan';
import { trainingUse } from '../../../src/eval/leakage';
import type { QaItem, QaSet } from '../../../src/eval/types';
import { EvalError, LeakageError } from '../../../src/shared/errors';

const items: QaItem[] = [
  { id: 'a', question: 'When was it founded?', answer: '1962', split: 'test' },
  { id: 'b', question: 'Who drives the tractor?', answer: null, split: 'test' },
  { id: 'c', question: 'What is the price?', answer: '3 crowns', split: 'train' },
];
const set: QaSet = { id: 's', name: 'Set', source: 'import', items, hash: 'hash-1', createdAt: 0 };
const form: RunForm = {
  name: '', qaSetId: 's', split: 'test', modes: ['base', 'rag'], baseModel: 'm', fineTunedModel: null,
  retrieval: { k: 3, mode: 'hybrid' }, temperature: 0, topP: 1, maxTokens: 64, seed: 42, limit: null,
};
const ctx: RunContext = {
  fineTuned: [{ id: 'm+a', adapter: { id: 'a', hash: 'h' } }], trainingUses: [], promptTemplate: 'T {sources}',
  embedderId: 'e', appVersion: '1', browser: 'node', gpuAdapter: 'none', now: 36 ** 3,
};

describe('planRun', () => {
  it('builds the run with its items, settings and provenance', () => {
    const { run, items: picked } = planRun(form, set, ctx);
    expect(picked.map((i) => i.id)).toEqual(['a', 'b']);
    expect(run).toMatchObject({
      id: 'run-1000', name: 'Set · base, rag', status: 'running', createdAt: 36 ** 3,
      config: { baseModel: 'm', fineTunedModel: null, promptTemplate: 'T {sources}', seed: 42 },
      provenance: { qaSetHash: 'hash-1', itemIds: ['a', 'b'], adapter: null, embedderId: 'e', reranker: null },
    });
  });

  it('records the reranker and the N it reads (never fewer than k)', () => {
    const rerank = (topN: number) => planRun({ ...form, retrieval: { k: 3, mode: 'lexical', rerank: { modelId: 'local/r', topN } } }, set, ctx).run;
    expect(rerank(30).provenance.reranker).toEqual({ modelId: 'local/r', topN: 30 });
    expect(rerank(1).provenance.reranker).toEqual({ modelId: 'local/r', topN: 3 });
    expect(rerank(30).config.retrieval.rerank).toEqual({ modelId: 'local/r', topN: 30 });
  });

  it('records the fine-tuned model and its adapter for the fine-tuned modes', () => {
    const { run } = planRun({ ...form, modes: ['ft'], fineTunedModel: 'm+a' }, set, ctx);
    expect(run.config.fineTunedModel).toBe('m+a');
    expect(run.provenance.adapter).toEqual({ id: 'a', hash: 'h' });
  });

  it('refuses what cannot run, saying what to change', () => {
    expect(() => planRun(form, undefined, ctx)).toThrow(/Choose a QA set first/);
    expect(() => planRun({ ...form, modes: [] }, set, ctx)).toThrow('Choose at least one mode');
    expect(() => planRun({ ...form, baseModel: null }, set, ctx)).toThrow(EvalError);
    expect(() => planRun({ ...form, modes: ['rag-ft'], fineTunedModel: 'gone' }, set, ctx)).toThrow(/merge an adapter in Fine-tune/);
    expect(() => planRun(form, { ...set, items: [items[2]!] }, ctx)).toThrow('has no questions');
  });

  it('refuses questions a fine-tune dataset trained on (the leakage guard)', () => {
    const uses = [trainingUse('ds', 'RAFT', 's', [items[0]!])];
    expect(() => planRun(form, set, { ...ctx, trainingUses: uses })).toThrow(LeakageError);
  });
});

describe('prompt variants in the provenance', () => {
  it('records how many questions get each language\'s prompt', () => {
    const zh: QaItem[] = [
      { id: 'z1', question: '青屿茶社是哪一年成立的？', answer: '1987年', split: 'test' },
      { id: 'z2', question: '社员大会多久开一次？', answer: null, split: 'test' },
    ];
    const mixed = { ...set, items: [...items, ...zh] };
    expect(planRun(form, mixed, ctx).run.provenance.promptVariants).toEqual({ en: 2, zh: 2 });
    expect(planRun({ ...form, split: 'all' }, { ...set, items: zh }, ctx).run.provenance.promptVariants).toEqual({ zh: 2 });
  });
});
