// Main-thread handle on the trainer worker. One run at a time; the worker is
// stopped when the run ends (done, paused, failed or cancelled) so that the GPU
// memory of the session goes back at once. Cancel maps an AbortSignal onto the
// worker's cancel(); a crashed worker (out of memory) becomes a TrainingError.
import { proxy } from 'comlink';
import type { PromptCompletion } from '../finetune/train/data';
import type { GradientCheckResult, GradientCheckSpec } from '../finetune/train/gradient-check';
import type { Checkpoint, StepProgress } from '../finetune/train/run';
import type { TrainSettings } from '../finetune/train/settings';
import { TrainingError, isAbortError } from '../shared/errors';
import type { TrainApi, TrainEstimate, TrainOutcome, TrainSpec } from '../shared/train-api';
import { WorkerHandle } from './worker-handle';

type Api = TrainApi<TrainSettings, PromptCompletion, Checkpoint, StepProgress, GradientCheckSpec, GradientCheckResult>;

export interface RunCallbacks {
  onStep(p: StepProgress): void;
  /** Stores the checkpoint; the run waits for it. */
  onCheckpoint(c: Checkpoint): Promise<void>;
  signal?: AbortSignal;
}

export class TrainBridge {
  readonly #handle: WorkerHandle<Api>;

  constructor(createWorker: () => Worker) {
    this.#handle = new WorkerHandle(createWorker, {
      idleMs: null,
      crashMessage: (reason) => `The trainer stopped (${reason}); this usually means it ran out of memory. The last saved checkpoint is kept: resume with a shorter maximum length, a smaller batch or r, or a smaller model.`,
    });
  }

  /** Opens a session in a fresh worker: checks, tokenizes, measures a probe step; throws TrainingError with what to change. */
  async open(spec: TrainSpec<TrainSettings, PromptCompletion>): Promise<TrainEstimate> {
    this.stop();
    try {
      return await this.#handle.call((api) => api.open(spec));
    } catch (e) {
      this.stop();
      throw this.#crash(e);
    }
  }

  /** Trains the open session until done, paused or cancelled; the worker stops afterwards. */
  async run(resume: Checkpoint | null, callbacks: RunCallbacks): Promise<TrainOutcome<Checkpoint>> {
    const onAbort = () => void this.#handle.call((api) => api.cancel()).catch(() => undefined);
    callbacks.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (callbacks.signal?.aborted) throw new DOMException('Training was cancelled.', 'AbortError');
      return await this.#handle.call((api) => api.run(resume, proxy(callbacks.onStep), proxy(callbacks.onCheckpoint)));
    } catch (e) {
      throw this.#crash(e);
    } finally {
      callbacks.signal?.removeEventListener('abort', onAbort);
      this.stop();
    }
  }

  /** Asks the run to checkpoint and stop after the current step. */
  pause(): void {
    if (this.#handle.running) void this.#handle.call((api) => api.pause()).catch(() => undefined);
  }

  /** One batch's loss and LoRA gradients at `check.lora` on `device`, in a fresh worker that stops afterwards (no run may be open). */
  async gradients(baseUrl: string, baseLabel: string, device: 'webgpu' | 'wasm', check: GradientCheckSpec): Promise<GradientCheckResult & { device: 'webgpu' | 'wasm' }> {
    if (this.#handle.running) throw new TrainingError('A training run is open: finish or cancel it before checking gradients.');
    try {
      return await this.#handle.call((api) => api.gradients(baseUrl, baseLabel, device, check));
    } catch (e) {
      throw this.#crash(e);
    } finally {
      this.stop();
    }
  }

  /** Stops the worker and frees its memory. */
  stop(): void {
    this.#handle.terminate();
  }

  #crash(e: unknown): unknown {
    if (isAbortError(e) || e instanceof TrainingError) return e;
    if ((e as Error)?.name === 'WorkerCrashError') return new TrainingError((e as Error).message);
    return e;
  }
}
