// Figures of the device benchmarks (npm run bench:train and Models' "Benchmark this
// device") and the typed API of the device-bench worker (src/workers/device-bench.worker.ts).
// Field names are snake_case: the same objects are printed as JSON lines by the CLI.

/** One training configuration measured: a model at one sequence length, eager or jit, with or without recomputation. */
export interface TrainMeasurement {
  bench: 'train';
  case: string;
  /** Measured steps (after the warm-up). */
  n: number;
  model: string;
  seq_len: number;
  jit: boolean;
  recompute: boolean;
  device: string;
  /** Set instead of the figures when the case failed (out of memory, a lost device…). */
  error?: string;
  p50_ms?: number;
  p95_ms?: number;
  /** The warm-up step(s), which include compiling. */
  first_step_ms?: number;
  tokens_per_s?: number;
  /** Matmul FLOPs the path executes per step (finetune/train/flops.ts), and their rate. */
  gflop_per_step?: number;
  gflop_per_s?: number;
  /** gflop_per_s over the backend's own matmul rate measured in the same run (target on the 135M shape: ≥ 0.35). */
  ratio_to_matmul?: number;
  loss?: number;
  /** Peak memory as `memory` says it was measured (NaN when nothing could be measured). */
  peak_mb?: number;
  memory?: string;
  /** estimateMemory()'s figure for this case: what the trainer's own estimate (the one that refuses runs) says. */
  estimate_mb: number;
  baseline: { what: string; gflop_per_s: number; plain_gflop_per_s: number; layout_gflop_per_s: number };
}

/** The lab engine's greedy decode on one model. */
export interface DecodeMeasurement {
  bench: 'decode';
  case: string;
  model: string;
  device: string;
  error?: string;
  prompt_tokens?: number;
  new_tokens?: number;
  prefill_tokens_per_s?: number;
  decode_tokens_per_s?: number;
  first_call_ms?: number;
  /** The plain-TypeScript reference (the CPU) on the same prompt and tokens, measured in the same run. */
  reference?: { prefill_tokens_per_s: number; decode_tokens_per_s: number };
  /** Ours over the reference. */
  decode_vs_reference?: number;
  prefill_vs_reference?: number;
}

/** The embedder's throughput, through the embed worker (on the page's side of the bench). */
export interface EmbedMeasurement {
  bench: 'embed';
  case: string;
  model: string;
  device: string;
  error?: string;
  passages?: number;
  passages_per_s?: number;
  tokens_per_s?: number;
}

/** The JSON that "Export JSON" saves: enough to compare devices. */
export interface DeviceBenchReport {
  app: 'rag-lab';
  kind: 'device-bench';
  at: string;
  userAgent: string;
  gpu: string;
  device: string;
  results: (TrainMeasurement | DecodeMeasurement | EmbedMeasurement)[];
}

/** A model the worker can read from the site: a folder URL holding mlc-chat-config.json, tensor-cache.json… */
export interface BenchModelSpec {
  id: string;
  baseUrl: string;
}

export interface DeviceBenchSpec {
  /** The pack's lab models to train (Llama and Qwen2 families) and decode. */
  models: BenchModelSpec[];
  /** Also run SmolLM2-135M's shape with random weights (slow without a real GPU). */
  synthetic: boolean;
  /**
   * A short run: the first `configs` training configurations of each model, `steps` measured steps each
   * (the browser test's, through a test hook; the full matrix is tested in Node). Absent: the whole bench.
   */
  short?: { configs: number; steps: number };
}

export type DeviceBenchEvent = { kind: 'status'; text: string } | { kind: 'result'; result: TrainMeasurement | DecodeMeasurement };

export interface DeviceBenchApi {
  /** Runs the training and decode benches on WebGPU (Wasm when there is none); reports each result as it comes. */
  run(spec: DeviceBenchSpec, onEvent: (e: DeviceBenchEvent) => void): Promise<{ device: string }>;
}
