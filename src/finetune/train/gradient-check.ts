// One batch's loss and LoRA gradients for a given adapter, on the current jax-js
// device: the check of the trainer's arithmetic against an independent
// implementation (PyTorch's goldens) where it really runs, WebGPU in the browser.
// It goes through the same model reading (readBase, loadTensors) and the same
// trainer as a run; nothing is trained.
import { loadTensors, type TensorCache } from '../../llm/mlc/tensor-cache';
import type { LoraModule, WeightLayout } from '../../llm/lab/jax-layers';
import { TrainingError } from '../../shared/errors';
import type { Sequence } from './data';
import { LoraTrainer, type HostLora } from './lora-trainer';
import { readBase, type ReadModelFile } from './session';

export interface GradientCheckSpec {
  /** The adapter to differentiate at, keyed by PEFT module name (`model.layers.0.self_attn.q_proj`). */
  lora: HostLora;
  r: number;
  scale: number;
  batch: Sequence[];
  maxLength: number;
  vocabChunk?: number;
}

export interface GradientCheckResult {
  loss: number;
  grads: HostLora;
}

/** The module kinds (`q_proj`, …) that the adapter's module names cover. */
export function moduleKinds(lora: HostLora): LoraModule[] {
  const kinds = [...new Set(Object.keys(lora).map((name) => name.split('.').pop()!))];
  if (!kinds.length) throw new TrainingError('The gradient check needs at least one LoRA module.');
  return kinds as LoraModule[];
}

/** Reads the base model, builds a trainer at `spec.lora` on `device`, and returns the batch's loss and gradients. */
export async function checkGradients(read: ReadModelFile, label: string, spec: GradientCheckSpec, device: string): Promise<GradientCheckResult> {
  const base = await readBase(read, label);
  const cache = JSON.parse(new TextDecoder().decode(await read('tensor-cache.json'))) as TensorCache;
  const tensors = await loadTensors(cache, read);
  const layout: WeightLayout = device === 'wasm' || device === 'cpu' ? 'out-in' : 'in-out';
  const trainer = new LoraTrainer(base.shape, tensors, {
    targets: moduleKinds(spec.lora), r: spec.r, scale: spec.scale, optimizer: 'sgd', weightDecay: 0, maxGradNorm: 0,
    recompute: true, jit: true, layout, vocabChunk: spec.vocabChunk ?? 8192,
  }, spec.lora);
  tensors.clear();
  try {
    return await trainer.gradients(spec.batch, spec.maxLength);
  } finally {
    trainer.dispose();
  }
}
