// The arithmetic of one LoRA training step, counted from the model's shape: what the
// benchmarks (npm run bench:train, Models' "Benchmark this device") divide by the
// measured time to get an achieved GFLOP/s. Pure.
import type { ModelShape } from '../../llm/reference/config';
import type { LoraModule } from '../../llm/lab/jax-layers';
import { moduleShape } from './lora-trainer';

export interface StepFlops {
  /** Matmul FLOPs of the forward pass (2 per multiply-add). */
  forward: number;
  /** Forward + backward: what one step must compute, whatever the gradient path. */
  step: number;
  /** What the chosen path executes: `step`, plus the decoder layers' forward once more when recomputing. */
  executed: number;
}

/**
 * Matmul FLOPs of one step on one sequence of `T` tokens whose loss covers `R` rows.
 *
 * Forward, per layer: 2·T·(hidden·(q + 2kv) + q·hidden + hidden·2·I + I·hidden) for the frozen
 * linears; 2·2·heads·T·T·headDim for attention (scores, then weighted values: the causal mask
 * is additive, so all T×T products are computed); 2·T·r·(in + out) per LoRA pair. Head:
 * 2·R·hidden·vocab (the loss covers only its R selected rows). Elementwise work, the norms and
 * the small rotate-half matmul of RoPE (2·T·(heads + kvHeads)·headDim², under 4% here) are left out.
 *
 * Backward: the frozen weights need only the gradient of their input (1× their forward; no
 * weight gradient, unlike full training); attention needs both of its inputs' gradients (2×);
 * the LoRA pairs need A's, B's and the input's (2×); the head needs its input's (1×). So a
 * LoRA step is ≈ 2× the forward, not the 3× (6·N per token) of full training, and per-layer
 * recomputation adds the layers' forward once more: ≈ 3× in all.
 */
export function loraStepFlops(s: ModelShape, T: number, R: number, targets: readonly LoraModule[], r: number, recompute: boolean): StepFlops {
  const q = s.heads * s.headDim;
  const kv = s.kvHeads * s.headDim;
  const linear = 2 * T * (s.hidden * (q + 2 * kv) + q * s.hidden + s.hidden * 2 * s.intermediate + s.intermediate * s.hidden);
  const attention = 4 * s.heads * T * T * s.headDim;
  const lora = targets.reduce((n, m) => {
    const [i, o] = moduleShape(s, m);
    return n + 2 * T * r * (i + o);
  }, 0);
  const head = 2 * R * s.hidden * s.vocab + 2 * R * T * s.hidden;
  const layerForward = s.layers * (linear + attention + lora);
  const forward = layerForward + head;
  const backward = s.layers * (linear + 2 * attention + 2 * lora) + head;
  const step = forward + backward;
  return { forward, step, executed: step + (recompute ? layerForward : 0) };
}

/** FLOPs of an [m, k] × [k, n] matmul. */
export const matmulFlops = (m: number, k: number, n: number): number => 2 * m * k * n;
