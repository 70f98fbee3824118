// The Llama/Qwen2/Qwen3 forward pass written with @jax-js/jax for LoRA training
// (finetune/train: the layers with LoRA pairs added, gradients taken with vjp), and
// the weight loading and helpers that the lab engine's inference layers share
// (jax-infer.ts: the same arithmetic arranged for fewer kernels, over a KV cache).
// Every function here is pure in its array arguments, so that jit can compile it
// and vjp can differentiate it.
//
// Ownership (jax-js has no garbage collection of arrays): an argument is used up
// unless it is named a "context" argument; context arrays are read with .ref and
// stay alive for the caller to dispose.
import { nn, numpy as np } from '@jax-js/jax';
import { tensorRows, type Tensor } from '../mlc/tensor-cache';
import { qkvTensor, type ModelShape } from '../reference/config';

type A = np.Array;

/**
 * How linear weights are laid out on the device. 'in-out' ([in, out], x @ W) is what GPUs want (neighbouring
 * outputs read neighbouring addresses); 'out-in' (MLC's own [out, in], x @ Wᵀ) reads each output's weights
 * contiguously, which jax-js's Wasm kernels run 2–3× faster for a decode step's matrix-vector products.
 */
export type WeightLayout = 'in-out' | 'out-in';

/** The HF module names a LoRA can target, in PEFT's spelling. */
export const loraModules = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] as const;
export type LoraModule = (typeof loraModules)[number];

/** One LoRA pair as PEFT stores it: A [r, in], B [out, r]. */
export interface LoraPairArrays {
  A: A;
  B: A;
}
/** One layer's LoRA pairs, by module. */
export type LayerLora = Partial<Record<LoraModule, LoraPairArrays>>;

/**
 * A q4f16_1 weight on the device, as stored: codes uint32 [out, in / 8] and scales float32 [out, in / 32] (float16
 * widened: WebGPU without shader-f16 has no half type). It is dequantized inside each pass that reads it (`weightOf`),
 * so only the layer being computed is ever float32: QLoRA's frozen 4-bit base (Dettmers et al. 2023).
 */
export interface Q4Array {
  q: A;
  scale: A;
}

/** A linear weight on the device: float32 in the device layout, or q4 codes in MLC's [out, in] order. */
export type Weight = A | Q4Array;

// Duck-typed: under jit and grad an array is a tracer, not an np.Array instance; a Q4Array has no shape.
const isQ4 = (w: Weight): w is Q4Array => !('shape' in w);

/** Each word's eight 4-bit codes, element j in bits 4j … 4j + 3 (docs/llm.md). */
const nibbleShifts = () => np.array(Uint32Array.from({ length: 8 }, (_, j) => 4 * j), { dtype: np.uint32 }).reshape([1, 1, 8]);

/** The float32 matrix of a weight in `layout`: a q4 weight is dequantized here, (code − 7) · scale. Uses up w. */
export function weightOf(layout: WeightLayout, w: Weight): A {
  if (!isQ4(w)) return w;
  const [rows, words] = w.q.shape as [number, number];
  const cols = words * 8;
  const codes = np.bitwiseAnd(np.rightShift(w.q.reshape([rows, words, 1]), nibbleShifts()), 15);
  const values = codes.astype(np.float32).sub(7).reshape([rows, cols / 32, 32]).mul(w.scale.reshape([rows, cols / 32, 1])).reshape([rows, cols]);
  return layout === 'out-in' ? values : np.transpose(values, [1, 0]);
}

/** Rows [from, to) of a weight in MLC's [out, in] order, as a weight of the same kind (a view: no copy, no dequantization). */
export function weightRows(layout: WeightLayout, w: Weight, from: number, to: number): Weight {
  if (isQ4(w)) return { q: w.q.slice([from, to], []), scale: w.scale.slice([from, to], []) };
  return layout === 'out-in' ? w.slice([from, to], []) : w.slice([], [from, to]);
}

/** Frees a weight's arrays. */
export function disposeWeight(w: Weight): void {
  if (isQ4(w)) (w.q.dispose(), w.scale.dispose());
  else w.dispose();
}

/** A new reference to a weight (jax-js counts references; see the ownership note above). */
export function weightRef(w: Weight): Weight {
  return isQ4(w) ? { q: w.q.ref, scale: w.scale.ref } : w.ref;
}

/** One layer's frozen weights, kept fused as MLC stores them (one matmul for q/k/v, one for gate/up). */
export interface Layer {
  ln1: A; wqkv: Weight; bqkv?: A; wo: Weight; bo?: A; ln2: A; wgu: Weight; wd: Weight;
  /** Qwen3: q_norm repeated for each query head, then k_norm for each kv head, [1, heads + kvHeads, headDim]. */
  qkNorm?: A;
}

export interface Params {
  layers: Layer[];
  norm: A;
  head: Weight;
  /** "Rotate half" for one head: v @ rot = [-v2, v1]. */
  rot: A;
}

/** Per-pass inputs that every layer reads (context arrays: not used up by a layer). */
export interface LayerContext {
  cos: A; // [T, 1, headDim]
  sin: A;
  mask: A; // [1, 1, T, keys] additive: 0 where key u may be seen by query t, else -1e9
}

/**
 * Rows [rowOffset, rowOffset + take) of an [out, in] row-major matrix, as the device layout wants them;
 * with `inScale`, each input column c is multiplied by inScale[c] (an RMSNorm weight folded in: diag(w)·W).
 */
export function linearWeight(w: Float32Array, cols: number, rowOffset: number, take: number, layout: WeightLayout, inScale?: Float32Array): A {
  if (layout === 'out-in' && !inScale) return np.array(w.slice(rowOffset * cols, (rowOffset + take) * cols)).reshape([take, cols]);
  const t = new Float32Array(cols * take);
  for (let r = 0; r < take; r++) {
    for (let c = 0; c < cols; c++) {
      const v = w[(r + rowOffset) * cols + c]! * (inScale ? inScale[c]! : 1);
      t[layout === 'out-in' ? r * cols + c : c * take + r] = v;
    }
  }
  return np.array(t).reshape(layout === 'out-in' ? [take, cols] : [cols, take]);
}

/**
 * A tensor's rows [rowOffset, rowOffset + take) as a device weight: float32 in `layout` (with `inScale` folded in,
 * as linearWeight does), or, for a q4 tensor, its codes and scales as stored (inScale must then be applied to the
 * input instead: a per-input factor cannot be folded into per-group scales).
 */
export function deviceWeight(t: Tensor, cols: number, rowOffset: number, take: number, layout: WeightLayout, inScale?: Float32Array): Weight {
  if (!t.q4) return linearWeight(t.data, cols, rowOffset, take, layout, inScale);
  const words = cols / 8;
  const groups = cols / 32;
  return {
    q: np.array(t.q4.q.slice(rowOffset * words, (rowOffset + take) * words), { dtype: np.uint32 }).reshape([take, words]),
    scale: np.array(t.q4.scale.slice(rowOffset * groups, (rowOffset + take) * groups)).reshape([take, groups]),
  };
}

/** Per-head norm weights for q and k side by side, so that one RMSNorm kernel covers both. */
export function headNorms(q: Float32Array, k: Float32Array, heads: number, kvHeads: number): A {
  const out = new Float32Array((heads + kvHeads) * q.length);
  for (let h = 0; h < heads + kvHeads; h++) out.set(h < heads ? q : k, h * q.length);
  return np.array(out).reshape([1, heads + kvHeads, q.length]);
}

/** One of a model's tensors by MLC name; tensors are always decoded into fresh (non-shared) float32 buffers (f16 is upcast on load). */
export function tensorData(weights: Map<string, Tensor>, name: string): Float32Array<ArrayBuffer> {
  return tensorOf(weights, name).data as Float32Array<ArrayBuffer>;
}

/** One of a model's tensors by MLC name, as loaded (a q4 weight stays quantized). */
export function tensorOf(weights: Map<string, Tensor>, name: string): Tensor {
  const t = weights.get(name);
  if (!t) throw new Error(`The model has no tensor ${name}.`);
  return t;
}

/** Layer `l`'s host tensors by role, under their MLC names (the loaders for training and inference share this): linear weights as Tensors, the rest as float32. */
export function layerTensors(s: ModelShape, weights: Map<string, Tensor>, l: number) {
  const w = (name: string) => tensorData(weights, name);
  const t = (name: string) => tensorOf(weights, name);
  const p = `model.layers.${l}.`;
  return {
    ln1: w(`${p}input_layernorm.weight`),
    qkv: t(qkvTensor(s, l)),
    qkvBias: s.qkvBias ? w(`${p}self_attn.c_attn.bias`) : undefined,
    qkNorm: s.qkNorm ? { q: w(`${p}self_attn.q_norm.weight`), k: w(`${p}self_attn.k_norm.weight`) } : undefined,
    o: t(`${p}self_attn.o_proj.weight`),
    oBias: weights.get(`${p}self_attn.o_proj.bias`)?.data as Float32Array<ArrayBuffer> | undefined,
    ln2: w(`${p}post_attention_layernorm.weight`),
    gateUp: t(`${p}mlp.gate_up_proj.weight`),
    down: t(`${p}mlp.down_proj.weight`),
  };
}

/** Token `token`'s embedding row (only that row is dequantized for a q4 table). */
export function embeddingRow(embed: Tensor, token: number): Float32Array {
  return tensorRows(embed, token, token + 1);
}

/** Uploads a model's weights in the given layout. Returns the device params and the host embedding table. */
export function loadParams(s: ModelShape, weights: Map<string, Tensor>, layout: WeightLayout): { params: Params; embed: Tensor } {
  const qRows = s.heads * s.headDim;
  const kvRows = s.kvHeads * s.headDim;
  const layers: Layer[] = [];
  for (let l = 0; l < s.layers; l++) {
    const t = layerTensors(s, weights, l);
    layers.push({
      ln1: np.array(t.ln1),
      wqkv: deviceWeight(t.qkv, s.hidden, 0, qRows + 2 * kvRows, layout),
      ...(t.qkvBias ? { bqkv: np.array(t.qkvBias) } : {}),
      ...(t.qkNorm ? { qkNorm: headNorms(t.qkNorm.q, t.qkNorm.k, s.heads, s.kvHeads) } : {}),
      wo: deviceWeight(t.o, qRows, 0, s.hidden, layout),
      ...(t.oBias ? { bo: np.array(t.oBias) } : {}),
      ln2: np.array(t.ln2),
      wgu: deviceWeight(t.gateUp, s.hidden, 0, 2 * s.intermediate, layout),
      wd: deviceWeight(t.down, s.intermediate, 0, s.hidden, layout),
    });
  }
  const embed = tensorOf(weights, 'model.embed_tokens.weight');
  const hd = s.headDim;
  const rot = new Float32Array(hd * hd);
  for (let i = 0; i < hd / 2; i++) {
    rot[(i + hd / 2) * hd + i] = -1; // out[i] = -v[i + hd/2]
    rot[i * hd + i + hd / 2] = 1; // out[i + hd/2] = v[i]
  }
  const params: Params = {
    layers,
    norm: np.array(tensorData(weights, 'model.norm.weight')),
    head: deviceWeight(s.tied ? embed : tensorOf(weights, 'lm_head.weight'), s.hidden, 0, s.vocab, layout),
    rot: np.array(rot).reshape([hd, hd]),
  };
  return { params, embed };
}

/** Host-built RoPE tables for positions start … start + T - 1, [T × headDim] each. */
export function ropeTables(s: ModelShape, start: number, T: number): { cos: Float32Array; sin: Float32Array } {
  const hd = s.headDim;
  const cos = new Float32Array(T * hd);
  const sin = new Float32Array(T * hd);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < hd; i++) {
      const angle = (start + t) * s.ropeTheta ** (-(2 * (i % (hd / 2))) / hd);
      cos[t * hd + i] = Math.cos(angle);
      sin[t * hd + i] = Math.sin(angle);
    }
  }
  return { cos, sin };
}

/** x @ W for a linear weight in `layout` (a q4 weight is dequantized first). Uses up x and w. */
export function linear(layout: WeightLayout, x: A, w: Weight): A {
  const m = weightOf(layout, w);
  return layout === 'out-in' ? np.matmul(x, np.transpose(m, [1, 0])) : np.matmul(x, m);
}

/**
 * RMSNorm. The scale is exp(-½·log(mean² + eps)), not 1/sqrt: jax-js 0.1.25's derivative of
 * a reciprocal leaks one buffer per eager use (docs/decisions.md), and training differentiates this.
 */
export function rms(x: A, weight: A, eps: number): A {
  const meanSquare = x.ref.mul(x.ref).mean(-1, { keepdims: true });
  return x.mul(np.exp(np.log(meanSquare.add(eps)).mul(-0.5))).mul(weight);
}

/** scale · (x Aᵀ) Bᵀ: a LoRA pair's contribution to a linear layer's output. Uses up x and the pair. */
export function loraDelta(x: A, pair: LoraPairArrays, scale: number): A {
  return np.matmul(np.matmul(x, np.transpose(pair.A, [1, 0])), np.transpose(pair.B, [1, 0])).mul(scale);
}

/** The output of a fused linear layer plus the LoRA deltas of the modules packed into it (zeros where none). */
function fusedWithLora(out: A, h: A, parts: [LoraPairArrays | undefined, number][], scale: number): A {
  if (!parts.some(([p]) => p)) {
    h.dispose();
    return out;
  }
  const T = h.shape[0]!;
  const deltas = parts.map(([p, rows]) => (p ? loraDelta(h.ref, p, scale) : np.zeros([T, rows])));
  h.dispose();
  return out.add(np.concatenate(deltas, 1));
}

/** A plain linear layer plus its LoRA delta, if any. */
function linearWithLora(layout: WeightLayout, h: A, w: Weight, pair: LoraPairArrays | undefined, scale: number): A {
  if (!pair) return linear(layout, h, w);
  return linear(layout, h.ref, w).add(loraDelta(h, pair, scale));
}

/**
 * One decoder layer over T positions, x [T, hidden] → [T, hidden], attending over the pass's own
 * keys (training always starts at position 0). Uses up x, the layer's weights and the LoRA pairs;
 * ctx is context.
 */
export function decoderLayer(
  s: ModelShape, layout: WeightLayout, L: Layer, x: A, ctx: LayerContext & { rot: A }, lora: LayerLora | null, scale: number,
): { x: A } {
  const T = x.shape[0]!;
  const hd = s.headDim;
  const group = s.heads / s.kvHeads;
  const qRows = s.heads * hd;
  const kvRows = s.kvHeads * hd;
  const rope = (v: A, heads: number) => {
    const rotated = np.matmul(v.ref.reshape([T * heads, hd]), ctx.rot.ref).reshape([T, heads, hd]);
    return v.mul(ctx.cos.ref).add(rotated.mul(ctx.sin.ref));
  };
  const h1 = rms(x.ref, L.ln1, s.eps);
  let qkv = fusedWithLora(linear(layout, h1.ref, L.wqkv), h1, [[lora?.q_proj, qRows], [lora?.k_proj, kvRows], [lora?.v_proj, kvRows]], scale);
  if (L.bqkv) qkv = qkv.add(L.bqkv);
  // q and k heads side by side: one (Qwen3) head norm and one RoPE for both, then split.
  let qk = qkv.ref.slice([], [0, qRows + kvRows]).reshape([T, s.heads + s.kvHeads, hd]);
  const v = qkv.slice([], [qRows + kvRows, qRows + 2 * kvRows]);
  if (L.qkNorm) qk = rms(qk, L.qkNorm, s.eps); // Qwen3: RMSNorm over each head's vector, before RoPE.
  const roped = rope(qk, s.heads + s.kvHeads);
  const q3 = roped.ref.slice([], [0, s.heads], []);
  const K = np.transpose(roped.slice([], [s.heads, s.heads + s.kvHeads], []), [1, 0, 2]); // [kvH, T, hd]
  const V = np.transpose(v.reshape([T, s.kvHeads, hd]), [1, 0, 2]);
  // Grouped-query attention without repeating keys: query head h uses kv head h / group.
  const qg = np.transpose(q3.reshape([T, s.kvHeads, group, hd]), [1, 2, 0, 3]).reshape([s.kvHeads, group * T, hd]);
  const scores = np.matmul(qg, np.transpose(K, [0, 2, 1])).mul(1 / Math.sqrt(hd)).reshape([s.kvHeads, group, T, T]).add(ctx.mask.ref);
  // exp(logSoftmax) rather than softmax: the same leak-free form as rms().
  const probs = np.exp(nn.logSoftmax(scores, -1));
  const attn = np.matmul(probs.reshape([s.kvHeads, group * T, T]), V);
  const merged = np.transpose(attn.reshape([s.kvHeads, group, T, hd]), [2, 0, 1, 3]).reshape([T, s.heads * hd]);
  let o = linearWithLora(layout, merged, L.wo, lora?.o_proj, scale);
  if (L.bo) o = o.add(L.bo);
  let y = x.add(o);
  const h2 = rms(y.ref, L.ln2, s.eps);
  const gu = fusedWithLora(linear(layout, h2.ref, L.wgu), h2, [[lora?.gate_proj, s.intermediate], [lora?.up_proj, s.intermediate]], scale);
  const act = nn.silu(gu.ref.slice([], [0, s.intermediate])).mul(gu.slice([], [s.intermediate, 2 * s.intermediate]));
  y = y.add(linearWithLora(layout, act, L.wd, lora?.down_proj, scale));
  return { x: y };
}

/**
 * The completion-only loss over the selected rows: Σ_r weight_r · (logsumexp(logits_r) − logits_r[target_r]).
 * The vocabulary is processed in chunks of `chunk` columns (a running log-sum-exp), so no [R, vocab]
 * array is ever materialised for large vocabularies. The target mask is equal(target, arange) per chunk,
 * not a one-hot (jax-js's oneHot under jit builds a V×V identity). Uses up everything.
 * rows [R, hidden]; targets int32 [R]; weights [R] (0 for padding rows).
 */
export function headLoss(s: ModelShape, layout: WeightLayout, rows: A, norm: A, head: Weight, targets: A, weights: A, chunk: number): A {
  const h = rms(rows, norm, s.eps);
  const { lse, picked } = vocabChunks(s, layout, h, head, targets, chunk, false);
  disposeWeight(head);
  h.dispose();
  targets.dispose();
  return lse.sub(picked).mul(weights).sum();
}

/**
 * headLoss's pass over the vocabulary in chunks: each chunk's logits h·W_chunkᵀ, its target mask, the running
 * log-sum-exp [R] and the target logits [R]. With `keep`, each chunk's logits and mask are returned for a backward;
 * without, they are used up. h, head and targets are context (the caller disposes them).
 */
function vocabChunks(s: ModelShape, layout: WeightLayout, h: A, head: Weight, targets: A, chunk: number, keep: boolean) {
  const chunks: { start: number; end: number; logits: A; hit: A }[] = [];
  const lses: A[] = [];
  let picked: A | null = null;
  for (let start = 0; start < s.vocab; start += chunk) {
    const end = Math.min(s.vocab, start + chunk);
    const logits = linear(layout, h.ref, weightRows(layout, weightRef(head), start, end)); // [R, end - start]
    const hit = np.equal(targets.ref.reshape([-1, 1]), np.arange(start, end, 1, { dtype: np.int32 }).reshape([1, -1]));
    const p = np.where(keep ? hit.ref : hit, logits.ref, 0).sum(-1);
    picked = picked ? picked.add(p) : p;
    lses.push(nn.logsumexp(keep ? logits.ref : logits, -1, { keepdims: true }));
    if (keep) chunks.push({ start, end, logits, hit });
  }
  const lse = lses.length === 1 ? lses[0]!.reshape([-1]) : nn.logsumexp(np.concatenate(lses, 1), -1);
  return { lse, picked: picked!, chunks };
}

/**
 * The completion-only loss of headLoss and its gradient with respect to the normalized rows h, written out rather
 * than taken with vjp: dh = Σ_chunks ((softmax − onehot) ⊙ weight) · W_chunk. A vjp of headLoss keeps every
 * vocabulary chunk of the head (float32, dequantized for a q4 head) alive for its backward, several head-sized
 * copies at once; here each chunk of W exists only while its two matmuls run, and what is kept is each chunk's
 * logits [R, chunk]. Uses up everything. h [R, hidden]; targets int32 [R]; weights [R].
 */
export function headLossGrad(s: ModelShape, layout: WeightLayout, h: A, head: Weight, targets: A, weights: A, chunk: number): { loss: A; dh: A } {
  const { lse, picked, chunks } = vocabChunks(s, layout, h, head, targets, chunk, true);
  targets.dispose();
  const loss = lse.ref.sub(picked).mul(weights.ref).sum();
  let dh: A | null = null;
  for (const c of chunks) {
    // (softmax − onehot) · weight, then back through this chunk's columns of the head.
    const g = np.exp(c.logits.sub(lse.ref.reshape([-1, 1]))).sub(c.hit.astype(np.float32)).mul(weights.ref.reshape([-1, 1]));
    const w = weightOf(layout, weightRows(layout, weightRef(head), c.start, c.end)); // [chunk, hidden] (out-in) or [hidden, chunk]
    const part = layout === 'out-in' ? np.matmul(g, w) : np.matmul(g, np.transpose(w, [1, 0]));
    dh = dh ? dh.add(part) : part;
  }
  lse.dispose();
  weights.dispose();
  disposeWeight(head);
  h.dispose();
  return { loss, dh: dh! };
}
