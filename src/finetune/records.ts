// Stored records of the fine-tune view: datasets and merged models.
import type { DatasetKind, TrainingExample } from './datasets';
import type { MergedModelLike } from '../llm/model-registry';
import type { AdapterFiles, MergeSummary } from '../shared/finetune-api';
import type { DatasetStats } from './render';
import type { TrainingRecord } from './train/adapter';
import type { PromptCompletion } from './train/data';
import type { Checkpoint } from './train/run';
import type { TrainSettings } from './train/settings';

export interface DatasetRecord {
  id: string;
  name: string;
  kind: DatasetKind;
  qaSetId: string;
  qaSetHash: string;
  /** The model whose conv_template renders it (and, for self-generated data, whose answers it holds). */
  modelId: string;
  /** The QA items used (all from the train split); the leakage guard keeps them out of eval runs. */
  itemIds: string[];
  examples: TrainingExample[];
  skipped: { itemId: string; reason: string }[];
  stats: DatasetStats;
  options: Record<string, unknown>;
  createdAt: number;
}

/** A LoRA adapter merged into a base model, registered as a new web-llm model. */
export interface MergedModelRecord extends MergedModelLike {
  baseLabel: string;
  /** The adapter itself (kept to check the merge again, and for runtime LoRA). */
  adapterFiles: AdapterFiles;
  summary: MergeSummary;
  /** Every cache URL it wrote: deleting the model deletes exactly these. */
  ownUrls: string[];
  createdAt: number;
  /** Set when the adapter was trained in RAG Lab: how (Evaluate shows it as provenance). */
  training?: TrainingRecord;
}

export type TrainingRunStatus = 'running' | 'paused' | 'failed' | 'done';

/**
 * A LoRA training run in the browser (schema version 5): what it trains on, how, and its
 * latest checkpoint, so that a reload or a closed tab can resume it where it stopped.
 */
export interface TrainingRunRecord {
  id: string;
  /** The adapter's name ("<base> + <name>" once merged). */
  name: string;
  dataset: { id: string; name: string; hash: string };
  /** The rendered examples themselves: a run resumes even if its dataset is deleted. */
  examples: PromptCompletion[];
  baseModel: string;
  baseLabel: string;
  /** PEFT's base_model_name_or_path. */
  baseModelName: string;
  settings: TrainSettings;
  /** The device it last trained on ('webgpu' | 'wasm'). */
  device: string;
  status: TrainingRunStatus;
  /** Why it failed, in words. */
  message?: string;
  /** Set when the run failed because its loss diverged: Resume then offers a lower learning rate. */
  diverged?: boolean;
  /** The latest checkpoint (LoRA weights, moments, step, order, RNG state, loss curve); null before the first. */
  checkpoint: Checkpoint | null;
  /** Examples truncated or left out when the run was opened. */
  prepared: { train: number; validation: number; truncatedExamples: number; truncatedTokens: number; droppedExamples: number };
  /** SHA-256 of the finished adapter's files (the merged model's id ends with its first 8 digits). */
  adapterHash?: string;
  /** The merged model it became, once merged. */
  mergedId?: string;
  createdAt: number;
  updatedAt: number;
}
