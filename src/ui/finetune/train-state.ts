// Training in the browser: the form (dataset, base model, settings), the run in
// progress (estimate, live progress and loss curve), and the stored runs that can resume.
import type { Message } from '../i18n/i18n';
import { signal } from '@preact/signals';
import type { TrainingRunRecord } from '../../finetune/records';
import type { LossPoint, StepProgress } from '../../finetune/train/run';
import { presets, type PresetName, type TrainSettings } from '../../finetune/train/settings';
import type { TrainEstimate } from '../../shared/train-api';
import type { ModelShape } from '../../llm/reference/config';

export const trainSettings = signal<TrainSettings>(presets.quick);
/** The preset the settings came from; 'custom' once a value was edited. */
export const trainPreset = signal<PresetName | 'custom'>('quick');
export const trainDatasetId = signal<string | null>(null);
export const trainBaseId = signal<string | null>(null);
export const trainName = signal('');
/**
 * Each base's shape and quantization, read from its mlc-chat-config.json alone (a web-llm model's only from the cache:
 * no download), so that the base list can show what each would need before anything is loaded; null where unreadable.
 */
export const baseConfigs = signal<Record<string, BaseConfig | null>>({});
export interface BaseConfig {
  shape: ModelShape;
  quantization: string;
}

export type TrainTask =
  | { state: 'idle' }
  /** Reading the model, tokenizing, measuring the probe step. */
  | { state: 'opening'; label: Message }
  /** Opened: the estimate is shown; Start trains this session. */
  | { state: 'ready'; estimate: TrainEstimate }
  | { state: 'training' | 'pausing' | 'cancelling'; runId: string; estimate: TrainEstimate; progress: StepProgress | null; resumedFrom: number | null }
  | { state: 'merging'; runId: string; label: Message }
  | { state: 'done'; runId: string; mergedLabel: string | null; message: Message | null }
  | { state: 'paused'; runId: string; step: number }
  | { state: 'failed'; runId: string | null; message: Message };
export const trainTask = signal<TrainTask>({ state: 'idle' });

/** The loss curve of the run shown (train per step, validation every evalEvery steps); it stays after the run ends. */
export const lossCurve = signal<{ train: LossPoint[]; validation: LossPoint[]; totalSteps: number }>({ train: [], validation: [], totalSteps: 0 });

/** Stored runs, newest first (unfinished ones can resume). */
export const trainRuns = signal<TrainingRunRecord[]>([]);
/** Whether another tab holds the training lock now (its runs are not offered for resume here). */
export const trainingElsewhere = signal(false);

/** True while this tab trains: the chat and eval models must not take the GPU back meanwhile. */
export const isTraining = (): boolean => ['opening', 'ready', 'training', 'pausing', 'cancelling'].includes(trainTask.value.state);
