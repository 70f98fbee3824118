// Before a run starts: how much memory it needs on this device and how long it will
// take, from the model's shape, the sequence length and one measured probe step; and
// the refusal, with what to change, of a run that will not fit. Pure.
import type { ModelShape } from '../../llm/reference/config';
import type { TrainableQuantization } from '../../shared/llm-types';
import { moduleShape } from './lora-trainer';
import type { TrainSettings } from './settings';

export interface MemoryEstimate {
  /** Frozen weights on the device (layers, final norm, head): float32, or q4f16_1's codes and float32 scales. */
  weights: number;
  /** LoRA weights, gradients, their running sum and AdamW's two moments. */
  adapter: number;
  /** Activations alive at the peak of a step. */
  activations: number;
  total: number;
  /** The largest single buffer (a WebGPU binding must hold it). */
  largestBuffer: number;
}

const f32 = 4;

/** Bytes a q4f16_1 weight takes on the device per value: half a byte of code, and a float32 scale per 32 values. */
const q4Bytes = 0.5 + f32 / 32;

/**
 * Peak memory of one training step at sequence length `T`. A q4f16_1 base is held as codes and scales; each pass
 * dequantizes the layer it computes, so one layer's matrices exist in float32 at a time (counted twice: the
 * dequantized matrix and the transposed copy a GPU layout may make).
 */
export function estimateMemory(
  s: ModelShape, settings: Pick<TrainSettings, 'r' | 'targets' | 'optimizer'>, T: number, recompute: boolean, vocabChunk: number, quantization: TrainableQuantization = 'q0f32',
): MemoryEstimate {
  const q = s.heads * s.headDim;
  const kv = s.kvHeads * s.headDim;
  const perLayerMatrices = s.hidden * (q + 2 * kv) + q * s.hidden + s.hidden * 2 * s.intermediate + s.intermediate * s.hidden;
  const head = s.vocab * s.hidden;
  const q4 = quantization === 'q4f16_1';
  const weights = q4 ? q4Bytes * (s.layers * perLayerMatrices + head) + f32 * (s.layers * 2 * s.hidden + s.hidden) : f32 * (s.layers * (perLayerMatrices + 2 * s.hidden) + head + s.hidden);
  const dequantized = q4 ? 2 * perLayerMatrices : 0;
  let loraParams = 0;
  for (const m of settings.targets) {
    const [i, o] = moduleShape(s, m);
    loraParams += s.layers * settings.r * (i + o);
  }
  const adapter = f32 * loraParams * (settings.optimizer === 'adamw' ? 5 : 3);
  // What one layer's backward keeps: its inputs and norms, q/k/v, the attention-sized buffers of
  // the scores, mask, log-softmax and their cotangents (about 13 × heads × T × T, as bench:train
  // measured on WebGPU and Wasm), the attention output, and the MLP's gate/up/act.
  const layerActs = T * (4 * s.hidden + 2 * (q + 2 * kv) + 2 * q) + 13 * s.heads * T * T + T * 5 * s.intermediate;
  // The loss over the vocabulary, one chunk at a time. With recomputation its gradient is written out
  // (headLossGrad): each chunk's logits and target mask are kept (T × vocab each at most), and a float32 head
  // exists one chunk at a time; a q4 head's dequantized chunks add up to one head-sized float32 copy within the
  // compiled pass (bench:train at the SmolLM2-135M shape: peak 362 MB against 579 MB for float32 weights). The
  // whole-model grad takes a vjp instead, which keeps the head's column chunks for the backward: two head-sized
  // copies, three for a q4 head (its dequantized chunks and their codes widened to float).
  const chunk = Math.min(vocabChunk, s.vocab);
  const lossActs = recompute
    ? 2 * T * s.vocab + (q4 ? s.vocab * s.hidden + 2 * chunk * s.hidden : chunk * s.hidden) + 2 * T * s.hidden
    : 3 * T * chunk + 2 * T * s.hidden + (q4 ? 3 : 2) * s.vocab * s.hidden;
  const activations = f32 * ((recompute ? s.layers * T * s.hidden + layerActs : s.layers * layerActs) + lossActs + dequantized);
  // A q4 head is never whole in float32: its codes are one buffer, its dequantized chunks others.
  const largestHead = q4 ? Math.max(head / 8, s.hidden * Math.min(vocabChunk, s.vocab)) : head;
  return { weights, adapter, activations, total: weights + adapter + activations, largestBuffer: f32 * Math.max(largestHead, s.hidden * 2 * s.intermediate, 3 * s.heads * T * T) };
}

/** What to change when a run does not fit `budget` bytes (or a buffer exceeds `maxBuffer`); empty when it fits. */
export function fitProblems(e: MemoryEstimate, budget: number, maxBuffer: number, settings: Pick<TrainSettings, 'maxLength' | 'r'>): string[] {
  const gb = (b: number) => `${(b / 2 ** 30).toFixed(2)} GB`;
  const out: string[] = [];
  if (e.largestBuffer > maxBuffer) {
    out.push(`Its largest array needs ${gb(e.largestBuffer)}, but this device's largest buffer is ${gb(maxBuffer)}: choose a smaller model or a shorter maximum length.`);
  }
  if (e.total > budget) {
    const tips = [`a shorter maximum length (${settings.maxLength} now; try ${Math.max(16, settings.maxLength / 2)})`];
    if (settings.r > 4) tips.push(`a smaller r (${settings.r} now)`);
    tips.push('a smaller model');
    out.push(`This run needs about ${gb(e.total)} (weights ${gb(e.weights)}, adapter and optimiser ${gb(e.adapter)}, activations ${gb(e.activations)}), more than the ${gb(budget)} this device can give: try ${tips.join(', or ')}.`);
  }
  return out;
}

/** Estimated milliseconds for a run, from one measured step of `probeTokens` tokens. */
export function estimateMs(probeMs: number, probeTokens: number, tokensPerStep: number, steps: number): number {
  return (probeMs / Math.max(1, probeTokens)) * tokensPerStep * steps;
}
