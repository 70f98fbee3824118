// Training settings: every hyperparameter of a LoRA run, the two presets, the checks
// that refuse a bad run before it starts, and the learning-rate schedule. Pure.
import { loraModules, type LoraModule } from '../../llm/lab/jax-layers';

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

/** Every problem with the settings themselves, as sentences that say what to change. */
export function settingsProblems(s: TrainSettings): string[] {
  const p: string[] = [];
  const int = (v: number, min: number) => Number.isInteger(v) && v >= min;
  if (!int(s.r, 1) || s.r > 256) p.push('r must be a whole number from 1 to 256.');
  if (!(s.alpha > 0)) p.push('alpha must be positive.');
  if (!s.targets.length) p.push('Choose at least one target module.');
  for (const t of s.targets) if (!loraModules.includes(t)) p.push(`${t} is not a target module; choose from ${loraModules.join(', ')}.`);
  if (!(s.lr > 0) || !Number.isFinite(s.lr)) p.push('The learning rate must be a positive number.');
  if (!(s.warmupShare >= 0 && s.warmupShare < 1)) p.push('Warm-up must be a share from 0 to below 1.');
  if (!(s.weightDecay >= 0)) p.push('Weight decay must be 0 or more.');
  if (!(s.maxGradNorm >= 0)) p.push('Gradient clipping must be 0 (off) or more.');
  if (s.steps === null ? !(s.epochs > 0) : !int(s.steps, 1)) p.push(s.steps === null ? 'Epochs must be positive.' : 'Steps must be a whole number of 1 or more.');
  if (!int(s.batchSize, 1) || !int(s.gradAccum, 1)) p.push('Batch size and gradient accumulation must be whole numbers of 1 or more.');
  if (!int(s.maxLength, 16)) p.push('The maximum sequence length must be a whole number of at least 16 tokens.');
  if (!int(s.seed, 0)) p.push('The seed must be a whole number of 0 or more.');
  if (!(s.valShare >= 0 && s.valShare <= 0.5)) p.push('The validation share must be from 0 to 0.5.');
  if (!int(s.checkpointEvery, 1) || !int(s.evalEvery, 1)) p.push('Checkpoint and validation intervals must be whole numbers of 1 or more.');
  return p;
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
