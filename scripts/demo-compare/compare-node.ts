// `npm run demo:compare`'s Node half: the base / RAG / fine-tune / RAG + fine-tune comparison of the product, end
// to end on Wasm, with the app's own code at every stage: the library (ingestion, embedding, store, search engine
// and retriever), the eval runner and its metrics, the dataset builder (RAFT and self-generated demonstrations),
// the LoRA trainer, and the merge. Nothing is scored on items a dataset trained on: datasets come from the QA
// set's train split, every eval from its held-out test split.
import 'fake-indexeddb/auto';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Embedder } from '../../src/embed/embedder';
import { buildDataset, defaultDatasetForm, type DatasetForm } from '../../src/finetune/dataset-builder';
import { renderExample } from '../../src/finetune/render';
import { readTargetModel } from '../../src/finetune/target-model';
import { adapterFiles } from '../../src/finetune/train/adapter';
import { runTraining } from '../../src/finetune/train/run';
import { openSession } from '../../src/finetune/train/session';
import { presets, type TrainSettings } from '../../src/finetune/train/settings';
import { mergeModel } from '../../src/finetune/merge-job';
import { makeQaSet } from '../../src/eval/qa-set';
import { summarizeRun, type RunSummary } from '../../src/eval/report';
import { runEval } from '../../src/eval/runner';
import type { EvalMode, EvalResult, EvalRun, QaItem } from '../../src/eval/types';
import { LabEngine } from '../../src/llm/lab/lab-engine';
import { pickJaxDevice } from '../../src/llm/lab/jax-device';
import { defaultRagTemplate } from '../../src/rag/prompt';
import { Retriever } from '../../src/retrieval/retriever';
import { SearchEngine } from '../../src/retrieval/search-engine';
import type { EmbedderEntry } from '../../src/shared/catalog-types';
import { defaultRetrievalOptions } from '../../src/shared/search-api';
import { importLibrary } from '../../src/store/library-export';
import { LibraryStore } from '../../src/store/library-store';
import { buildLibrary, demoPackFiles } from '../pack/library-node';

export interface CompareJob {
  /** The demo pack's folder (public/demo or public/demo-zh): manifest.json, docs/, qa.jsonl. */
  packDir: string;
  /** The folder that holds the embedder at `embedder.path`. */
  modelsDir: string;
  embedder: EmbedderEntry;
  /** The LLM's MLC folder (mlc-chat-config.json, tensor-cache.json, tokenizer.json). */
  llmDir: string;
  /** Test items to evaluate (null: the whole test split) and train items to build datasets from (null: all). */
  testLimit: number | null;
  trainLimit: number | null;
  /** Training settings for both adapters (the quick preset with these overrides). */
  train: Partial<TrainSettings>;
  maxTokens: number;
  /** Development: evaluate base and RAG on the train split and stop (a model or prompt is tuned on this, never on the test split). */
  dev?: boolean;
  /** With `dev`: a file to write each prompt (the messages as the model got them) and reply to, as JSONL. */
  dump?: string;
  log: (line: string) => void;
}

export interface CompareRow {
  label: string;
  mode: EvalMode;
  summary: RunSummary[EvalMode];
}

export interface CompareResult {
  pack: string;
  items: { test: number; trainRaft: number; trainSelfGen: number };
  rows: CompareRow[];
  stages: { name: string; seconds: number }[];
  training: { dataset: string; steps: number; finalLoss: number | null; seconds: number }[];
}

const bytes = async (path: string) => {
  const b = await readFile(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

/** A lab engine on this process's best jax-js device (Wasm in Node), over files read by `read`. */
async function labEngine(id: string, read: (file: string) => Promise<ArrayBuffer>): Promise<LabEngine> {
  const engine = new LabEngine((_id, file) => read(file));
  await engine.setDevice(await pickJaxDevice());
  await engine.load(id);
  return engine;
}

export async function demoCompare(job: CompareJob): Promise<CompareResult> {
  const stages: CompareResult['stages'] = [];
  const stage = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    job.log(`${name}…`);
    const out = await f();
    const seconds = (performance.now() - t) / 1000;
    stages.push({ name, seconds });
    job.log(`${name}: ${seconds.toFixed(1)} s`);
    return out;
  };
  const manifest = JSON.parse(await readFile(join(job.packDir, 'manifest.json'), 'utf8')) as { name: string; qa: { file: string } };
  const allItems = (await readFile(join(job.packDir, manifest.qa.file), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as QaItem);

  // 1. The library, indexed with the chosen embedder, as the page would (then imported into this process's store).
  const storeName = `demo-compare-${Date.now()}`;
  await stage('Index the pack', async () => {
    const built = await buildLibrary(await demoPackFiles(job.packDir), job.embedder, job.modelsDir);
    if (built.failed.length) throw new Error(`Indexing failed for ${built.failed.map((f) => `${f.name} (${f.reason})`).join(', ')}`);
    await importLibrary(await LibraryStore.open(storeName), built.zip);
  });
  const store = await LibraryStore.open(storeName);
  const embedder = new Embedder({ batchSize: 16 });
  await embedder.load({ entry: job.embedder, source: { kind: 'local', baseUrl: `${job.modelsDir.replace(/\/+$/, '')}/` }, device: 'cpu' });
  let embedJob = 0;
  // The search worker's engine in-process; `synced` as its bridge keeps it, so the vectors load once.
  const engine = new SearchEngine(() => LibraryStore.open(storeName));
  const search = {
    synced: null as string | null,
    sync: async (id: string) => {
      const info = await engine.sync(id);
      search.synced = id;
      return info;
    },
    search: engine.search.bind(engine),
    planLabels: engine.planLabels.bind(engine),
  };
  const retriever = new Retriever({
    embedderId: () => job.embedder.id,
    embedQuery: async (text) => (await embedder.embed(++embedJob, [text], 'query')).vectors,
    search,
  });

  const qaSet = await makeQaSet(manifest.name, 'demo', allItems);
  const split = job.dev ? 'train' : 'test';
  const test = allItems.filter((i) => i.split === split).slice(0, job.testLimit ?? undefined);
  const readBase = (file: string) => bytes(join(job.llmDir, file));
  const base = await labEngine('base', readBase);
  const target = await readTargetModel(readBase);

  const results = new Map<string, EvalResult[]>();
  const evaluate = async (label: string, runId: string, modes: EvalMode[], engines: { base: LabEngine; ft?: LabEngine }): Promise<CompareRow[]> => {
    const run: EvalRun = {
      id: runId, name: runId, createdAt: Date.now(), status: 'running',
      config: {
        // A dev run's items are the train split's (passed below); the run record has no 'train' split of its own.
        qaSetId: qaSet.id, split: job.dev ? 'all' : 'test', modes, baseModel: 'base', fineTunedModel: engines.ft ? 'ft' : null,
        retrieval: { ...defaultRetrievalOptions }, temperature: 0, topP: 1, maxTokens: job.maxTokens, seed: 42, limit: job.testLimit, promptTemplate: defaultRagTemplate,
      },
      provenance: { qaSetName: qaSet.name, qaSetHash: qaSet.hash, itemIds: test.map((i) => i.id), adapter: null, embedderId: job.embedder.id, appVersion: 'demo-compare', browser: 'node', gpuAdapter: 'none' },
    };
    const saved: EvalResult[] = [];
    await runEval(run, test, {
      engine: async (model) => (model === 'ft' ? engines.ft! : engines.base),
      retrieve: (question, options, signal) => retriever.retrieve({ ...options, query: question }, signal ? { signal } : {}),
      savedKeys: async () => new Set(saved.map((r) => r.key)),
      save: async (r) => {
        saved.push(r);
        // A dev run shows what the model wrote, item by item (the train split's, never the test split's).
        if (job.dev) {
          // And whether the gold answer was in the prompt at all (after retrieval and the reader's compression).
          const gold = test.find((i) => i.id === r.itemId)?.answer;
          const shown = gold && r.messages.some((m) => m.content.toLowerCase().includes(gold.toLowerCase()));
          // The prompt's length too: the reader was trained on prompts of at most about 470 tokens, and demo text tokenizes
          // at about 2 characters a token with its vocabulary (a 1,500-character prompt is about 750 tokens).
          const chars = r.messages.reduce((n, m) => n + m.content.length, 0);
          if (job.dump) await appendFile(job.dump, `${JSON.stringify({ id: r.itemId, mode: r.mode, answer: gold ?? null, messages: r.messages, output: r.output })}\n`);
          job.log(`${r.mode} ${r.itemId}${r.mode === 'rag' ? ` (answer ${shown ? 'in' : 'not in'} the prompt of ${chars} characters)` : ''}: ${JSON.stringify(r.question)} → ${JSON.stringify(r.output.slice(0, 160))}`);
        }
      },
    }, () => undefined, new AbortController().signal);
    results.set(runId, saved);
    const summary = summarizeRun(run, saved);
    return modes.map((mode) => ({ label: mode === 'rag' ? 'RAG' : mode === 'rag-ft' ? `RAG + ${label}` : label, mode, summary: summary[mode] }));
  };

  const rows: CompareRow[] = [];
  rows.push(...(await stage('Evaluate base and RAG', () => evaluate('Base', 'base', ['base', 'rag'], { base }))));
  if (job.dev) {
    await base.unload();
    return { pack: manifest.name, items: { test: test.length, trainRaft: 0, trainSelfGen: 0 }, rows, stages, training: [] };
  }

  // 3. Datasets from the train split (the leakage guard's rule: none of these questions is in the test split).
  const datasetPorts = {
    qaSet: async () => qaSet,
    target: async () => target,
    chunks: async () => {
      const names = new Map((await store.listDocuments()).map((d) => [d.id, d.name]));
      return (await store.allChunks()).flatMap(({ docId, chunks }) => chunks.map((c) => ({ docName: names.get(docId) ?? docId, text: c.text, headingPath: c.headingPath, ...(c.page ? { page: c.page } : {}) })));
    },
    engine: async () => base,
    retrieve: (q: string, k: number) => retriever.retrieve({ ...defaultRetrievalOptions, mode: 'hybrid', k, query: q }),
    save: async () => undefined,
  };
  const form = (kind: DatasetForm['kind']): DatasetForm => ({ ...defaultDatasetForm, name: kind, kind, qaSetId: qaSet.id, modelId: 'base', limit: job.trainLimit });
  const raft = await stage('Build the RAFT dataset', () => buildDataset(form('raft'), datasetPorts, { ragTemplate: defaultRagTemplate, k: defaultRetrievalOptions.k }, () => undefined, new AbortController().signal));
  const selfGen = await stage('Build the self-generated dataset', () => buildDataset(form('self-gen'), datasetPorts, { ragTemplate: defaultRagTemplate, k: defaultRetrievalOptions.k }, () => undefined, new AbortController().signal));

  // 4. A LoRA on each, with the app's trainer; merged into the base as the Fine-tune view does.
  const training: CompareResult['training'] = [];
  const fineTune = async (name: string, dataset: typeof raft): Promise<LabEngine> => {
    const settings: TrainSettings = { ...presets.quick, ...job.train };
    const examples = dataset.examples.map((e) => renderExample(target.template, e));
    const t = performance.now();
    const session = await openSession(readBase, 'base', examples, settings, { device: 'wasm' });
    let merged;
    try {
      const { checkpoint } = await runTraining(session.trainer, session.data, settings, {
        onStep: (p) => p.step % 10 === 0 && job.log(`  ${name} step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(3)}`),
      });
      training.push({ dataset: name, steps: checkpoint.step, finalLoss: checkpoint.losses.at(-1)?.loss ?? null, seconds: (performance.now() - t) / 1000 });
      merged = await mergeModel(readBase, adapterFiles(name, checkpoint.state.lora, settings, 'base'), 'base', null);
    } finally {
      session.dispose();
    }
    const files = merged.files;
    return labEngine(name, async (file) => {
      const b = files.get(file);
      if (b) return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
      return readBase(file);
    });
  };
  const raftModel = await stage('Train a LoRA on RAFT', () => fineTune('raft', raft));
  rows.push(...(await stage('Evaluate FT and RAG + FT (RAFT)', () => evaluate('FT (RAFT)', 'raft', ['ft', 'rag-ft'], { base, ft: raftModel }))));
  await raftModel.unload();
  const selfGenModel = await stage('Train a LoRA on self-generated demonstrations', () => fineTune('self-gen', selfGen));
  rows.push(...(await stage('Evaluate FT and RAG + FT (self-generated)', () => evaluate('FT (self-gen)', 'self-gen', ['ft', 'rag-ft'], { base, ft: selfGenModel }))));
  await selfGenModel.unload();
  await base.unload();
  return { pack: manifest.name, items: { test: test.length, trainRaft: raft.examples.length, trainSelfGen: selfGen.examples.length }, rows, stages, training };
}
