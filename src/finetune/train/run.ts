// A training run: steps over the data in a seeded order, the learning-rate schedule,
// validation, checkpoints, Pause and Cancel, and the stop on a diverged loss. The same
// driver runs in the trainer worker (WebGPU or Wasm) and in `npm run train` (Node, Wasm).
import { DivergedError, TrainingError, tKey } from '../../shared/errors';
import { epochOrder, exampleAt, type Sequence } from './data';
import type { LoraTrainer, OptimizerState } from './lora-trainer';
import { learningRate, totalSteps, type TrainSettings } from './settings';

export interface LossPoint {
  step: number;
  loss: number;
}

/** Everything needed to continue a run exactly where it stopped. */
export interface Checkpoint {
  step: number;
  totalSteps: number;
  state: OptimizerState;
  losses: LossPoint[];
  validation: LossPoint[];
  /** The generator's whole state: the order of epoch e is a function of (seed, e) alone. */
  rng: { seed: number; epoch: number };
  /** The order of the current epoch's training examples (as the generator gives it; stored for inspection). */
  order: number[];
  /** Milliseconds of training so far (for tokens/s and the ETA after a resume). */
  elapsedMs: number;
  tokens: number;
}

export interface StepProgress {
  step: number;
  totalSteps: number;
  loss: number;
  lr: number;
  gradNorm: number;
  validationLoss: number | null;
  stepMs: number;
  tokensPerSecond: number;
  etaMs: number;
}

export interface RunHooks {
  onStep?(p: StepProgress): void;
  /** Called every `checkpointEvery` steps, at Pause and at the end; a run resumes from the last one saved. */
  onCheckpoint?(c: Checkpoint): Promise<void>;
  /** Polled between steps: true saves a checkpoint and returns with status 'paused'. */
  shouldPause?(): boolean;
  /** Cancel: the run stops between steps and rejects with an AbortError (nothing more is saved). */
  signal?: AbortSignal;
}

export interface RunResult {
  status: 'done' | 'paused';
  checkpoint: Checkpoint;
}

const abortError = () => new DOMException('Training was cancelled.', 'AbortError');

/** Runs (or resumes) training until the last step, a Pause, a Cancel or a diverged loss. */
export async function runTraining(
  trainer: LoraTrainer, data: { train: Sequence[]; validation: Sequence[] }, settings: TrainSettings, hooks: RunHooks = {}, resume: Checkpoint | null = null,
): Promise<RunResult> {
  const n = data.train.length;
  const total = resume?.totalSteps ?? totalSteps(settings, n);
  const perStep = settings.batchSize * settings.gradAccum;
  const orders = new Map<number, number[]>();
  if (resume) trainer.load(resume.state);
  let losses = resume?.losses ?? [];
  let validation = resume?.validation ?? [];
  let elapsedMs = resume?.elapsedMs ?? 0;
  let tokens = resume?.tokens ?? 0;
  let lastGood: Checkpoint | null = resume;
  const checkpoint = async (step: number): Promise<Checkpoint> => {
    const state = await trainer.state();
    for (const pair of Object.values(state.lora)) {
      if (pair.A.some((v) => !Number.isFinite(v)) || pair.B.some((v) => !Number.isFinite(v))) throw diverged(step, settings, lastGood);
    }
    const epoch = Math.floor((step * perStep) / n);
    const order = orders.get(epoch) ?? epochOrder(n, settings.seed, epoch);
    const c: Checkpoint = { step, totalSteps: total, state, losses, validation, rng: { seed: settings.seed, epoch }, order, elapsedMs, tokens };
    await hooks.onCheckpoint?.(c);
    lastGood = c;
    return c;
  };
  for (let step = trainer.step; step < total; step++) {
    if (hooks.signal?.aborted) throw abortError();
    if (hooks.shouldPause?.()) return { status: 'paused', checkpoint: await checkpoint(step) };
    const batch: Sequence[] = [];
    for (let j = 0; j < perStep; j++) batch.push(data.train[exampleAt(step * perStep + j, n, settings.seed, orders).index]!);
    const lr = learningRate(settings, step, total);
    const t0 = performance.now();
    const { loss, gradNorm } = await trainer.trainStep(batch, settings.maxLength, lr);
    if (!Number.isFinite(loss)) throw diverged(step + 1, settings, lastGood);
    const stepMs = performance.now() - t0;
    elapsedMs += stepMs;
    tokens += batch.reduce((s, q) => s + q.tokens.length, 0);
    losses = [...losses, { step: step + 1, loss }];
    const last = step + 1 === total;
    let validationLoss: number | null = null;
    if (data.validation.length && ((step + 1) % settings.evalEvery === 0 || last)) {
      validationLoss = await trainer.evalLoss(data.validation, settings.maxLength);
      validation = [...validation, { step: step + 1, loss: validationLoss }];
    }
    const done = step + 1;
    // The ETA uses this session's own pace (a resumed run may be on another device).
    const pace = (elapsedMs - (resume?.elapsedMs ?? 0)) / (done - (resume?.step ?? 0));
    hooks.onStep?.({ step: done, totalSteps: total, loss, lr, gradNorm, validationLoss, stepMs, tokensPerSecond: tokens / (elapsedMs / 1000), etaMs: pace * (total - done) });
    if (last || done % settings.checkpointEvery === 0) {
      const c = await checkpoint(done);
      if (last) return { status: 'done', checkpoint: c };
    }
  }
  return { status: 'done', checkpoint: await checkpoint(total) };
}

function diverged(step: number, s: TrainSettings, lastGood: Checkpoint | null): DivergedError {
  return new DivergedError(lastGood
    ? tKey('errors:training.divergedKept', { step, lr: s.lr, lower: s.lr / 10, kept: lastGood.step })
    : tKey('errors:training.diverged', { step, lr: s.lr, lower: s.lr / 10 }));
}
