// Stored records of the fine-tune view: datasets and merged models.
import type { DatasetKind, TrainingExample } from './datasets';
import type { AdapterFiles, MergeSummary } from '../shared/finetune-api';
import type { DatasetStats } from './render';

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
export interface MergedModelRecord {
  /** The new model_id. */
  id: string;
  label: string;
  baseModel: string;
  baseLabel: string;
  /** The engine that runs it: the base model's. */
  engine: 'lab' | 'web-llm';
  /** Synthetic same-origin folder URL (…/resolve/main/) its files live under in web-llm's caches. */
  modelUrl: string;
  /** web-llm only: the base's exact model_lib, overrides and required features. */
  modelLib: string | null;
  overrides?: Record<string, unknown>;
  requiredFeatures?: string[];
  adapter: { name: string; hash: string };
  /** The adapter itself (kept to check the merge again, and for runtime LoRA). */
  adapterFiles: AdapterFiles;
  summary: MergeSummary;
  /** Every cache URL it wrote: deleting the model deletes exactly these. */
  ownUrls: string[];
  createdAt: number;
}
