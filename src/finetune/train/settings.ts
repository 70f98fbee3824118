// Training settings: every hyperparameter of a LoRA run, the two presets, the checks
// that refuse a bad run before it starts, and the learning-rate schedule. Pure.
import { loraModules, type LoraModule } from '../../llm/lab/jax-layers';
import { englishText, tKey, type Translatable } from '../../shared/errors';

export { loraModules, type LoraModule };

export const attentionModules: LoraModule[] = ['q_proj', 'k_proj', 'v_proj', 'o_proj'];
export const allModules: LoraModule[] = [...loraModules];

export interface TrainSettings {
  /** LoRA rank and alpha; the scale is alpha / r, or alpha / √r with rsLoRA. */
  r: number;
  alpha: number;
  rslora: boolean;
  targets: LoraModule[];
  optimizer: 'adamw' | 'sgd';
  lr: number;
  /** Linear warm-up over this share of the steps, then cosine decay to zero. */
  warmupShare: number;
  weightDecay: number;
  /** Clip the global gradient norm to this (0: no clipping). */
  maxGradNorm: number;
  /** Passes over the training examples; `steps`, when set, wins. */
  epochs: number;
  steps: number | null;
  /** Sequences per optimiser step = batchSize × gradAccum (each sequence is one micro-batch). */
  batchSize: number;
  gradAccum: number;
  /** Tokens per sequence; longer ones lose tokens from the left of the prompt, never the target. */
  maxLength: number;
  seed: number;
  /** The share of the dataset's own examples held out for the validation loss. */
  valShare: number;
  /** Save a checkpoint every this many steps (and at Pause). */
  checkpointEvery: number;
  /** Compute the validation loss every this many steps (and at the end). */
  evalEvery: number;
}

export type PresetName = 'quick' | 'thorough';

export const presets: Record<PresetName, TrainSettings> = {
  quick: {
    r: 8, alpha: 16, rslora: false, targets: ['q_proj', 'v_proj'], optimizer: 'adamw', lr: 2e-3, warmupShare: 0.05, weightDecay: 0,
    maxGradNorm: 1, epochs: 1, steps: null, batchSize: 4, gradAccum: 1, maxLength: 256, seed: 42, valShare: 0.1, checkpointEvery: 10, evalEvery: 10,
  },
  thorough: {
    r: 16, alpha: 32, rslora: false, targets: allModules, optimizer: 'adamw', lr: 1e-3, warmupShare: 0.1, weightDecay: 0.01,
    maxGradNorm: 1, epochs: 3, steps: null, batchSize: 4, gradAccum: 2, maxLength: 512, seed: 42, valShare: 0.1, checkpointEvery: 20, evalEvery: 20,
  },
};

export const loraScale = (s: Pick<TrainSettings, 'r' | 'alpha' | 'rslora'>): number => (s.rslora ? s.alpha / Math.sqrt(s.r) : s.alpha / s.r);

/** Every problem with the settings themselves, as sentences that say what to change: each in English and as a translation key for the UI (empty when they can be used). */
export function settingsProblemMessages(s: TrainSettings): { text: string; i18n: Translatable }[] {
  const p: { text: string; i18n: Translatable }[] = [];
  const add = (i18n: Translatable) => p.push({ text: englishText(i18n), i18n });
  const int = (v: number, min: number) => Number.isInteger(v) && v >= min;
  if (!int(s.r, 1) || s.r > 256) add(tKey('errors:settings.r'));
  if (!(s.alpha > 0)) add(tKey('errors:settings.alpha'));
  if (!s.targets.length) add(tKey('errors:settings.noTargets'));
  for (const t of s.targets) {
    if (!loraModules.includes(t)) add(tKey('errors:settings.badTarget', { target: t, modules: loraModules.join(', ') }));
  }
  if (!(s.lr > 0) || !Number.isFinite(s.lr)) add(tKey('errors:settings.lr'));
  if (!(s.warmupShare >= 0 && s.warmupShare < 1)) add(tKey('errors:settings.warmup'));
  if (!(s.weightDecay >= 0)) add(tKey('errors:settings.weightDecay'));
  if (!(s.maxGradNorm >= 0)) add(tKey('errors:settings.clip'));
  if (s.steps === null ? !(s.epochs > 0) : !int(s.steps, 1)) {
    if (s.steps === null) add(tKey('errors:settings.epochs'));
    else add(tKey('errors:settings.steps'));
  }
  if (!int(s.batchSize, 1) || !int(s.gradAccum, 1)) add(tKey('errors:settings.batch'));
  if (!int(s.maxLength, 16)) add(tKey('errors:settings.maxLength'));
  if (!int(s.seed, 0)) add(tKey('errors:settings.seed'));
  if (!(s.valShare >= 0 && s.valShare <= 0.5)) add(tKey('errors:settings.valShare'));
  if (!int(s.checkpointEvery, 1) || !int(s.evalEvery, 1)) add(tKey('errors:settings.intervals'));
  return p;
}

/** What is wrong with the settings, in English (empty when they can be used). */
export function settingsProblems(s: TrainSettings): string[] {
  return settingsProblemMessages(s).map((m) => m.text);
}

/** Optimiser steps of a run over `trainExamples` examples. */
export function totalSteps(s: TrainSettings, trainExamples: number): number {
  if (s.steps !== null) return s.steps;
  return Math.max(1, Math.ceil((s.epochs * trainExamples) / (s.batchSize * s.gradAccum)));
}

/** The learning rate at 0-based step `step` of `total`: linear warm-up, then cosine decay to zero. */
export function learningRate(s: Pick<TrainSettings, 'lr' | 'warmupShare'>, step: number, total: number): number {
  const warmup = Math.round(s.warmupShare * total);
  if (step < warmup) return (s.lr * (step + 1)) / warmup;
  const span = Math.max(1, total - warmup);
  return s.lr * 0.5 * (1 + Math.cos((Math.PI * (step - warmup)) / span));
}
