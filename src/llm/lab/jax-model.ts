// The lab engine's array path: the same Llama/Qwen2/Qwen3 forward as the reference,
// written with @jax-js/jax so it runs on WebGPU in the browser and on Wasm in Node.
//
// Speed comes from compiling whole passes with `jit`: one program for a prefill chunk and
// one for a single-token decode step, each over a fixed-shape KV cache (its capacity grows
// in powers of two, so a model compiles a handful of shapes, not one per position). Eager
// dispatch of the same function is kept (`jit: false`) as the check on the compiled one;
// the plain-TypeScript reference stays the oracle for both.
import { defaultDevice, jit, nn, numpy as np, tree } from '@jax-js/jax';
import type { Tensor } from '../mlc/tensor-cache';
import { qkvTensor, type ModelShape } from '../reference/config';

type A = np.Array;

/**
 * How linear weights are laid out on the device. 'in-out' ([in, out], x @ W) is what GPUs want (neighbouring
 * outputs read neighbouring addresses); 'out-in' (MLC's own [out, in], x @ Wᵀ) reads each output's weights
 * contiguously, which jax-js's Wasm kernels run 2–3× faster for a decode step's matrix-vector products.
 */
export type WeightLayout = 'in-out' | 'out-in';

/** Rows [rowOffset, rowOffset + take) of an [out, in] row-major matrix, as the device layout wants them. */
function linearWeight(w: Float32Array, cols: number, rowOffset: number, take: number, layout: WeightLayout): A {
  if (layout === 'out-in') return np.array(w.slice(rowOffset * cols, (rowOffset + take) * cols)).reshape([take, cols]);
  const t = new Float32Array(cols * take);
  for (let r = 0; r < take; r++) for (let c = 0; c < cols; c++) t[c * take + r] = w[(r + rowOffset) * cols + c]!;
  return np.array(t).reshape([cols, take]);
}

/** One layer's weights, kept fused as MLC stores them (one matmul for q/k/v, one for gate/up: fewer kernels per step). */
/** Per-head norm weights for q and k side by side, so that one RMSNorm kernel covers both. */
function headNorms(q: Float32Array, k: Float32Array, heads: number, kvHeads: number): A {
  const out = new Float32Array((heads + kvHeads) * q.length);
  for (let h = 0; h < heads + kvHeads; h++) out.set(h < heads ? q : k, h * q.length);
  return np.array(out).reshape([1, heads + kvHeads, q.length]);
}

interface Layer {
  ln1: A; wqkv: A; bqkv?: A; wo: A; bo?: A; ln2: A; wgu: A; wd: A;
  /** Qwen3: q_norm repeated for each query head, then k_norm for each kv head, [1, heads + kvHeads, headDim]. */
  qkNorm?: A;
}

interface Params {
  layers: Layer[];
  norm: A;
  head: A;
  /** "Rotate half" for one head: v @ rot = [-v2, v1]. */
  rot: A;
}

/** Per-layer keys and values, [kvHeads, capacity, headDim] each; positions ≥ length hold nothing that is read. */
export interface JaxCache {
  keys: A[];
  values: A[];
  length: number;
  capacity: number;
}

export interface JaxModelOptions {
  /** Compile the passes with jit (the default); false dispatches every op eagerly (the check on jit). */
  jit: boolean;
  /** Weight layout; by default 'out-in' on Wasm and the CPU backend, 'in-out' on GPUs. */
  layout: WeightLayout;
}

/** What one pass gets besides the weights and the cache, all built on the host (cheap: T × capacity at most). */
interface PassInputs {
  x: A; // [T, hidden] embeddings
  cos: A; // [T, 1, headDim]
  sin: A;
  mask: A; // [1, 1, T, capacity] additive: 0 where key u ≤ position of query t, else -1e9
  place: A; // [1, capacity, T]: one-hot, where each real token's key and value are written
  keep: A; // [1, capacity, 1]: 0 at the written positions, 1 elsewhere
  select: A; // [R, T]: which positions' logits come back (all, or just the last real one)
}

const smallestCapacity = 64;

export class JaxModel {
  readonly #params: Params;
  readonly #embed: Float32Array;
  readonly #pass: (p: Params, keys: A[], values: A[], inputs: PassInputs) => { logits: A; keys: A[]; values: A[] };
  readonly #compiled: { dispose(): void } | null;
  readonly layout: WeightLayout;
  /** Milliseconds spent in calls that compiled a new shape (the first call of each shape). */
  compileMs = 0;
  readonly #seenShapes = new Set<string>();

  constructor(readonly shape: ModelShape, weights: Map<string, Tensor>, options: Partial<JaxModelOptions> = {}) {
    const s = shape;
    const w = (name: string) => {
      const t = weights.get(name);
      if (!t) throw new Error(`The model has no tensor ${name}.`);
      // Tensors are always decoded into fresh (non-shared) buffers.
      return t.data as Float32Array<ArrayBuffer>;
    };
    const qRows = s.heads * s.headDim;
    const kvRows = s.kvHeads * s.headDim;
    const device = defaultDevice();
    const layout = options.layout ?? (device === 'wasm' || device === 'cpu' ? 'out-in' : 'in-out');
    this.layout = layout;
    const layers: Layer[] = [];
    for (let l = 0; l < s.layers; l++) {
      const p = `model.layers.${l}.`;
      const qkv = w(qkvTensor(s, l));
      const bias = s.qkvBias ? w(`${p}self_attn.c_attn.bias`) : undefined;
      const oBias = weights.get(`${p}self_attn.o_proj.bias`)?.data as Float32Array<ArrayBuffer> | undefined;
      const gu = w(`${p}mlp.gate_up_proj.weight`);
      layers.push({
        ln1: np.array(w(`${p}input_layernorm.weight`)),
        wqkv: linearWeight(qkv, s.hidden, 0, qRows + 2 * kvRows, layout),
        ...(bias ? { bqkv: np.array(bias) } : {}),
        ...(s.qkNorm ? { qkNorm: headNorms(w(`${p}self_attn.q_norm.weight`), w(`${p}self_attn.k_norm.weight`), s.heads, s.kvHeads) } : {}),
        wo: linearWeight(w(`${p}self_attn.o_proj.weight`), qRows, 0, s.hidden, layout),
        ...(oBias ? { bo: np.array(oBias) } : {}),
        ln2: np.array(w(`${p}post_attention_layernorm.weight`)),
        wgu: linearWeight(gu, s.hidden, 0, 2 * s.intermediate, layout),
        wd: linearWeight(w(`${p}mlp.down_proj.weight`), s.intermediate, 0, s.hidden, layout),
      });
    }
    this.#embed = w('model.embed_tokens.weight');
    const hd = s.headDim;
    const rot = new Float32Array(hd * hd);
    for (let i = 0; i < hd / 2; i++) {
      rot[(i + hd / 2) * hd + i] = -1; // out[i] = -v[i + hd/2]
      rot[i * hd + i + hd / 2] = 1; // out[i + hd/2] = v[i]
    }
    this.#params = {
      layers,
      norm: np.array(w('model.norm.weight')),
      head: linearWeight(s.tied ? this.#embed : w('lm_head.weight'), s.hidden, 0, s.vocab, layout),
      rot: np.array(rot).reshape([hd, hd]),
    };
    const pass = (p: Params, keys: A[], values: A[], inputs: PassInputs) => this.#forward(p, keys, values, inputs);
    if (options.jit === false) {
      this.#pass = pass;
      this.#compiled = null;
    } else {
      const compiled = jit(pass);
      this.#pass = compiled as unknown as typeof pass;
      this.#compiled = compiled;
    }
  }

  /** Frees the weights and the compiled programs. The model cannot be used afterwards. */
  dispose(): void {
    tree.dispose(this.#params);
    this.#compiled?.dispose();
  }

  /** An empty cache; its capacity grows as tokens arrive (each capacity compiles once). */
  newCache(): JaxCache {
    return { keys: [], values: [], length: 0, capacity: 0 };
  }

  /** Frees a cache's device memory. */
  disposeCache(cache: JaxCache): void {
    for (const a of [...cache.keys, ...cache.values]) a.dispose();
    cache.keys = [];
    cache.values = [];
    cache.length = 0;
    cache.capacity = 0;
  }

  /** Logits at every position of `tokens`, [T × vocab] row-major; with `cache`, appended to it. */
  async forward(tokens: number[], cache?: JaxCache): Promise<Float32Array> {
    const own = cache ?? this.newCache();
    try {
      return await this.#run(tokens, own, 'all');
    } finally {
      if (!cache) this.disposeCache(own);
    }
  }

  /**
   * Feeds a prompt (or the next chunk of one) and returns only the last position's logits: the
   * read-back a sampler needs. The chunk is padded to a power of two, so prompts of similar
   * length share one compiled program.
   */
  async prefill(tokens: number[], cache: JaxCache): Promise<Float32Array> {
    return this.#run(tokens, cache, 'last');
  }

  /** Decodes one token at the cache's next position; returns its logits. */
  async step(token: number, cache: JaxCache): Promise<Float32Array> {
    return this.#run([token], cache, 'last');
  }

  /** x @ W for a linear weight in this model's layout. */
  #linear(x: A, w: A): A {
    return this.layout === 'out-in' ? np.matmul(x, np.transpose(w, [1, 0])) : np.matmul(x, w);
  }

  #rms(x: A, weight: A): A {
    const meanSquare = x.ref.mul(x.ref).mean(-1, { keepdims: true });
    return x.mul(np.reciprocal(np.sqrt(meanSquare.add(this.shape.eps)))).mul(weight);
  }

  /**
   * One pass over T tokens as a pure function of its arguments, so that jit can compile it.
   * Every argument is owned and used up exactly once (jax-js has no garbage collection of arrays).
   */
  #forward(p: Params, keys: A[], values: A[], inputs: PassInputs): { logits: A; keys: A[]; values: A[] } {
    const s = this.shape;
    const { cos, sin, mask, place, keep, select } = inputs;
    const T = inputs.x.shape[0]!;
    const hd = s.headDim;
    const group = s.heads / s.kvHeads;
    const qRows = s.heads * hd;
    const kvRows = s.kvHeads * hd;
    const capacity = mask.shape[3]!;
    const rope = (v: A, heads: number) => {
      const rotated = np.matmul(v.ref.reshape([T * heads, hd]), p.rot.ref).reshape([T, heads, hd]);
      return v.mul(cos.ref).add(rotated.mul(sin.ref));
    };
    let x = inputs.x;
    const newKeys: A[] = [];
    const newValues: A[] = [];
    p.layers.forEach((L, l) => {
      let qkv = this.#linear(this.#rms(x.ref, L.ln1), L.wqkv);
      if (L.bqkv) qkv = qkv.add(L.bqkv);
      // q and k heads side by side: one (Qwen3) head norm and one RoPE for both, then split.
      let qk = qkv.ref.slice([], [0, qRows + kvRows]).reshape([T, s.heads + s.kvHeads, hd]);
      const v = qkv.slice([], [qRows + kvRows, qRows + 2 * kvRows]);
      if (L.qkNorm) qk = this.#rms(qk, L.qkNorm); // Qwen3: RMSNorm over each head's vector, before RoPE.
      const roped = rope(qk, s.heads + s.kvHeads);
      const q3 = roped.ref.slice([], [0, s.heads], []);
      const kNew = np.transpose(roped.slice([], [s.heads, s.heads + s.kvHeads], []), [1, 0, 2]); // [kvH, T, hd]
      const vNew = np.transpose(v.reshape([T, s.kvHeads, hd]), [1, 0, 2]);
      // Write the new rows into the fixed-shape cache: keep the rest, add the placed rows.
      const K = keys[l]!.mul(keep.ref).add(np.matmul(place.ref, kNew));
      const V = values[l]!.mul(keep.ref).add(np.matmul(place.ref, vNew));
      newKeys.push(K.ref);
      newValues.push(V.ref);
      // Grouped-query attention without repeating the cache: query head h uses kv head h / group.
      const qg = np.transpose(q3.reshape([T, s.kvHeads, group, hd]), [1, 2, 0, 3]).reshape([s.kvHeads, group * T, hd]);
      const scores = np.matmul(qg, np.transpose(K, [0, 2, 1])).mul(1 / Math.sqrt(hd)).reshape([s.kvHeads, group, T, capacity]).add(mask.ref);
      const attn = np.matmul(nn.softmax(scores, -1).reshape([s.kvHeads, group * T, capacity]), V);
      const merged = np.transpose(attn.reshape([s.kvHeads, group, T, hd]), [2, 0, 1, 3]).reshape([T, s.heads * hd]);
      let o = this.#linear(merged, L.wo);
      if (L.bo) o = o.add(L.bo);
      x = x.add(o);
      const h2 = this.#rms(x.ref, L.ln2);
      const gu = this.#linear(h2, L.wgu);
      const act = nn.silu(gu.ref.slice([], [0, s.intermediate])).mul(gu.slice([], [s.intermediate, 2 * s.intermediate]));
      x = x.add(this.#linear(act, L.wd));
    });
    for (const a of [cos, sin, mask, place, keep, p.rot]) a.dispose();
    // Only the selected rows go through the final norm and the head (the vocabulary-sized matmul).
    // (When every row is read, as in a decode step, the selection is the identity: skip its kernel.)
    const rows = select.shape[0] === T ? (select.dispose(), x) : np.matmul(select, x);
    const logits = this.#linear(this.#rms(rows, p.norm), p.head);
    return { logits, keys: newKeys, values: newValues };
  }

  /** Grows the cache to hold `needed` positions: zero rows appended (a new capacity compiles once). */
  #reserve(cache: JaxCache, needed: number): void {
    if (needed <= cache.capacity) return;
    let capacity = Math.max(smallestCapacity, cache.capacity);
    while (capacity < needed) capacity *= 2;
    capacity = Math.max(needed, Math.min(capacity, this.shape.contextWindow));
    const s = this.shape;
    const grow = (a: A | undefined) => (a ? np.pad(a, [[0, 0], [0, capacity - cache.capacity], [0, 0]]) : np.zeros([s.kvHeads, capacity, s.headDim]));
    cache.keys = Array.from({ length: s.layers }, (_, l) => grow(cache.keys[l]));
    cache.values = Array.from({ length: s.layers }, (_, l) => grow(cache.values[l]));
    cache.capacity = capacity;
  }

  async #run(tokens: number[], cache: JaxCache, read: 'all' | 'last'): Promise<Float32Array> {
    const s = this.shape;
    for (const t of tokens) if (t < 0 || t >= s.vocab) throw new Error(`token ${t} is outside the vocabulary (${s.vocab}).`);
    if (!tokens.length) throw new Error('Nothing to run: no tokens.');
    const real = tokens.length;
    // 'last' pads the chunk to a power of two, so that prompts share compiled programs; the
    // padding is neither written to the cache nor seen by real tokens (it comes after them).
    const T = read === 'last' && real > 1 ? 2 ** Math.ceil(Math.log2(real)) : real;
    const start = cache.length;
    this.#reserve(cache, start + T);
    const L = cache.capacity;
    const hd = s.headDim;
    const emb = new Float32Array(T * s.hidden);
    tokens.forEach((t, i) => emb.set(this.#embed.subarray(t * s.hidden, (t + 1) * s.hidden), i * s.hidden));
    const cos = new Float32Array(T * hd);
    const sin = new Float32Array(T * hd);
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < hd; i++) {
        const angle = (start + t) * s.ropeTheta ** (-(2 * (i % (hd / 2))) / hd);
        cos[t * hd + i] = Math.cos(angle);
        sin[t * hd + i] = Math.sin(angle);
      }
    }
    const mask = new Float32Array(T * L);
    const place = new Float32Array(L * T);
    const keep = new Float32Array(L).fill(1);
    for (let t = 0; t < T; t++) for (let u = start + t + 1; u < L; u++) mask[t * L + u] = -1e9;
    for (let t = 0; t < real; t++) (place[(start + t) * T + t] = 1), (keep[start + t] = 0);
    const rows = read === 'all' ? real : 1;
    const select = new Float32Array(rows * T);
    for (let r = 0; r < rows; r++) select[r * T + (read === 'all' ? r : real - 1)] = 1;
    const inputs: PassInputs = {
      x: np.array(emb).reshape([T, s.hidden]),
      cos: np.array(cos).reshape([T, 1, hd]),
      sin: np.array(sin).reshape([T, 1, hd]),
      mask: np.array(mask).reshape([1, 1, T, L]),
      place: np.array(place).reshape([1, L, T]),
      keep: np.array(keep).reshape([1, L, 1]),
      select: np.array(select).reshape([rows, T]),
    };
    const key = `${T}/${L}/${rows}`;
    const first = !this.#seenShapes.has(key);
    const t0 = performance.now();
    const out = this.#pass(tree.ref(this.#params), cache.keys, cache.values, inputs);
    cache.keys = out.keys;
    cache.values = out.values;
    cache.length = start + real;
    // Async on purpose: on WebGPU, jax-js's synchronous dataSync() returns wrong values and then
    // loses the device; the awaited data() read-back is exact.
    const logits = (await out.logits.data()) as Float32Array;
    if (first) {
      this.#seenShapes.add(key);
      this.compileMs += performance.now() - t0;
    }
    return logits;
  }
}
