// Fine-tune datasets: built from a QA set's train split and the library, stored
// with the record of which questions they used (the leakage guard), exported.
import { answerQuestion } from '../eval/answer';
import { selectItems } from '../eval/qa-set';
import { oraclePassages, raftExample, selfGenExample, sftExample, type DatasetKind, type Passage, type RaftOptions, type SelfGenOptions, type TrainingExample } from '../finetune/datasets';
import type { DatasetRecord } from '../finetune/records';
import { datasetStats, renderExample, toJsonl, trainingNote } from '../finetune/render';
import type { ConvTemplate } from '../llm/conv-template';
import { modelShape } from '../llm/reference/config';
import { seededRandom } from '../llm/sampling';
import { readCachedOrFetch } from '../llm/web-llm/model-cache';
import { EvalError, errorMessage, isAbortError } from '../shared/errors';
import type { Services } from './actions';
import { baseChoices, ragTemplate } from './chat-state';
import { loadEngine } from './engines';
import { storeRef } from './eval-actions';
import { datasets, datasetTask, selectedDatasetId } from './finetune-state';
import { finetuneStore, modelFolder } from './finetune-actions';
import { libraryChunks } from './library-actions';
import { retrievalOptions } from './library-state';
import { saveFile } from './save-file';

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

let controller: AbortController | null = null;

interface TargetModel {
  template: ConvTemplate;
  family: string;
  tied: boolean;
  countTokens: (text: string) => number;
}

/** The target model's conv_template and tokenizer, read from its own files. */
async function targetModel(modelId: string): Promise<TargetModel> {
  const choice = baseChoices.value.find((m) => m.id === modelId);
  if (!choice) throw new EvalError('Choose the model the dataset is for.');
  const folder = modelFolder(choice);
  const read = async (f: string) => JSON.parse(new TextDecoder().decode(await readCachedOrFetch(new URL(f, folder).href)));
  const config = await read('mlc-chat-config.json');
  const shape = modelShape(config);
  const { PreTrainedTokenizer } = await import('@huggingface/transformers');
  const tokenizer = new PreTrainedTokenizer(await read('tokenizer.json'), await read('tokenizer_config.json').catch(() => ({})));
  return { template: config.conv_template as ConvTemplate, family: shape.family, tied: shape.tied, countTokens: (t) => tokenizer.encode(t, { add_special_tokens: false }).length };
}

const toPassage = (c: { docName: string; text: string; headingPath?: string[]; page?: number }): Passage => ({ docName: c.docName, text: c.text, headingPath: c.headingPath ?? [], ...(c.page ? { page: c.page } : {}) });

const raftTargetPrompt = (oracle: string, question: string, answer: string, quote: string) => [
  { role: 'system' as const, content: 'You explain answers. Write one or two sentences of reasoning that copy the quote exactly between ##begin_quote## and ##end_quote##, then end with "<ANSWER>: " followed by the answer.' },
  { role: 'user' as const, content: `Document:\n${oracle}\n\nQuestion: ${question}\nAnswer: ${answer}\nQuote: ${quote}` },
];

export async function buildDataset(services: Services, form: DatasetForm): Promise<void> {
  controller = new AbortController();
  const signal = controller.signal;
  try {
    const set = await (await storeRef()).getQaSet(form.qaSetId);
    if (!set) throw new EvalError('Choose a QA set (add the demo pack\'s in Evaluate, or import one there).');
    // Only the train split: the leakage guard keeps these questions out of every eval run afterwards.
    const items = selectItems({ ...set, items: set.items.filter((i) => i.split === 'train') }, 'all', form.limit);
    if (!items.length) throw new EvalError(`"${set.name}" has no questions in its train split.`);
    datasetTask.value = { state: 'running', done: 0, total: items.length, label: 'Reading the model…' };
    const target = await targetModel(form.modelId);
    const random = seededRandom(form.seed);
    const examples: TrainingExample[] = [];
    const skipped: DatasetRecord['skipped'] = [];
    const chunks = form.kind === 'raft' ? (await libraryChunks()).map(toPassage) : [];
    if (form.kind === 'raft' && !chunks.length) throw new EvalError('RAFT needs your documents: add them in Library (or load the demo pack) first.');
    const engine = form.kind === 'self-gen' || (form.kind === 'raft' && form.raft.llmTargets) ? await loadEngine(services, form.modelId, () => {}, signal) : null;
    const retrieve = (q: string, k: number) => services.retriever.retrieve({ ...retrievalOptions.value, mode: 'hybrid', k, query: q, mmr: undefined, docFilter: undefined, verify: false });
    for (const [i, item] of items.entries()) {
      signal.throwIfAborted();
      datasetTask.value = { state: 'running', done: i, total: items.length, label: `Question ${i + 1} of ${items.length}` };
      if (form.kind === 'sft') examples.push(sftExample(item));
      else if (form.kind === 'raft') {
        const candidates = (await retrieve(item.question, form.raft.distractors + 6)).results.map(toPassage);
        const oracle = oraclePassages(item, chunks);
        let llmTarget: string | undefined;
        if (engine && item.answer !== null && oracle[0]) {
          llmTarget = '';
          const quote = item.quote ?? item.answer;
          for await (const c of engine.chat(raftTargetPrompt(oracle[0].text, item.question, item.answer, quote), { temperature: 0, maxTokens: 128, seed: form.seed }, signal)) {
            if (c.type === 'delta') llmTarget += c.text;
          }
        }
        const ex = raftExample(item, oracle, candidates, form.raft, random, ragTemplate.value, llmTarget);
        if ('reason' in ex) skipped.push(ex);
        else examples.push(ex);
      } else {
        const withContext = random() >= form.selfGen.noContextShare;
        const a = await answerQuestion(engine!, {
          question: item.question, template: ragTemplate.value,
          generation: { temperature: 0, maxTokens: form.selfGen.maxTokens, seed: form.seed },
          retrieve: withContext ? (q) => retrieve(q, retrievalOptions.value.k) : null,
        }, signal);
        examples.push(selfGenExample(item, a.messages, a.output, form.selfGen));
      }
    }
    const used = items.filter((i) => !skipped.some((s) => s.itemId === i.id));
    const record: DatasetRecord = {
      id: `ds-${Date.now().toString(36)}`,
      name: form.name.trim() || `${form.kind} · ${set.name}`,
      kind: form.kind, qaSetId: set.id, qaSetHash: set.hash, modelId: form.modelId, itemIds: used.map((i) => i.id),
      examples, skipped, stats: datasetStats(target.template, examples, target.countTokens),
      options: { seed: form.seed, limit: form.limit, ...(form.kind === 'raft' ? form.raft : form.kind === 'self-gen' ? form.selfGen : {}), ragTemplate: ragTemplate.value },
      createdAt: Date.now(),
    };
    // The dataset and the record of the questions it used are stored together (the leakage guard reads the record).
    await (await finetuneStore()).putDataset(record, used);
    datasets.value = await (await finetuneStore()).listDatasets();
    selectedDatasetId.value = record.id;
    datasetTask.value = { state: 'idle' };
  } catch (e) {
    datasetTask.value = isAbortError(e) ? { state: 'idle' } : { state: 'failed', message: errorMessage(e) };
  } finally {
    controller = null;
  }
}

export function cancelDataset(): void {
  controller?.abort();
}

export async function deleteDataset(id: string): Promise<void> {
  await (await finetuneStore()).deleteDataset(id);
  datasets.value = await (await finetuneStore()).listDatasets();
}

/** Downloads the dataset as JSONL and its training note (README). */
export async function exportDataset(id: string): Promise<void> {
  const d = datasets.value.find((x) => x.id === id);
  if (!d) return;
  const target = await targetModel(d.modelId);
  const base = d.name.replace(/[^A-Za-z0-9._-]+/g, '-');
  saveFile(new Blob([toJsonl(target.template, d.examples)], { type: 'application/jsonl' }), `${base}.jsonl`);
  saveFile(new Blob([trainingNote(d.kind, base, { id: d.modelId, family: target.family, tied: target.tied }, d.stats)], { type: 'text/markdown' }), `${base}.README.md`);
}

/** The rendered prompt and completion of a few examples, for the dataset view. */
export async function renderSamples(id: string, count = 3): Promise<{ prompt: string; completion: string; meta: TrainingExample['meta'] }[]> {
  const d = datasets.value.find((x) => x.id === id);
  if (!d) return [];
  const target = await targetModel(d.modelId);
  return d.examples.slice(0, count).map((e) => ({ ...renderExample(target.template, e), meta: e.meta }));
}
