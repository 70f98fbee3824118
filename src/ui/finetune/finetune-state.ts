// Fine-tune view state: datasets, the adapter being imported, merged models.
import type { Message } from '../i18n/i18n';
import { signal } from '@preact/signals';
import type { AdapterFiles, MergeCheck, MergeSummary, MergeTarget } from '../../shared/finetune-api';
import type { DatasetRecord, MergedModelRecord } from '../../finetune/records';
import { defaultDatasetForm, type DatasetForm } from '../../finetune/dataset-builder';

export const datasets = signal<DatasetRecord[]>([]);
/** Merged (fine-tuned) models; Chat, Compare and Evaluate offer them as "<base> + <adapter>". */
export const mergedModels = signal<MergedModelRecord[]>([]);
/** Whether web-llm's own hasModelInCache finds each merged model. */
export const mergedCached = signal<Record<string, boolean>>({});

export type DatasetTask = { state: 'idle' } | { state: 'running'; done: number; total: number; label: Message } | { state: 'failed'; message: Message };
export const datasetTask = signal<DatasetTask>({ state: 'idle' });
export const selectedDatasetId = signal<string | null>(null);
export const datasetForm = signal<DatasetForm>(defaultDatasetForm);

export interface PickedAdapter {
  files: AdapterFiles;
  hash: string;
  /** Where it came from: "files" or a catalog id. */
  source: string;
}
export type AdapterState =
  | { state: 'none' }
  | { state: 'checking' | 'merging'; adapter: PickedAdapter; label: Message }
  | { state: 'valid'; adapter: PickedAdapter; summary: Omit<MergeSummary, 'bytes' | 'referencesBase' | 'changedTensors' | 'dtype'> }
  | { state: 'invalid'; adapter: PickedAdapter | null; message: Message };
export const adapterState = signal<AdapterState>({ state: 'none' });
export const adapterBase = signal<string | null>(null);
/** What a q4f16_1 base's adapter merges into: q4f16_1 (re-quantized, the base's size) or q0f16 (exact, about 4× bigger). */
export const mergeTarget = signal<MergeTarget>('q4f16_1');

export type CheckState = { id: string; running: true } | { id: string; result: MergeCheck } | { id: string; error: Message } | null;
export const mergeCheck = signal<CheckState>(null);
