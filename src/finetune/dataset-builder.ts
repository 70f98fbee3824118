// Builds a fine-tune dataset from a QA set's train split: RAFT, self-generated
// demonstrations or plain SFT. Like eval/runner.ts it takes everything it
// touches as ports (the engine, the retriever, the library's chunks, storage),
// so the whole loop runs in Node tests with a scripted engine.
import { answerQuestion } from '../eval/answer';
import { trainingUse, type TrainingUse } from '../eval/leakage';
import { selectItems } from '../eval/qa-set';
import type { QaSet } from '../eval/types';
import type { LlmEngine } from '../llm/engine';
import { EvalError, tKey, type Translatable } from '../shared/errors';
import { detectPromptLanguage } from '../shared/language';
import { promptVariants } from '../rag/prompt-variants';
import type { ChatMessage } from '../shared/llm-types';
import { seededRandom } from '../shared/random.mjs';
import type { RetrievalResponse } from '../shared/search-api';
import { defaultRaftOptions, defaultSelfGenOptions, oraclePassages, raftExample, selfGenExample, sftExample, type DatasetKind, type Passage, type RaftOptions, type SelfGenOptions, type TrainingExample } from './datasets';
import type { KnowledgeGraph } from '../graph/knowledge-graph';
import type { DatasetRecord } from './records';
import { rogPlanningExample, rogReasoningExample } from './rog-datasets';
import { datasetStats } from './render';
import type { TargetModel } from './target-model';

export interface DatasetForm {
  name: string;
  kind: DatasetKind;
  qaSetId: string;
  modelId: string;
  limit: number | null;
  seed: number;
  raft: RaftOptions & { llmTargets: boolean };
  selfGen: SelfGenOptions & { maxTokens: number };
}

const clamp = (x: number, lo: number, hi: number, fallback: number) => (Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : fallback);

/** The form's defaults: RAFT with P 0.8 and 3 distractors, 20 questions, seed 1. */
export const defaultDatasetForm: DatasetForm = {
  name: '', kind: 'raft', qaSetId: '', modelId: '', limit: 20, seed: 1,
  raft: { ...defaultRaftOptions, llmTargets: false }, selfGen: { ...defaultSelfGenOptions, maxTokens: 64 },
};

/** Brings every number of the form into its allowed range (what the inputs' min and max say); NaN falls back to the default. */
export function normalizeDatasetForm(f: DatasetForm): DatasetForm {
  const d = defaultDatasetForm;
  return {
    ...f,
    limit: f.limit !== null && Number.isFinite(f.limit) && f.limit >= 1 ? Math.floor(f.limit) : null,
    seed: Math.floor(clamp(f.seed, 0, 2 ** 32 - 1, d.seed)),
    raft: { ...f.raft, p: clamp(f.raft.p, 0, 1, d.raft.p), distractors: Math.round(clamp(f.raft.distractors, 1, 10, d.raft.distractors)) },
    selfGen: {
      ...f.selfGen,
      threshold: clamp(f.selfGen.threshold, 0, 1, d.selfGen.threshold),
      noContextShare: clamp(f.selfGen.noContextShare, 0, 1, d.selfGen.noContextShare),
      maxTokens: Math.round(clamp(f.selfGen.maxTokens, 8, 512, d.selfGen.maxTokens)),
    },
  };
}

export interface DatasetPorts {
  qaSet(id: string): Promise<QaSet | undefined>;
  target(modelId: string): Promise<TargetModel>;
  /** Every chunk of the library (RAFT's oracle passages come from here). */
  chunks(): Promise<{ docName: string; text: string; headingPath?: string[]; page?: number }[]>;
  engine(modelId: string, signal: AbortSignal): Promise<LlmEngine>;
  /** Hybrid retrieval of k chunks. */
  retrieve(question: string, k: number): Promise<RetrievalResponse>;
  /** The knowledge graph of the library's documents (RoG datasets); null when none is stored. */
  graph?(): Promise<KnowledgeGraph | null>;
  /** Stores the dataset and the record of the questions it used, in one transaction. */
  save(record: DatasetRecord, use: TrainingUse): Promise<void>;
}

export interface DatasetProgress {
  done: number;
  total: number;
  label: string;
  /** The label's translation key, for the UI. */
  i18n?: Translatable;
}

/** The RAG prompt template and the k that self-generated answers retrieve with (the app's current settings). */
export interface DatasetContext {
  ragTemplate: string;
  k: number;
  now?: () => number;
}

/** A library chunk or a retrieved one, as a dataset prompt shows it. */
export const toPassage = (c: { docName: string; text: string; headingPath?: string[]; page?: number }): Passage => ({
  docName: c.docName, text: c.text, headingPath: c.headingPath ?? [], ...(c.page ? { page: c.page } : {}),
});

/** In the question's language, like the RAG prompt the target will follow. */
function raftTargetPrompt(oracle: string, question: string, answer: string, quote: string): ChatMessage[] {
  const { system, user } = promptVariants[detectPromptLanguage(question)].raftWriter;
  return [{ role: 'system', content: system }, { role: 'user', content: user(oracle, question, answer, quote) }];
}

async function collect(stream: AsyncIterable<{ type: string; text?: string }>): Promise<string> {
  let out = '';
  for await (const c of stream) if (c.type === 'delta') out += c.text ?? '';
  return out;
}

/** Builds, stores and returns the dataset. Only the train split is used: the leakage guard keeps it out of eval runs. */
export async function buildDataset(form: DatasetForm, ports: DatasetPorts, context: DatasetContext, onProgress: (p: DatasetProgress) => void, signal: AbortSignal): Promise<DatasetRecord> {
  const set = await ports.qaSet(form.qaSetId);
  if (!set) throw new EvalError(tKey('errors:dataset.noQaSet'));
  const items = selectItems({ ...set, items: set.items.filter((i) => i.split === 'train') }, 'all', form.limit);
  if (!items.length) throw new EvalError(tKey('errors:dataset.noTrainItems', { name: set.name }));
  onProgress({ done: 0, total: items.length, label: 'Reading the model…', i18n: tKey('finetune:datasets.readingModel') });
  const target = await ports.target(form.modelId);
  const random = seededRandom(form.seed);
  const examples: TrainingExample[] = [];
  const skipped: DatasetRecord['skipped'] = [];
  const chunks = form.kind === 'raft' ? (await ports.chunks()).map(toPassage) : [];
  if (form.kind === 'raft' && !chunks.length) throw new EvalError(tKey('errors:dataset.raftNeedsDocs'));
  const rog = form.kind === 'rog-planning' || form.kind === 'rog-reasoning';
  const kg = rog ? await ports.graph?.() : null;
  if (rog && !kg?.graph.size) {
    throw new EvalError(tKey('errors:dataset.rogNeedsGraph'));
  }
  const needsEngine = form.kind === 'self-gen' || (form.kind === 'raft' && form.raft.llmTargets);
  const engine = needsEngine ? await ports.engine(form.modelId, signal) : null;
  const generation = (maxTokens: number) => ({ temperature: 0, topP: 1, maxTokens, seed: form.seed });
  for (const [i, item] of items.entries()) {
    signal.throwIfAborted();
    onProgress({ done: i, total: items.length, label: `Question ${i + 1} of ${items.length}`, i18n: tKey('finetune:datasets.question', { n: i + 1, total: items.length }) });
    if (form.kind === 'sft') {
      examples.push(sftExample(item));
    } else if (rog) {
      const ex = form.kind === 'rog-planning' ? rogPlanningExample(item, kg!) : rogReasoningExample(item, kg!);
      if ('reason' in ex) skipped.push(ex);
      else examples.push(ex);
    } else if (form.kind === 'raft') {
      const candidates = (await ports.retrieve(item.question, form.raft.distractors + 6)).results.map(toPassage);
      const oracle = oraclePassages(item, chunks);
      let llmTarget: string | undefined;
      if (engine && item.answer !== null && oracle[0]) {
        llmTarget = await collect(engine.chat(raftTargetPrompt(oracle[0].text, item.question, item.answer, item.quote ?? item.answer), generation(128), signal));
      }
      const ex = raftExample(item, oracle, candidates, form.raft, random, context.ragTemplate, llmTarget, target.sourceBudget);
      if ('reason' in ex) skipped.push(ex);
      else examples.push(ex);
    } else {
      const withContext = random() >= form.selfGen.noContextShare;
      const a = await answerQuestion(engine!, {
        question: item.question, template: context.ragTemplate, generation: generation(form.selfGen.maxTokens),
        retrieve: withContext ? (q) => ports.retrieve(q, context.k) : null,
      }, signal);
      examples.push(selfGenExample(item, a.messages, a.output, form.selfGen));
    }
  }
  const used = items.filter((i) => !skipped.some((s) => s.itemId === i.id));
  const createdAt = (context.now ?? Date.now)();
  const record: DatasetRecord = {
    id: `ds-${createdAt.toString(36)}`,
    name: form.name.trim() || `${form.kind} · ${set.name}`,
    kind: form.kind, qaSetId: set.id, qaSetHash: set.hash, modelId: form.modelId, itemIds: used.map((i) => i.id),
    examples, skipped, stats: datasetStats(target.template, examples, target.countTokens),
    options: { seed: form.seed, limit: form.limit, ...(form.kind === 'raft' ? form.raft : form.kind === 'self-gen' ? form.selfGen : {}), ragTemplate: context.ragTemplate },
    createdAt,
  };
  await ports.save(record, trainingUse(record.id, record.name, set.id, used));
  return record;
}
