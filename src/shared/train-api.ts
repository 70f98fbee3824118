// The typed API of the trainer worker (src/workers/train.worker.ts). The shared
// layer imports nothing, so the trainer's own types (settings, examples, checkpoint,
// step progress; all plain data that structured-clones) are type parameters that the
// worker and the bridge bind to src/finetune/train's types.

/** Everything a run needs: the base model's files (a folder URL) and the rendered examples. */
export interface TrainSpec<Settings, Example> {
  baseUrl: string;
  baseLabel: string;
  examples: Example[];
  settings: Settings;
  /** 'webgpu' tries WebGPU first and falls back to WebAssembly with a note; 'wasm' goes straight to it. */
  device: 'webgpu' | 'wasm';
}

/** What opening the run found, shown before training starts. */
export interface TrainEstimate {
  /** The jax-js device that trains ('webgpu' or 'wasm'). */
  device: 'webgpu' | 'wasm';
  /** Why WebGPU was not used, when it was asked for and is not. */
  fallbackNote: string | null;
  totalSteps: number;
  train: number;
  validation: number;
  truncatedExamples: number;
  truncatedTokens: number;
  droppedExamples: number;
  memory: { weights: number; adapter: number; activations: number; total: number; largestBuffer: number };
  /** The memory this device can give (bytes) and its largest buffer, which the estimate was checked against. */
  budget: { bytes: number; maxBuffer: number };
  probe: { ms: number; tokens: number };
  estimatedMs: number;
}

export interface TrainOutcome<Checkpoint> {
  status: 'done' | 'paused';
  checkpoint: Checkpoint;
}

export interface TrainApi<Settings, Example, Checkpoint, Progress, Check = unknown, CheckResult = unknown> {
  /** Reads the model, checks settings, data and fit, measures a probe step; keeps the session for run(). Throws TrainingError. */
  open(spec: TrainSpec<Settings, Example>): Promise<TrainEstimate>;
  /**
   * Trains the open session (from `resume` when given) until done, Pause or Cancel. Progress comes
   * through `onStep`; each checkpoint is awaited through `onCheckpoint` (the page stores it).
   */
  run(resume: Checkpoint | null, onStep: (p: Progress) => void, onCheckpoint: (c: Checkpoint) => Promise<void>): Promise<TrainOutcome<Checkpoint>>;
  /** Asks the run to save a checkpoint and stop after the current step. */
  pause(): void;
  /** Stops the run after the current step; run() rejects with an AbortError. */
  cancel(): void;
  /** Frees the session's device buffers. */
  close(): void;
  /**
   * One batch's loss and LoRA gradients at a given adapter, on `device` (WebGPU falls back to WebAssembly):
   * the check of the trainer against an independent implementation where it really runs. Trains nothing.
   */
  gradients(baseUrl: string, baseLabel: string, device: 'webgpu' | 'wasm', check: Check): Promise<CheckResult & { device: 'webgpu' | 'wasm' }>;
}
