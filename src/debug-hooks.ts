// Test hooks on window.ragLabDebug, for the browser tests: crash a worker mid-batch, hold a training run after a
// checkpoint (then reload), and read the trainer's gradients. main.ts installs them only when the page was opened
// with localStorage 'rag-lab-debug-hooks' = '1' (test/browser/helpers.ts debugHooks), and imports this module only
// then, so it is a chunk of its own that ordinary visits never load. Documented in docs/library.md.
import type { EmbedBridge } from './bridges/embed-bridge';
import type { GradientCheckSpec } from './finetune/train/gradient-check';
import type { Services } from './ui/actions';
import { holdAfterCheckpoint, trainGradients } from './ui/finetune/train-actions';
import { shortDeviceBench } from './ui/models/device-bench-actions';

interface RagLabDebug {
  /** Crashes the embed worker while it embeds, after `skip` embed calls from now; resolves once it has. */
  crashEmbedWorker(skip?: number): Promise<void>;
  /** Crashes the ingest worker now. */
  crashIngestWorker(): void;
  /** Makes the training run stop moving once a checkpoint at `step` or later is stored (the tests then reload). */
  holdTrainingAfterCheckpoint(step: number): void;
  /** Makes "Benchmark this device" a short run: the first `models` lab models, `configs` training configurations, `steps` steps. */
  shortDeviceBench(run: { models: number; configs: number; steps: number }): void;
  /**
   * The trainer's loss and LoRA gradients on base `baseId` (WebGPU where available) at the given adapter
   * and batch; plain arrays in and out, for the browser test that compares them with PyTorch's goldens.
   */
  trainGradients(baseId: string, check: Omit<GradientCheckSpec, 'lora'> & { lora: Record<string, { A: number[]; B: number[] }> }): Promise<{ device: string; loss: number; grads: Record<string, { A: number[]; B: number[] }> }>;
}

/** Puts the hooks on window.ragLabDebug. */
export function installDebugHooks(services: Services, embed: EmbedBridge): void {
  (window as unknown as { ragLabDebug: RagLabDebug }).ragLabDebug = {
    crashEmbedWorker: (skip = 0) => embed.crashDuringEmbed(skip),
    crashIngestWorker: () => services.ingest.crash('stopped by the debug hook'),
    holdTrainingAfterCheckpoint: (step) => holdAfterCheckpoint(step),
    shortDeviceBench: (run) => shortDeviceBench(run),
    trainGradients: async (baseId, check) => {
      const mapPairs = <T, U>(pairs: Record<string, { A: T; B: T }>, f: (x: T) => U) => Object.fromEntries(Object.entries(pairs).map(([k, p]) => [k, { A: f(p.A), B: f(p.B) }]));
      const out = await trainGradients(services, baseId, { ...check, lora: mapPairs(check.lora, (x) => Float32Array.from(x)) });
      return { device: out.device, loss: out.loss, grads: mapPairs(out.grads, (x) => Array.from(x)) };
    },
  };
}
