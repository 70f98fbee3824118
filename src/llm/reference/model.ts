// A plain-TypeScript forward pass for Llama, Qwen2 and Qwen3 in MLC layout, with a KV
// cache: the test oracle for the lab engine's CPU and WebGPU paths. Clarity
// over speed: float64 accumulation, one token at a time.
import { tensorRows, type Tensor } from '../mlc/tensor-cache';
import { qkvTensor, type ModelShape } from './config';

/** One LoRA delta on rows [rowOffset, rowOffset + rows) of a (possibly fused) tensor: B [rows × r], A [r × cols]. */
export interface RuntimeLora {
  tensor: string;
  rowOffset: number;
  rows: number;
  cols: number;
  r: number;
  A: Float32Array;
  B: Float32Array;
}

export interface KvCache {
  /** Per layer: keys and values, [position][kvHeads × headDim]. */
  keys: Float32Array[][];
  values: Float32Array[][];
  length: number;
}

function linear(w: Float32Array, x: Float32Array, rows: number, bias?: Float32Array, rowOffset = 0): Float32Array {
  const cols = x.length;
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const off = (r + rowOffset) * cols;
    for (let c = 0; c < cols; c++) s += w[off + c]! * x[c]!;
    out[r] = s + (bias ? bias[r + rowOffset]! : 0);
  }
  return out;
}

/**
 * linear() for a q4f16_1 tensor, read as stored: each row's codes are dequantized inside the dot product, a group of 32
 * at a time (Σ (code − 7)·x, times the group's scale), so no float32 copy of the matrix is ever made.
 */
function linearQ4(t: Tensor, x: Float32Array, rows: number, bias?: Float32Array, rowOffset = 0): Float32Array {
  const { q, scale } = t.q4!;
  const cols = x.length;
  const groups = cols / 32;
  const words = cols / 8;
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = r + rowOffset;
    let s = 0;
    for (let g = 0; g < groups; g++) {
      let gs = 0;
      for (let w = 0; w < 4; w++) {
        const word = q[row * words + g * 4 + w]!;
        const c0 = g * 32 + w * 8;
        for (let j = 0; j < 8; j++) gs += (((word >>> (4 * j)) & 15) - 7) * x[c0 + j]!;
      }
      s += gs * scale[row * groups + g]!;
    }
    out[r] = s + (bias ? bias[row]! : 0);
  }
  return out;
}

function rmsNorm(x: Float32Array, w: Float32Array, eps: number): Float32Array {
  let ss = 0;
  for (const v of x) ss += v * v;
  const inv = 1 / Math.sqrt(ss / x.length + eps);
  return Float32Array.from(x, (v, i) => v * inv * w[i]!);
}

/** RMSNorm of each head's slice on its own, with one shared weight per head dimension (Qwen3's q_norm / k_norm), in place. */
function headNorm(v: Float32Array, heads: number, headDim: number, w: Float32Array, eps: number): void {
  for (let h = 0; h < heads; h++) v.set(rmsNorm(v.subarray(h * headDim, (h + 1) * headDim), w, eps), h * headDim);
}

/** Rotary embedding, "rotate half" convention (first half pairs with second half), in place. */
function rope(v: Float32Array, heads: number, headDim: number, pos: number, theta: number): void {
  const half = headDim / 2;
  for (let h = 0; h < heads; h++) {
    const base = h * headDim;
    for (let i = 0; i < half; i++) {
      const angle = pos * theta ** (-(2 * i) / headDim);
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const a = v[base + i]!;
      const b = v[base + i + half]!;
      v[base + i] = a * cos - b * sin;
      v[base + i + half] = b * cos + a * sin;
    }
  }
}

const silu = (x: number) => x / (1 + Math.exp(-x));

export class ReferenceModel {
  constructor(
    readonly shape: ModelShape,
    private readonly weights: Map<string, Tensor>,
  ) {
    for (const name of this.#required()) if (!weights.has(name)) throw new Error(`The model has no tensor ${name}.`);
  }

  #required(): string[] {
    const names = ['model.embed_tokens.weight', 'model.norm.weight'];
    for (let l = 0; l < this.shape.layers; l++) {
      const p = `model.layers.${l}.`;
      names.push(`${p}input_layernorm.weight`, `${p}self_attn.o_proj.weight`, `${p}post_attention_layernorm.weight`, `${p}mlp.gate_up_proj.weight`, `${p}mlp.down_proj.weight`);
      names.push(qkvTensor(this.shape, l));
      if (this.shape.qkvBias) names.push(`${p}self_attn.c_attn.bias`);
      if (this.shape.qkNorm) names.push(`${p}self_attn.q_norm.weight`, `${p}self_attn.k_norm.weight`);
    }
    if (!this.shape.tied) names.push('lm_head.weight');
    return names;
  }

  #w(name: string): Float32Array {
    return this.weights.get(name)!.data;
  }

  /** Runtime LoRA: deltas per tensor name, applied unmerged as scale · B (A x). */
  #lora = new Map<string, RuntimeLora[]>();
  #loraScale = 0;

  /** Applies a LoRA adapter unmerged (null removes it): the check on a merge, and the lab engine's way to try an adapter. */
  setAdapter(deltas: RuntimeLora[] | null, scale = 1): void {
    this.#lora = new Map();
    this.#loraScale = scale;
    for (const d of deltas ?? []) this.#lora.set(d.tensor, [...(this.#lora.get(d.tensor) ?? []), d]);
  }

  /** Rows [rowOffset, rowOffset + rows) of W x (+ bias), plus the LoRA deltas that fall in those rows. */
  #linear(name: string, x: Float32Array, rows: number, bias?: Float32Array, rowOffset = 0): Float32Array {
    const t = this.weights.get(name)!;
    const out = t.q4 ? linearQ4(t, x, rows, bias, rowOffset) : linear(t.data, x, rows, bias, rowOffset);
    for (const d of this.#lora.get(name) ?? []) {
      const from = Math.max(rowOffset, d.rowOffset);
      const to = Math.min(rowOffset + rows, d.rowOffset + d.rows);
      if (from >= to) continue;
      const ax = new Float64Array(d.r);
      for (let k = 0; k < d.r; k++) {
        let s = 0;
        for (let c = 0; c < d.cols; c++) s += d.A[k * d.cols + c]! * x[c]!;
        ax[k] = s;
      }
      for (let row = from; row < to; row++) {
        let s = 0;
        const b = (row - d.rowOffset) * d.r;
        for (let k = 0; k < d.r; k++) s += d.B[b + k]! * ax[k]!;
        out[row - rowOffset]! += this.#loraScale * s;
      }
    }
    return out;
  }

  /** The final norm and the vocabulary head (the embedding, when tied). */
  #head(x: Float32Array): Float32Array {
    const s = this.shape;
    const final = rmsNorm(x, this.#w('model.norm.weight'), s.eps);
    if (!s.tied) return this.#linear('lm_head.weight', final, s.vocab);
    const emb = this.weights.get('model.embed_tokens.weight')!;
    return emb.q4 ? linearQ4(emb, final, s.vocab) : linear(emb.data, final, s.vocab);
  }

  /** Layer `l`'s query, key and value for one normed input at position `pos`: fused projection (+ bias), Qwen3's per-head norm, then RoPE. */
  #qkv(l: number, h: Float32Array, pos: number): { q: Float32Array; k: Float32Array; v: Float32Array } {
    const s = this.shape;
    const p = `model.layers.${l}.self_attn.`;
    const qRows = s.heads * s.headDim;
    const kvRows = s.kvHeads * s.headDim;
    const wqkv = qkvTensor(s, l);
    const bias = s.qkvBias ? this.#w(`${p}c_attn.bias`) : undefined;
    const q = this.#linear(wqkv, h, qRows, bias, 0);
    const k = this.#linear(wqkv, h, kvRows, bias, qRows);
    const v = this.#linear(wqkv, h, kvRows, bias, qRows + kvRows);
    if (s.qkNorm) {
      headNorm(q, s.heads, s.headDim, this.#w(`${p}q_norm.weight`), s.eps);
      headNorm(k, s.kvHeads, s.headDim, this.#w(`${p}k_norm.weight`), s.eps);
    }
    rope(q, s.heads, s.headDim, pos, s.ropeTheta);
    rope(k, s.kvHeads, s.headDim, pos, s.ropeTheta);
    return { q, k, v };
  }

  newCache(): KvCache {
    return { keys: Array.from({ length: this.shape.layers }, () => []), values: Array.from({ length: this.shape.layers }, () => []), length: 0 };
  }

  /** Feeds one token at the cache's next position; returns that position's logits. */
  step(token: number, cache: KvCache): Float32Array {
    const s = this.shape;
    if (token < 0 || token >= s.vocab) throw new Error(`token ${token} is outside the vocabulary (${s.vocab}).`);
    const pos = cache.length;
    const emb = this.weights.get('model.embed_tokens.weight')!;
    let x = tensorRows(emb, token, token + 1).slice();
    const qRows = s.heads * s.headDim;
    const group = s.heads / s.kvHeads;
    for (let l = 0; l < s.layers; l++) {
      const p = `model.layers.${l}.`;
      const h = rmsNorm(x, this.#w(`${p}input_layernorm.weight`), s.eps);
      const { q, k, v } = this.#qkv(l, h, pos);
      cache.keys[l]!.push(k);
      cache.values[l]!.push(v);
      const attn = new Float32Array(qRows);
      const scale = 1 / Math.sqrt(s.headDim);
      for (let head = 0; head < s.heads; head++) {
        const g = Math.floor(head / group);
        const scores = cache.keys[l]!.map((kt) => {
          let d = 0;
          for (let i = 0; i < s.headDim; i++) d += q[head * s.headDim + i]! * kt[g * s.headDim + i]!;
          return d * scale;
        });
        const max = Math.max(...scores);
        const e = scores.map((x) => Math.exp(x - max));
        const z = e.reduce((a, b) => a + b, 0);
        for (let t = 0; t < e.length; t++) {
          const vt = cache.values[l]![t]!;
          for (let i = 0; i < s.headDim; i++) attn[head * s.headDim + i]! += (e[t]! / z) * vt[g * s.headDim + i]!;
        }
      }
      const o = this.#linear(`${p}self_attn.o_proj.weight`, attn, s.hidden, this.weights.get(`${p}self_attn.o_proj.bias`)?.data);
      x = Float32Array.from(x, (xi, i) => xi + o[i]!);
      const h2 = rmsNorm(x, this.#w(`${p}post_attention_layernorm.weight`), s.eps);
      const gu = this.#linear(`${p}mlp.gate_up_proj.weight`, h2, 2 * s.intermediate);
      const act = Float32Array.from({ length: s.intermediate }, (_, i) => silu(gu[i]!) * gu[i + s.intermediate]!);
      const down = this.#linear(`${p}mlp.down_proj.weight`, act, s.hidden);
      x = Float32Array.from(x, (xi, i) => xi + down[i]!);
    }
    cache.length++;
    return this.#head(x);
  }

  /**
   * Logits at every position, computed layer by layer over the whole sequence with
   * a causal mask and no cache (a prefill): the independent check on step().
   */
  forwardAll(tokens: number[]): Float32Array[] {
    const s = this.shape;
    const emb = this.weights.get('model.embed_tokens.weight')!;
    let xs = tokens.map((t) => tensorRows(emb, t, t + 1).slice());
    const qRows = s.heads * s.headDim;
    const group = s.heads / s.kvHeads;
    for (let l = 0; l < s.layers; l++) {
      const p = `model.layers.${l}.`;
      const hs = xs.map((x) => rmsNorm(x, this.#w(`${p}input_layernorm.weight`), s.eps));
      const qkvs = hs.map((h, t) => this.#qkv(l, h, t));
      const qs = qkvs.map((r) => r.q);
      const ks = qkvs.map((r) => r.k);
      const vs = qkvs.map((r) => r.v);
      xs = xs.map((x, t) => {
        const attn = new Float32Array(qRows);
        for (let head = 0; head < s.heads; head++) {
          const g = Math.floor(head / group);
          const scores: number[] = [];
          for (let u = 0; u <= t; u++) {
            let d = 0;
            for (let i = 0; i < s.headDim; i++) d += qs[t]![head * s.headDim + i]! * ks[u]![g * s.headDim + i]!;
            scores.push(d / Math.sqrt(s.headDim));
          }
          const max = Math.max(...scores);
          const e = scores.map((v) => Math.exp(v - max));
          const z = e.reduce((a, b) => a + b, 0);
          for (let u = 0; u <= t; u++) for (let i = 0; i < s.headDim; i++) attn[head * s.headDim + i]! += (e[u]! / z) * vs[u]![g * s.headDim + i]!;
        }
        const o = this.#linear(`${p}self_attn.o_proj.weight`, attn, s.hidden, this.weights.get(`${p}self_attn.o_proj.bias`)?.data);
        const y = Float32Array.from(x, (xi, i) => xi + o[i]!);
        const h2 = rmsNorm(y, this.#w(`${p}post_attention_layernorm.weight`), s.eps);
        const gu = this.#linear(`${p}mlp.gate_up_proj.weight`, h2, 2 * s.intermediate);
        const act = Float32Array.from({ length: s.intermediate }, (_, i) => silu(gu[i]!) * gu[i + s.intermediate]!);
        const down = this.#linear(`${p}mlp.down_proj.weight`, act, s.hidden);
        return Float32Array.from(y, (yi, i) => yi + down[i]!);
      });
    }
    return xs.map((x) => this.#head(x));
  }

  /** Greedy decoding; stops at a stop token or after maxNew tokens. */
  generateGreedy(prompt: number[], maxNew: number, stop: number[] = []): number[] {
    const cache = this.newCache();
    let logits: Float32Array = new Float32Array(0);
    for (const t of prompt) logits = this.step(t, cache);
    const out: number[] = [];
    for (let i = 0; i < maxNew; i++) {
      let best = 0;
      for (let j = 1; j < logits.length; j++) if (logits[j]! > logits[best]!) best = j;
      out.push(best);
      if (stop.includes(best) || cache.length >= this.shape.contextWindow) break;
      logits = this.step(best, cache);
    }
    return out;
  }
}
