// The dataset builder end to end in Node: a scripted engine, a scripted
// retriever and an in-memory store stand in for the app's ports; the target
// model's template and tokenizer are read from the tiny-llama fixture files.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset, defaultDatasetForm, normalizeDatasetForm, type DatasetForm, type DatasetPorts } from '../../../src/finetune/dataset-builder';
import { abstention } from '../../../src/finetune/datasets';
import type { DatasetRecord } from '../../../src/finetune/records';
import { readTargetModel } from '../../../src/finetune/target-model';
import type { TrainingUse } from '../../../src/eval/leakage';
import type { QaItem, QaSet } from '../../../src/eval/types';
import type { LlmEngine } from '../../../src/llm/engine';
import type { ChatChunk, ChatMessage } from '../../../src/shared/llm-types';
import type { RetrievalResponse } from '../../../src/shared/search-api';
import { fixtureModelsDir } from '../helpers';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { t } from '../graph/fixtures';

const items: QaItem[] = [
  { id: 't1', question: 'When was the cooperative founded?', answer: '1962', doc_ids: ['history'], quote: 'founded in 1962', split: 'train' },
  { id: 't2', question: 'What does barley fetch?', answer: '3 crowns a sack', doc_ids: ['prices'], quote: 'Barley fetches 3 crowns a sack', split: 'train' },
  { id: 't3', question: 'Who owns the moon?', answer: null, doc_ids: [], split: 'train' },
  { id: 'x1', question: 'A test question that must never be used', answer: 'no', doc_ids: ['history'], split: 'test' },
];
const set: QaSet = { id: 'set', name: 'Mini', source: 'import', items, hash: 'h', createdAt: 0 };
const library = [
  { docName: 'history.md', text: 'The cooperative was founded in 1962 by fourteen households.' },
  { docName: 'prices.md', text: 'Barley fetches 3 crowns a sack at the harbour.' },
  { docName: 'ferry.md', text: 'The ferry runs twice a day.' },
];

/** Answers "In 1962." to the founding question (right: F1 0.67), "5 crowns" to barley (wrong), and "I don't know" to the rest. */
class ScriptedEngine implements LlmEngine {
  prompts: ChatMessage[][] = [];
  async load() {}
  async *chat(messages: ChatMessage[]): AsyncIterable<ChatChunk> {
    this.prompts.push(messages);
    const q = messages.at(-1)!.content;
    const text = q.includes('founded') ? 'In 1962.' : q.includes('barley') ? 'It fetches 5 crowns.' : "I don't know.";
    yield { type: 'delta', text };
    yield { type: 'done', usage: { promptTokens: 1, completionTokens: 1, timeToFirstTokenMs: 1, prefillTokensPerS: 1, decodeTokensPerS: 1, finishReason: 'stop' } };
  }
  interrupt() {}
  async unload() {}
  capabilities() {
    return { engine: 'lab' as const, device: 'cpu' as const, trainable: true };
  }
}

function harness() {
  const engine = new ScriptedEngine();
  const saved: { record: DatasetRecord; use: TrainingUse }[] = [];
  const modelDir = join(fixtureModelsDir, 'tiny-llama');
  const ports: DatasetPorts = {
    qaSet: async (id) => (id === set.id ? set : undefined),
    target: () => readTargetModel(async (f) => (await readFile(join(modelDir, f))).buffer as ArrayBuffer),
    chunks: async () => library,
    engine: async () => engine,
    retrieve: async (q): Promise<RetrievalResponse> => ({
      results: library.map((c, ord) => ({ docId: c.docName, ord, headingPath: [], start: 0, end: c.text.length, score: q.length, scores: {}, ...c })),
      mode: 'hybrid', timings: { embedMs: 0, vectorMs: 0, lexicalMs: 0, fuseMs: 0, searchMs: 0, rerankMs: 0 }, searchable: 3, stale: 0,
    }),
    save: async (record, use) => void saved.push({ record, use }),
  };
  return { engine, saved, ports };
}

const form = (patch: Partial<DatasetForm>): DatasetForm => ({ ...defaultDatasetForm, qaSetId: 'set', modelId: 'local/tiny-llama', ...patch });
const context = { ragTemplate: 'Sources:\n{sources}', k: 2, now: () => 1_000_000 };

describe('buildDataset', () => {
  it('self-generated: keeps the model\'s correct answers verbatim and teaches an abstention where it was wrong', async () => {
    const { engine, saved, ports } = harness();
    const progress: number[] = [];
    const record = await buildDataset(form({ kind: 'self-gen', selfGen: { threshold: 0.5, noContextShare: 0, maxTokens: 16 } }), ports, context, (p) => progress.push(p.done), new AbortController().signal);
    const byItem = Object.fromEntries(record.examples.map((e) => [e.itemId, e]));
    expect(Object.keys(byItem).sort()).toEqual(['t1', 't2', 't3']);
    // Correct: the model's own words, not the gold answer.
    expect(byItem.t1!.messages.at(-1)).toEqual({ role: 'assistant', content: 'In 1962.' });
    expect(byItem.t1!.meta).toMatchObject({ abstain: false, target: 'model-answer', withContext: true });
    // Wrong: an abstention instead of the wrong answer.
    expect(byItem.t2!.messages.at(-1)!.content).toBe(abstention);
    expect(byItem.t2!.meta).toMatchObject({ abstain: true, target: 'abstention' });
    // Unanswerable, and the model abstained: its own abstention is kept.
    expect(byItem.t3!.meta).toMatchObject({ abstain: true, target: 'model-answer' });
    // With noContextShare 0 every prompt carried the retrieved sources (k = 2).
    expect(engine.prompts).toHaveLength(3);
    for (const p of engine.prompts) expect(p[0]!.content).toContain('history.md');
    expect(progress).toEqual([0, 0, 1, 2]);
    // Stored once, with the leakage record of exactly the train questions it used.
    expect(saved).toHaveLength(1);
    expect(saved[0]!.use).toMatchObject({ datasetId: record.id, qaSetId: 'set', itemIds: ['t1', 't2', 't3'] });
    expect(record).toMatchObject({ id: 'ds-lfls', kind: 'self-gen', modelId: 'local/tiny-llama', itemIds: ['t1', 't2', 't3'] });
    expect(record.stats.examples).toBe(3);
    expect(record.stats.completionTokens!.mean).toBeGreaterThan(0);
  });

  it('RAFT: skips an item whose quote is in no document, and records only the items it used', async () => {
    const { engine, saved, ports } = harness();
    const record = await buildDataset(form({ kind: 'raft' }), { ...ports, chunks: async () => library.slice(0, 1) }, context, () => {}, new AbortController().signal);
    expect(record.skipped).toEqual([{ itemId: 't2', reason: 'its documents are not in your library' }]);
    expect(record.itemIds).toEqual(['t1', 't3']);
    expect(saved[0]!.use.itemIds).toEqual(['t1', 't3']);
    expect(engine.prompts).toHaveLength(0); // template targets: no model needed
  });

  it('refuses a set without train questions, and RAFT without documents, before any work', async () => {
    const { ports, saved } = harness();
    const testOnly = { ...set, items: items.filter((i) => i.split === 'test') };
    await expect(buildDataset(form({ kind: 'sft' }), { ...ports, qaSet: async () => testOnly }, context, () => {}, new AbortController().signal)).rejects.toThrow('has no questions in its train split');
    await expect(buildDataset(form({ kind: 'raft' }), { ...ports, chunks: async () => [] }, context, () => {}, new AbortController().signal)).rejects.toThrow('RAFT needs your documents');
    expect(saved).toHaveLength(0);
  });

  it('stops at the next question when cancelled, and stores nothing', async () => {
    const { ports, saved } = harness();
    const controller = new AbortController();
    const run = buildDataset(form({ kind: 'sft' }), ports, context, (p) => p.done === 1 && controller.abort(), controller.signal);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(saved).toHaveLength(0);
  });
});

describe('normalizeDatasetForm', () => {
  it('keeps every number in the range its input states, and NaN falls back to the default', () => {
    const f = normalizeDatasetForm(form({ limit: 0, seed: Number.NaN, raft: { p: 1.5, distractors: 40, llmTargets: true }, selfGen: { threshold: -1, noContextShare: Number.NaN, maxTokens: 4 } }));
    expect(f.limit).toBeNull();
    expect(f.seed).toBe(defaultDatasetForm.seed);
    expect(f.raft).toEqual({ p: 1, distractors: 10, llmTargets: true });
    expect(f.selfGen).toEqual({ threshold: 0, noContextShare: defaultDatasetForm.selfGen.noContextShare, maxTokens: 8 });
    expect(normalizeDatasetForm(form({ limit: 12.7 })).limit).toBe(12);
  });

  it('RoG planning and reasoning: built from the library\'s knowledge graph, only the train split, unreachable answers skipped; refused without a graph', async () => {
    const { saved, ports } = harness();
    const kg = KnowledgeGraph.from([['history', [t('history', 'cooperative', 'founded_in', '1962'), t('history', 'cooperative', 'sells', 'barley')]]]);
    const withGraph: DatasetPorts = { ...ports, graph: async () => kg };
    const planning = await buildDataset(form({ kind: 'rog-planning' }), withGraph, context, () => undefined, new AbortController().signal);
    // t1's answer is one hop from the cooperative; t2's answer is not in the graph; t3 is unanswerable.
    expect(planning.examples.map((e) => [e.itemId, e.messages.at(-1)!.content])).toEqual([['t1', '<PATH>founded_in</PATH>']]);
    expect(planning.skipped.map((s) => s.itemId).sort()).toEqual(['t2', 't3']);
    expect(saved[0]!.use.itemIds).toEqual(['t1']);
    const reasoning = await buildDataset(form({ kind: 'rog-reasoning' }), withGraph, context, () => undefined, new AbortController().signal);
    const byItem = Object.fromEntries(reasoning.examples.map((e) => [e.itemId, e]));
    expect(byItem.t1!.messages[0]!.content).toContain('cooperative → founded_in → 1962');
    expect(byItem.t1!.messages.at(-1)!.content).toMatch(/^1962 \[\d+\]$/);
    expect(byItem.t3!.messages.at(-1)!.content).toBe(abstention);
    expect(reasoning.skipped.map((s) => s.itemId)).toEqual(['t2']);
    await expect(buildDataset(form({ kind: 'rog-planning' }), { ...ports, graph: async () => KnowledgeGraph.from([]) }, context, () => undefined, new AbortController().signal))
      .rejects.toThrow(/RoG datasets need the knowledge graph/);
  });
});
