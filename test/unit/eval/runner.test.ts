import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChatChunk, ChatMessage, GenerationOptions, LlmEngine } from '../../../src/llm/engine';
import { planTasks, runEval, type EvalPorts } from '../../../src/eval/runner';
import { EvalStore } from '../../../src/store/eval-store';
import type { EvalRun, QaItem } from '../../../src/eval/types';
import type { RetrievalResponse } from '../../../src/shared/search-api';
import { EvalError } from '../../../src/shared/errors';
import { LabEngine } from '../../../src/llm/lab/lab-engine';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixtureModelsDir, freshDb } from '../helpers';

/** An engine that answers from the system prompt: the first source's text if there is one, else "I don't know". */
class EchoEngine implements LlmEngine {
  calls: { messages: ChatMessage[]; options: Partial<GenerationOptions> }[] = [];
  async load() {}
  async *chat(messages: ChatMessage[], options: Partial<GenerationOptions> = {}): AsyncIterable<ChatChunk> {
    this.calls.push({ messages, options });
    const m = /\[1\] \([^)]*\)\n(.*)/.exec(messages[0]!.content);
    const text = m ? `${m[1]} [1]` : "I don't know.";
    yield { type: 'delta', text };
    yield { type: 'done', usage: { promptTokens: 5, completionTokens: 3, timeToFirstTokenMs: 1, prefillTokensPerS: 1, decodeTokensPerS: 9, finishReason: 'stop' } };
  }
  interrupt() {}
  async unload() {}
  capabilities() {
    return { engine: 'lab' as const, device: 'cpu' as const, trainable: true };
  }
}

/** An engine that always writes the same answer. */
class FixedEngine extends EchoEngine {
  constructor(private readonly answer: string) {
    super();
  }
  override async *chat(messages: ChatMessage[], options: Partial<GenerationOptions> = {}): AsyncIterable<ChatChunk> {
    this.calls.push({ messages, options });
    yield { type: 'delta', text: this.answer };
    yield { type: 'done', usage: { promptTokens: 5, completionTokens: 2, timeToFirstTokenMs: 1, prefillTokensPerS: 1, decodeTokensPerS: 9, finishReason: 'stop' } };
  }
}

const items: QaItem[] = [
  { id: 'a', question: 'When was it founded?', answer: '1962', doc_ids: ['history'], split: 'test' },
  { id: 'b', question: 'Who drives the tractor?', answer: null, doc_ids: [], split: 'test' },
  { id: 'c', question: 'What is the price?', answer: '3 crowns', doc_ids: ['prices'], split: 'test' },
];
const chunkFor = (q: string) => (q.includes('founded') ? { docName: 'history.md', text: 'Founded in 1962.' } : { docName: 'prices.md', text: 'Barley costs 3 crowns.' });

function run(id: string, modes: EvalRun['config']['modes'] = ['base', 'rag']): EvalRun {
  return {
    id, name: id, createdAt: 0, status: 'running',
    config: { qaSetId: 's', split: 'test', modes, baseModel: 'm', fineTunedModel: null, retrieval: { k: 1, mode: 'hybrid' }, temperature: 0, topP: 1, maxTokens: 16, seed: 42, limit: null, promptTemplate: 'Sources:\n{sources}' },
    provenance: { qaSetName: 's', qaSetHash: 'h', itemIds: items.map((i) => i.id), adapter: null, embedderId: 'e', appVersion: '0', browser: 'node', gpuAdapter: 'none' },
  };
}

let store: EvalStore;
let engine: EchoEngine;
let ports: EvalPorts;
beforeEach(async () => {
  store = await freshDb(() => EvalStore.open('test'));
  engine = new EchoEngine();
  ports = {
    engine: async () => engine,
    retrieve: async (q): Promise<RetrievalResponse> => ({
      results: [{ docId: 'd', ord: 0, headingPath: [], start: 0, end: 1, score: 1, scores: {}, ...chunkFor(q) }],
      mode: 'hybrid', timings: { embedMs: 0, vectorMs: 0, lexicalMs: 0, fuseMs: 0, searchMs: 0, rerankMs: 0 }, searchable: 2, stale: 0,
    }),
    savedKeys: (id) => store.resultKeys(id),
    save: (r) => store.putResult(r),
  };
});

describe('eval runner', () => {
  it('runs every item in every mode, with the run seed, and scores each result', async () => {
    await runEval(run('r1'), items, ports, () => {}, new AbortController().signal);
    const results = await store.results('r1');
    expect(results.map((r) => r.key).sort()).toEqual(['base:a', 'base:b', 'base:c', 'rag:a', 'rag:b', 'rag:c']);
    expect(engine.calls.every((c) => c.options.seed === 42 && c.options.maxTokens === 16)).toBe(true);
    const ragA = results.find((r) => r.key === 'rag:a')!;
    expect(ragA.output).toBe('Founded in 1962. [1]');
    expect(ragA.scores).toMatchObject({ contains: 1, hit: 1, citePrecision: 1 });
    expect(results.find((r) => r.key === 'base:b')!.scores).toMatchObject({ abstained: 1, answerable: 0 });
  });

  it('is reproducible with a real model: the same seed gives the same sampled answers, another seed other ones', async () => {
    // The lab engine on the random-weight fixture, sampling at temperature 1 (what Evaluate's seed controls).
    const lab = new LabEngine(async (id, file) => new Uint8Array(await readFile(join(fixtureModelsDir, id, file))).buffer);
    await lab.load('tiny-llama');
    const sampled = (id: string, seed: number): EvalRun => {
      const r = run(id);
      return { ...r, config: { ...r.config, temperature: 1, maxTokens: 8, seed } };
    };
    const outputs = async (r: EvalRun) => {
      await runEval(r, items, { ...ports, engine: async () => lab }, () => {}, new AbortController().signal);
      return Object.fromEntries((await store.results(r.id)).map((x) => [x.key, x.output]));
    };
    const a = await outputs(sampled('a', 7));
    expect(Object.keys(a)).toHaveLength(6);
    expect(await outputs(sampled('b', 7))).toEqual(a);
    expect(await outputs(sampled('c', 8))).not.toEqual(a);
  }, 60_000);

  it('hands the run\'s retrieval settings (reranking included) and its signal to every retrieval', async () => {
    const seen: [unknown, AbortSignal | undefined][] = [];
    const retrieve = ports.retrieve;
    ports.retrieve = (q, options, signal) => (seen.push([options, signal]), retrieve(q, options, signal));
    const controller = new AbortController();
    const r = run('r-rerank');
    r.config.retrieval = { ...r.config.retrieval, rerank: { modelId: 'local/r', topN: 10 } };
    await runEval(r, items, ports, () => {}, controller.signal);
    expect(seen).toHaveLength(3);
    expect(seen.every(([o, s]) => (o as { rerank?: unknown }).rerank !== undefined && s === controller.signal)).toBe(true);
  });

  it('resumes after an interruption without repeating saved items', async () => {
    const controller = new AbortController();
    let saves = 0;
    const stopping: EvalPorts = { ...ports, save: async (r) => { await store.putResult(r); if (++saves === 2) controller.abort(); } };
    await expect(runEval(run('r2'), items, stopping, () => {}, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect((await store.results('r2')).length).toBe(2);
    const progress: number[] = [];
    engine.calls = [];
    await runEval(run('r2'), items, ports, (p) => progress.push(p.done), new AbortController().signal);
    expect(engine.calls).toHaveLength(4);
    expect(progress[0]).toBe(2);
    const keys = (await store.results('r2')).map((r) => r.key);
    expect(new Set(keys).size).toBe(6);
    expect(keys).toHaveLength(6);
  });

  it('refuses the fine-tuned modes without a fine-tuned model', () => {
    expect(() => planTasks(run('r3', ['base', 'ft']), items)).toThrow(EvalError);
  });

  it('groups work by model: the fine-tuned model loads once, after the base', () => {
    const r = run('r4', ['rag-ft', 'base']);
    r.config.fineTunedModel = 'ft';
    expect(planTasks(r, items.slice(0, 2)).map((t) => `${t.model}/${t.mode}/${t.item.id}`)).toEqual(['m/base/a', 'm/base/b', 'ft/rag-ft/a', 'ft/rag-ft/b']);
  });

  it('asks with RoG\'s prompt in the graph modes: the numbered paths are recorded, [n] scored by what the prompt numbered, each stage timed', async () => {
    const graphItem: QaItem = { id: 'g', question: 'The cottage rent goes into a fund created after which event?', answer: 'storm', doc_ids: ['history'], split: 'test' };
    const evidence = (docName: string) => ({ docId: docName, docName, ord: 0, start: 0, end: 1, text: 's', extractor: 'pattern' });
    const hops = [
      { from: 'rent', fromName: 'rent', to: 'seawall fund', toName: 'seawall fund', relation: 'paid_into', reverse: false, evidence: [evidence('lighthouse-cottage.md')] },
      { from: 'seawall fund', fromName: 'seawall fund', to: 'storm', toName: 'storm', relation: 'created_after', reverse: false, evidence: [evidence('history.md')] },
    ];
    const retrieve = (mode: 'graph' | 'hybrid-graph') => async (): Promise<RetrievalResponse> => ({
      results: [{ docId: 'p', docName: 'prices.md', ord: 0, headingPath: [], start: 0, end: 1, score: 1, scores: {}, text: 'Barley costs 3 crowns.' }],
      mode, timings: { embedMs: 0, vectorMs: 0, lexicalMs: 0, fuseMs: 0, searchMs: 0, rerankMs: 0, graphMs: 6 }, searchable: 2, stale: 0,
      graph: {
        linked: ['rent'], baseline: 'storm', entities: 9, edges: 8, plans: [{ relations: ['paid_into', 'created_after'], matched: true }],
        paths: [{ text: 'rent → paid_into → seawall fund → created_after → storm', score: 1, end: 'storm', sources: [], hops }],
        stages: { linkMs: 1, planMs: 2, searchMs: 3 },
      },
    });
    const answers = { graph: 'storm [1]', 'hybrid-graph': 'storm [2]' };
    for (const mode of ['graph', 'hybrid-graph'] as const) {
      const rog = new FixedEngine(answers[mode]);
      const r = run(`r-${mode}`, ['rag']);
      r.config.retrieval = { k: 1, mode };
      await runEval(r, [graphItem], { ...ports, engine: async () => rog, retrieve: retrieve(mode) }, () => {}, new AbortController().signal);
      const [saved] = await store.results(r.id);
      const calls = rog.calls.map((c) => c.messages);
      // Chat's prompt builder: RoG's instruction with path 1, and in "Hybrid + graph" the passage numbered after it.
      expect(calls[0]![0]!.content).toContain('Reasoning Paths:\n[1] rent → paid_into → seawall fund → created_after → storm');
      expect(calls[0]![0]!.content.includes('Passages:\n[2] (prices.md)\nBarley costs 3 crowns.')).toBe(mode === 'hybrid-graph');
      expect(saved!.messages).toEqual(calls[0]);
      expect(saved!.paths).toEqual([{ text: 'rent → paid_into → seawall fund → created_after → storm', docs: ['lighthouse-cottage.md', 'history.md'] }]);
      // [1] is path 1 (stated in history.md, a gold document, and the cottage's); [2] in "Hybrid + graph" is prices.md.
      expect(saved!.scores).toMatchObject(mode === 'graph' ? { citePrecision: 0.5, citeRecall: 1 } : { citePrecision: 0, citeRecall: 0 });
      expect(saved!.scores).toMatchObject({ rogHit: 1, graphLinkMs: 1, graphPlanMs: 2, graphSearchMs: 3 });
      expect(saved!.scores.retrievalMs).toBeGreaterThanOrEqual(0);
      expect(saved!.scores.generationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('records retrieval and generation time in every mode, retrieval null without retrieval', async () => {
    await runEval(run('r-times'), items.slice(0, 1), ports, () => {}, new AbortController().signal);
    const results = await store.results('r-times');
    expect(results.find((r) => r.mode === 'base')!.scores).toMatchObject({ retrievalMs: null, generationMs: expect.any(Number) });
    expect(results.find((r) => r.mode === 'rag')!.scores).toMatchObject({ retrievalMs: expect.any(Number), generationMs: expect.any(Number) });
    expect(results.every((r) => r.paths === undefined && r.scores.graphLinkMs === undefined)).toBe(true);
  });

  it('deleting a run removes its results only', async () => {
    await runEval(run('r5'), items.slice(0, 1), ports, () => {}, new AbortController().signal);
    await runEval(run('r6'), items.slice(0, 1), ports, () => {}, new AbortController().signal);
    await store.putRun(run('r5'));
    await store.deleteRun('r5');
    expect(await store.results('r5')).toEqual([]);
    expect(await store.results('r6')).toHaveLength(2);
    expect(await store.getRun('r5')).toBeUndefined();
  });
});
