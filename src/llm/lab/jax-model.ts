// The lab engine's array path: the same Llama/Qwen2 forward as the reference,
// written with @jax-js/jax so it runs on WebGPU in the browser and on Wasm in
// Node, and so gradients can flow through it (LoRA, later). This is the spike
// the issue asks for: a whole-sequence forward (prefill) checked against the
// plain-TypeScript reference on both fixture families.
import { nn, numpy as np } from '@jax-js/jax';
import type { Tensor } from '../mlc/tensor-cache';
import type { ModelShape } from '../reference/config';

type A = np.Array;

/** [out, in] row-major → [in, out], optionally with kv-head rows repeated to match the query heads (GQA). */
function transposed(w: Float32Array, rows: number, cols: number, rowOffset = 0, take = rows, repeatHeads?: { headDim: number; times: number }): A {
  const outRows = repeatHeads ? take * repeatHeads.times : take;
  const t = new Float32Array(cols * outRows);
  for (let r = 0; r < outRows; r++) {
    const src = repeatHeads ? Math.floor(r / repeatHeads.headDim / repeatHeads.times) * repeatHeads.headDim + (r % repeatHeads.headDim) : r;
    for (let c = 0; c < cols; c++) t[c * outRows + r] = w[(src + rowOffset) * cols + c]!;
  }
  return np.array(t).reshape([cols, outRows]);
}

function vector(v: Float32Array, offset = 0, take = v.length, repeatHeads?: { headDim: number; times: number }): A {
  const n = repeatHeads ? take * repeatHeads.times : take;
  const out = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    const src = repeatHeads ? Math.floor(r / repeatHeads.headDim / repeatHeads.times) * repeatHeads.headDim + (r % repeatHeads.headDim) : r;
    out[r] = v[offset + src]!;
  }
  return np.array(out);
}

interface Layer {
  ln1: A; wq: A; wk: A; wv: A; bq?: A; bk?: A; bv?: A; wo: A; ln2: A; wg: A; wu: A; wd: A;
}

/** Per-layer keys and values so far, [heads, t, headDim] each (kv heads repeated to the query heads). */
export interface JaxCache {
  keys: (A | null)[];
  values: (A | null)[];
  length: number;
}

export class JaxModel {
  readonly #layers: Layer[] = [];
  readonly #norm: A;
  readonly #head: A;
  readonly #embed: Float32Array;
  /** Block-diagonal "rotate half" matrix: x @ R = [-x2, x1] per head. */
  readonly #rotate: A;

  constructor(readonly shape: ModelShape, weights: Map<string, Tensor>) {
    const s = shape;
    const w = (name: string) => {
      const t = weights.get(name);
      if (!t) throw new Error(`The model has no tensor ${name}.`);
      // Tensors are always decoded into fresh (non-shared) buffers.
      return t.data as Float32Array<ArrayBuffer>;
    };
    const qRows = s.heads * s.headDim;
    const kvRows = s.kvHeads * s.headDim;
    const gqa = { headDim: s.headDim, times: s.heads / s.kvHeads };
    for (let l = 0; l < s.layers; l++) {
      const p = `model.layers.${l}.`;
      const qkv = w(s.family === 'qwen2' ? `${p}self_attn.c_attn.weight` : `${p}self_attn.qkv_proj.weight`);
      const bias = s.family === 'qwen2' ? weights.get(`${p}self_attn.c_attn.bias`)?.data : undefined;
      const gu = w(`${p}mlp.gate_up_proj.weight`);
      this.#layers.push({
        ln1: np.array(w(`${p}input_layernorm.weight`)),
        wq: transposed(qkv, qRows, s.hidden, 0, qRows),
        wk: transposed(qkv, kvRows, s.hidden, qRows, kvRows, gqa),
        wv: transposed(qkv, kvRows, s.hidden, qRows + kvRows, kvRows, gqa),
        ...(bias ? { bq: vector(bias, 0, qRows), bk: vector(bias, qRows, kvRows, gqa), bv: vector(bias, qRows + kvRows, kvRows, gqa) } : {}),
        wo: transposed(w(`${p}self_attn.o_proj.weight`), s.hidden, qRows),
        ln2: np.array(w(`${p}post_attention_layernorm.weight`)),
        wg: transposed(gu, s.intermediate, s.hidden, 0, s.intermediate),
        wu: transposed(gu, s.intermediate, s.hidden, s.intermediate, s.intermediate),
        wd: transposed(w(`${p}mlp.down_proj.weight`), s.hidden, s.intermediate),
      });
    }
    this.#norm = np.array(w('model.norm.weight'));
    this.#embed = w('model.embed_tokens.weight');
    this.#head = transposed(s.tied ? this.#embed : w('lm_head.weight'), s.vocab, s.hidden);
    const d = qRows;
    const r = new Float32Array(d * d);
    const half = s.headDim / 2;
    for (let h = 0; h < s.heads; h++) {
      for (let i = 0; i < half; i++) {
        const a = h * s.headDim + i;
        const b = a + half;
        r[b * d + a] = -1; // out[a] = -x[b]
        r[a * d + b] = 1; // out[b] = x[a]
      }
    }
    this.#rotate = np.array(r).reshape([d, d]);
  }

  newCache(): JaxCache {
    return { keys: this.#layers.map(() => null), values: this.#layers.map(() => null), length: 0 };
  }

  /** Frees a cache's device memory. */
  disposeCache(cache: JaxCache): void {
    for (const a of [...cache.keys, ...cache.values]) a?.dispose();
    cache.keys.fill(null);
    cache.values.fill(null);
    cache.length = 0;
  }

  /** Decodes one token at the cache's next position, appending its keys and values; returns its logits. */
  async step(token: number, cache: JaxCache): Promise<Float32Array> {
    return this.#run([token], cache);
  }

  #rms(x: A, weight: A): A {
    const meanSquare = x.ref.mul(x.ref).mean(-1, { keepdims: true });
    return x.mul(np.reciprocal(np.sqrt(meanSquare.add(this.shape.eps)))).mul(weight.ref);
  }

  /**
   * Logits for every position of `tokens`, as a [T × vocab] row-major Float32Array; with
   * `cache`, its keys and values are kept for the decode steps that follow (a prefill).
   * Async on purpose: on WebGPU, jax-js's synchronous `dataSync()` returned wrong values
   * (checked op by op on SwiftShader); the awaited `data()` read-back is exact.
   */
  async forward(tokens: number[], cache?: JaxCache): Promise<Float32Array> {
    const own = cache ?? this.newCache();
    try {
      return await this.#run(tokens, own);
    } finally {
      if (!cache) this.disposeCache(own);
    }
  }

  /**
   * The forward for `tokens` placed after the cache's positions: they attend to the cached
   * keys and causally to each other, and their keys and values are appended to the cache.
   */
  async #run(tokens: number[], cache: JaxCache): Promise<Float32Array> {
    const s = this.shape;
    const T = tokens.length;
    const start = cache.length;
    const d = s.heads * s.headDim;
    for (const t of tokens) if (t < 0 || t >= s.vocab) throw new Error(`token ${t} is outside the vocabulary (${s.vocab}).`);
    const emb = new Float32Array(T * s.hidden);
    tokens.forEach((t, i) => emb.set(this.#embed.subarray(t * s.hidden, (t + 1) * s.hidden), i * s.hidden));
    // RoPE tables for positions start … start+T-1, and the mask over cached + new keys.
    const cos = new Float32Array(T * d);
    const sin = new Float32Array(T * d);
    for (let t = 0; t < T; t++) {
      for (let h = 0; h < s.heads; h++) {
        for (let i = 0; i < s.headDim; i++) {
          const angle = (start + t) * s.ropeTheta ** (-(2 * (i % (s.headDim / 2))) / s.headDim);
          cos[t * d + h * s.headDim + i] = Math.cos(angle);
          sin[t * d + h * s.headDim + i] = Math.sin(angle);
        }
      }
    }
    const span = start + T;
    const mask = Float32Array.from({ length: T * span }, (_, i) => (i % span > start + Math.floor(i / span) ? -1e9 : 0));
    const cosA = np.array(cos).reshape([T, d]);
    const sinA = np.array(sin).reshape([T, d]);
    const maskA = np.array(mask).reshape([T, span]);
    const rope = (x: A) => x.ref.mul(cosA.ref).add(np.matmul(x, this.#rotate.ref).mul(sinA.ref));
    const heads = (x: A) => np.transpose(x.reshape([T, s.heads, s.headDim]), [1, 0, 2]); // [H, T, hd]

    let x: A = np.array(emb).reshape([T, s.hidden]);
    this.#layers.forEach((L, l) => {
      const h = this.#rms(x.ref, L.ln1);
      let q = np.matmul(h.ref, L.wq.ref);
      let k = np.matmul(h.ref, L.wk.ref);
      let v = np.matmul(h, L.wv.ref);
      if (L.bq && L.bk && L.bv) (q = q.add(L.bq.ref)), (k = k.add(L.bk.ref)), (v = v.add(L.bv.ref));
      const kNew = heads(rope(k));
      const vNew = heads(v);
      const keys = cache.keys[l] ? np.concatenate([cache.keys[l]!, kNew], 1) : kNew;
      const values = cache.values[l] ? np.concatenate([cache.values[l]!, vNew], 1) : vNew;
      cache.keys[l] = keys;
      cache.values[l] = values;
      const scores = np.matmul(heads(rope(q)), np.transpose(keys.ref, [0, 2, 1])).mul(1 / Math.sqrt(s.headDim)).add(maskA.ref);
      const attn = np.matmul(nn.softmax(scores, -1), values.ref);
      const merged = np.transpose(attn, [1, 0, 2]).reshape([T, d]);
      x = x.add(np.matmul(merged, L.wo.ref));
      const h2 = this.#rms(x.ref, L.ln2);
      const act = nn.silu(np.matmul(h2.ref, L.wg.ref)).mul(np.matmul(h2, L.wu.ref));
      x = x.add(np.matmul(act, L.wd.ref));
    });
    cosA.dispose();
    sinA.dispose();
    maskA.dispose();
    cache.length = span;
    const logits = np.matmul(this.#rms(x, this.#norm), this.#head.ref);
    const all = (await logits.data()) as Float32Array;
    return all;
  }
}
