// The lab engine's inference layers: the same Llama/Qwen2/Qwen3 arithmetic as jax-layers.ts's
// decoderLayer (which training differentiates), written so that jax-js compiles a decode step
// into as few kernels as it can. On a small model a step's time is almost all per-kernel cost
// (about 150 µs a dispatch on SwiftShader, a few µs on Wasm), not arithmetic, so the count is
// what matters. jax-js realizes into its own buffer every value read by more than one op and
// every matmul input; three rewrites follow from that (docs/decisions.md):
// - each RMSNorm's weight is folded into the linear layer it feeds (diag(w)·W, once at load),
//   and its 1/rms scale rides on that matmul's output: one reduction per norm, no pass that
//   writes the normalized activations;
// - RoPE's rotate-half reads the q/k projection through separate slices for each term, so the
//   rotated vectors never exist as a buffer (decoderLayer multiplies by a rotation matrix);
// - softmax is exp(s − max) / Σ exp(s − max), with the mask and the 1/√d scale on the scores
//   matmul's output, so the probabilities are the only [heads, T, keys] array written besides
//   the scores.
// Every function here is pure in its array arguments (jit compiles it); arguments are used up
// unless named context.
import { nn, numpy as np, tree } from '@jax-js/jax';
import type { Tensor } from '../mlc/tensor-cache';
import type { ModelShape } from '../reference/config';
import { deviceWeight, headNorms, layerTensors, linear, tensorData, tensorOf, type Weight, type WeightLayout } from './jax-layers';

type A = np.Array;

/**
 * One layer's weights for inference: fused as MLC stores them, with the RMSNorm weights folded in. A q4 weight
 * cannot take a per-input factor into its per-group scales, so a q4 model keeps the norm weights (ln1, ln2) and
 * multiplies the input by them instead.
 */
export interface InferenceLayer {
  wqkv: Weight; // diag(input_layernorm)·W_qkv
  ln1?: A;
  bqkv?: A;
  /** Qwen3: q_norm for each query head, then k_norm for each kv head, [1, heads + kvHeads, headDim]. */
  qkNorm?: A;
  wo: Weight;
  bo?: A;
  wgu: Weight; // diag(post_attention_layernorm)·W_gate_up
  ln2?: A;
  wd: Weight;
}

export interface InferenceParams {
  layers: InferenceLayer[];
  head: Weight; // diag(model.norm)·W_head
  norm?: A; // q4: model.norm, applied to the input
}

/**
 * Per-pass arrays every layer reads, each given as a function that returns a fresh view of it
 * (the caller's to keep alive): a view read by several ops would be copied into a buffer first.
 */
export interface InferenceContext {
  cos: () => A; // [T, 1, headDim]
  sin: () => A;
  mask: () => A; // [1, group·T, keys] additive, row g·T + t for query t (one copy per query head of a kv group)
  place: () => A; // [1, capacity, T] one-hot: where each new key and value is written
  keep: () => A; // [1, capacity, 1]: 0 at the written positions
}

/** Uploads a model's weights for inference in `layout`. Returns the device params and the host embedding table. */
export function loadInferenceParams(s: ModelShape, weights: Map<string, Tensor>, layout: WeightLayout): { params: InferenceParams; embed: Tensor } {
  const qRows = s.heads * s.headDim;
  const kvRows = s.kvHeads * s.headDim;
  const layers: InferenceLayer[] = [];
  const embed = tensorOf(weights, 'model.embed_tokens.weight');
  // A norm weight folded into a float32 weight, or kept beside a q4 one.
  const normed = (t: Tensor, cols: number, rows: number, ln: Float32Array) =>
    t.q4 ? { w: deviceWeight(t, cols, 0, rows, layout), ln: np.array(ln) } : { w: deviceWeight(t, cols, 0, rows, layout, ln) };
  try {
    for (let l = 0; l < s.layers; l++) {
      const t = layerTensors(s, weights, l);
      const qkv = normed(t.qkv, s.hidden, qRows + 2 * kvRows, t.ln1);
      const gu = normed(t.gateUp, s.hidden, 2 * s.intermediate, t.ln2);
      layers.push({
        wqkv: qkv.w,
        ...(qkv.ln ? { ln1: qkv.ln } : {}),
        ...(t.qkvBias ? { bqkv: np.array(t.qkvBias) } : {}),
        ...(t.qkNorm ? { qkNorm: headNorms(t.qkNorm.q, t.qkNorm.k, s.heads, s.kvHeads) } : {}),
        wo: deviceWeight(t.o, qRows, 0, s.hidden, layout),
        ...(t.oBias ? { bo: np.array(t.oBias) } : {}),
        wgu: gu.w,
        ...(gu.ln ? { ln2: gu.ln } : {}),
        wd: deviceWeight(t.down, s.intermediate, 0, s.hidden, layout),
      });
    }
    const head = normed(s.tied ? embed : tensorOf(weights, 'lm_head.weight'), s.hidden, s.vocab, tensorData(weights, 'model.norm.weight'));
    return { params: { layers, head: head.w, ...(head.ln ? { norm: head.ln } : {}) }, embed };
  } catch (e) {
    // A failure part-way (Wasm's memory full) frees what was uploaded, so that the reference can take over.
    tree.dispose(layers);
    throw e;
  }
}

/** 1 / sqrt(mean(x²) + eps) over the last axis, keeping it. Uses up x. */
function invRms(x: A, eps: number): A {
  return np.exp(np.log(x.ref.mul(x).mean(-1, { keepdims: true }).add(eps)).mul(-0.5));
}

/** RMSNorm(x)·W for a weight with the norm's weight folded in: (x·W') / rms(x); or, given the norm's weight `ln` (q4), ((x∘ln)·W) / rms(x). Uses up x, w and ln. */
function normedLinear(layout: WeightLayout, x: A, w: Weight, eps: number, ln?: A): A {
  return linear(layout, ln ? x.ref.mul(ln) : x.ref, w).mul(invRms(x, eps));
}

/**
 * One decoder layer over T positions with a fixed-shape KV cache: x [T, hidden] → [T, hidden], the
 * new keys and values written at `place`, attention over every slot the mask allows.
 * Uses up x, the layer's weights and keys/values; ctx is context.
 */
export function inferenceLayer(s: ModelShape, layout: WeightLayout, L: InferenceLayer, x: A, ctx: InferenceContext, keys: A, values: A): { x: A; keys: A; values: A } {
  const T = x.shape[0]!;
  const hd = s.headDim;
  const half = hd / 2;
  const heads = s.heads + s.kvHeads;
  const group = s.heads / s.kvHeads;
  const qRows = s.heads * hd;
  const kvRows = s.kvHeads * hd;
  let qkv = normedLinear(layout, x.ref, L.wqkv, s.eps, L.ln1);
  if (L.bqkv) qkv = qkv.add(L.bqkv);
  // q and k heads side by side, [T, heads, dims] of them; each use takes its own slice, so no copy is made.
  const qk = (from: number, to: number) => qkv.ref.slice([], [0, qRows + kvRows]).reshape([T, heads, hd]).slice([], [], [from, to]);
  // Qwen3: RMSNorm over each head's vector before RoPE (its weight per dimension, its scale per head).
  const headScale = L.qkNorm ? invRms(qk(0, hd), s.eps) : null;
  const normed = (from: number, to: number) => (L.qkNorm ? qk(from, to).mul(L.qkNorm.ref.slice([], [], [from, to])) : qk(from, to));
  // RoPE: v·cos + rotate_half(v)·sin with rotate_half(v) = [-v₂, v₁]. Seen as [T, heads, 2, half],
  // rotate_half is a flip of the pair axis (a view, which jax-js fuses) times [-1, 1];
  // concatenating the halves, or padding them, would write them out first.
  const pairs = (v: A) => v.reshape([T, heads, 2, half]);
  const sign = np.array(new Float32Array([-1, 1])).reshape([1, 1, 2, 1]);
  const rotated = np.flip(pairs(normed(0, hd)), 2).mul(sign);
  let roped = pairs(normed(0, hd)).mul(ctx.cos().reshape([T, 1, 2, half])).add(rotated.mul(ctx.sin().reshape([T, 1, 2, half])));
  if (headScale) roped = roped.mul(headScale.reshape([T, heads, 1, 1]));
  L.qkNorm?.dispose();
  // Reshaped at each use, like every value read twice here: a shared reshape would be copied.
  const q = roped.ref.reshape([T, heads, hd]).slice([], [0, s.heads], []);
  const kNew = np.transpose(roped.reshape([T, heads, hd]).slice([], [s.heads, heads], []), [1, 0, 2]); // [kvHeads, T, hd]
  const vNew = np.transpose(qkv.slice([], [qRows + kvRows, qRows + 2 * kvRows]).reshape([T, s.kvHeads, hd]), [1, 0, 2]);
  // Write the new rows into the fixed-shape cache: keep the rest, add the placed rows.
  const K = keys.mul(ctx.keep()).add(np.matmul(ctx.place(), kNew));
  const V = values.mul(ctx.keep()).add(np.matmul(ctx.place(), vNew));
  const keptK = K.ref;
  const keptV = V.ref;
  // Grouped-query attention without repeating keys: query head h uses kv head h / group.
  const qg = np.transpose(q.reshape([T, s.kvHeads, group, hd]), [1, 2, 0, 3]).reshape([s.kvHeads, group * T, hd]);
  const scores = np.matmul(qg, np.transpose(K, [0, 2, 1])).mul(1 / Math.sqrt(hd)).add(ctx.mask());
  // The row maximum is reshaped at each use: a reshaped value read twice would be copied.
  const top = scores.ref.max(-1);
  const rowMax = () => top.ref.reshape([s.kvHeads, group * T, 1]);
  const total = np.exp(scores.ref.sub(rowMax())).sum(-1, { keepdims: true });
  const probs = np.exp(scores.sub(rowMax())).div(total);
  top.dispose();
  const attn = np.matmul(probs, V); // [kvHeads, group·T, hd]
  const merged = np.transpose(attn.reshape([s.kvHeads, group, T, hd]), [2, 0, 1, 3]).reshape([T, qRows]);
  let o = linear(layout, merged, L.wo);
  if (L.bo) o = o.add(L.bo);
  const y = x.add(o);
  const gu = normedLinear(layout, y.ref, L.wgu, s.eps, L.ln2);
  const act = nn.silu(gu.ref.slice([], [0, s.intermediate])).mul(gu.slice([], [s.intermediate, 2 * s.intermediate]));
  return { x: y.add(linear(layout, act, L.wd)), keys: keptK, values: keptV };
}

/** The final norm (folded into the head, or given as `norm` for a q4 head) and the vocabulary head over rows [R, hidden] → logits [R, vocab]. Uses up both. */
export function inferenceLogits(s: ModelShape, layout: WeightLayout, rows: A, head: Weight, norm?: A): A {
  return normedLinear(layout, rows, head, s.eps, norm);
}
