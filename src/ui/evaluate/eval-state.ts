// Evaluate: QA sets, runs, the running run's progress, and the run form.
import { signal } from '@preact/signals';
import type { EvalProgress } from '../../eval/runner';
import { defaultSynthOptions, type FilterResult, type SynthOptions } from '../../eval/synth';
import type { RunForm } from '../../eval/plan';
import type { EvalResult, EvalRun, QaSet } from '../../eval/types';
import type { QaImportError } from '../../eval/qa-import';
import type { Message } from '../i18n/i18n';

export const qaSets = signal<QaSet[]>([]);
export const runs = signal<EvalRun[]>([]);
export const evalReady = signal(false);

export type ActiveRun = { runId: string; progress: EvalProgress; loading: string | null; resumed: boolean };
export const activeRun = signal<ActiveRun | null>(null);

export const selectedRunId = signal<string | null>(null);
export const selectedResults = signal<EvalResult[]>([]);
/** A second run shown beside the selected one, with the differences. */
export const otherRunId = signal<string | null>(null);
export const otherResults = signal<EvalResult[]>([]);

export type ImportReport = { fileName: string; errors: QaImportError[]; imported: number | null };
export const importReport = signal<ImportReport | null>(null);
export const evalNotice = signal<{ kind: 'info' | 'error'; text: Message } | null>(null);

export type { RunForm };
/** The run form; models are filled in from the model choices when empty. */
export const runForm = signal<RunForm>({
  name: '',
  qaSetId: '',
  split: 'test',
  modes: ['base', 'rag'],
  baseModel: null,
  fineTunedModel: null,
  retrieval: { k: 3, mode: 'hybrid' },
  temperature: 0,
  topP: 1,
  maxTokens: 64,
  seed: 42,
  limit: 10,
});

/** QA synthesis: generation progress, then the pairs under review. */
export type SynthState =
  | { state: 'idle' }
  | { state: 'running'; done: number; total: number }
  | { state: 'review'; pairs: ReviewPair[]; rejected: FilterResult['rejected']; seed: number; model: string }
  | { state: 'failed'; message: Message };
export interface ReviewPair {
  key: number;
  question: string;
  answer: string;
  quote: string;
  docName: string;
}
export const synth = signal<SynthState>({ state: 'idle' });
/** The synthesis form; the writer model is null until the person picks one (the first available is used). */
export const synthForm = signal<Omit<SynthOptions, 'model'> & { model: string | null }>({ ...defaultSynthOptions, model: null });
