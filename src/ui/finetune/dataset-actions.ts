// Fine-tune datasets: the UI's side of finetune/dataset-builder.ts. It wires
// the builder's ports to the app (engines, retriever, library, stores), keeps
// the task state, and exports datasets.
import { readmeText } from './finetune-labels';
import { buildDataset as build, normalizeDatasetForm, type DatasetForm, type DatasetPorts } from '../../finetune/dataset-builder';
import { renderExample, toJsonl, trainingNote } from '../../finetune/render';
import type { TrainingExample } from '../../finetune/datasets';
import { readTargetModel, type TargetModel } from '../../finetune/target-model';
import { readCachedOrFetch } from '../../llm/web-llm/model-cache';
import { EvalError, tKey } from '../../shared/errors';
import { CancellableTask } from '../cancellable-task';
import { messageOf, t } from '../i18n/i18n';
import type { Services } from '../actions';
import { baseChoices, ragTemplate } from '../chat/chat-state';
import { stores } from '../database';
import { loadEngine } from '../engines';
import { datasetForm, datasets, datasetTask, selectedDatasetId } from './finetune-state';
import { modelFolder } from './finetune-actions';
import { journaled } from '../job-journal';
import { libraryChunks, libraryGraph } from '../library/library-actions';
import { retrievalOptions } from '../library/library-state';
import { saveFile } from '../save-file';

export type { DatasetForm };

const task = new CancellableTask();

/** The target model's conv_template and tokenizer, read from its own files. */
async function targetModel(modelId: string): Promise<TargetModel> {
  const choice = baseChoices.value.find((m) => m.id === modelId);
  if (!choice) throw new EvalError(tKey('errors:dataset.noModel'));
  const folder = modelFolder(choice);
  return readTargetModel((f) => readCachedOrFetch(new URL(f, folder).href));
}

function ports(services: Services): DatasetPorts {
  return {
    qaSet: async (id) => (await stores()).eval.getQaSet(id),
    target: targetModel,
    chunks: libraryChunks,
    engine: (id, signal) => loadEngine(services, id, () => {}, signal),
    // Fixed first-stage settings, and no reranking: the Library's Rerank toggle must not start a reranker download here.
    retrieve: (q, k) => services.retriever.retrieve({ ...retrievalOptions.value, mode: 'hybrid', k, query: q, mmr: undefined, docFilter: undefined, verify: false, rerank: undefined }),
    graph: libraryGraph,
    save: async (record, use) => (await stores()).finetune.putDataset(record, use),
  };
}

/** Updates the dataset form, keeping every number in its range. */
export function updateDatasetForm(patch: Partial<DatasetForm>): void {
  datasetForm.value = normalizeDatasetForm({ ...datasetForm.value, ...patch });
}

export async function buildDataset(services: Services, options: DatasetForm): Promise<void> {
  const form = normalizeDatasetForm(options);
  // The journal keeps this label in the language of the moment (it is shown after a reload).
  const label = t('finetune:datasets.jobLabel', { name: form.name.trim() || form.kind });
  await task.run(async (signal) => {
    datasetTask.value = { state: 'running', done: 0, total: 0, label: tKey('finetune:datasets.readingQaSet') };
    const record = await journaled('dataset', label, 0, (update) =>
      build(form, ports(services), { ragTemplate: ragTemplate.value, k: retrievalOptions.value.k }, (p) => {
        datasetTask.value = { state: 'running', done: p.done, total: p.total, label: p.i18n ?? p.label };
        update({ done: p.done, total: p.total });
      }, signal));
    datasets.value = await (await stores()).finetune.listDatasets();
    selectedDatasetId.value = record.id;
    datasetTask.value = { state: 'idle' };
  }, (e, cancelled) => void (datasetTask.value = cancelled ? { state: 'idle' } : { state: 'failed', message: messageOf(e) }));
}

export function cancelDataset(): void {
  task.cancel();
}

export async function deleteDataset(id: string): Promise<void> {
  const s = (await stores()).finetune;
  await s.deleteDataset(id);
  datasets.value = await s.listDatasets();
}

/** Downloads the dataset as JSONL and its training note (README). */
export async function exportDataset(id: string): Promise<void> {
  const d = datasets.value.find((x) => x.id === id);
  if (!d) return;
  const target = await targetModel(d.modelId);
  const base = d.name.replace(/[^A-Za-z0-9._-]+/g, '-');
  saveFile(new Blob([toJsonl(target.template, d.examples)], { type: 'application/jsonl' }), `${base}.jsonl`);
  saveFile(new Blob([trainingNote(d.kind, base, { id: d.modelId, family: target.family, tied: target.tied }, d.stats, readmeText)], { type: 'text/markdown' }), `${base}.README.md`);
}

/** The rendered prompt and completion of a few examples, for the dataset view. */
export async function renderSamples(id: string, count = 3): Promise<{ prompt: string; completion: string; meta: TrainingExample['meta'] }[]> {
  const d = datasets.value.find((x) => x.id === id);
  if (!d) return [];
  const target = await targetModel(d.modelId);
  return d.examples.slice(0, count).map((e) => ({ ...renderExample(target.template, e), meta: e.meta }));
}
