// A model with a real model's shape and random weights, made in memory (never written
// to disk): what the benchmarks (bench:engine, bench:train and Models' "Benchmark this
// device") run at realistic sizes without downloading a model.
import { q4Tensor, type Tensor } from '../mlc/tensor-cache';
import { fromHalfBits, quantizeQ4 } from '../../shared/q4.mjs';
import type { ModelShape } from '../reference/config';

/** SmolLM2-135M-Instruct's shape (its mlc-chat-config.json): tied, 30 layers, GQA 9/3, vocab 49152. */
export const smolLm2Shape: ModelShape = {
  family: 'llama', vocab: 49152, hidden: 576, layers: 30, heads: 9, kvHeads: 3, headDim: 64, intermediate: 1536,
  eps: 1e-5, ropeTheta: 100000, tied: true, contextWindow: 2048, qkvBias: false, qkNorm: false,
};

/** Random weights for `shape`, in MLC's tensor names and layout; a small fast generator (the numbers only need a sane scale). */
export function randomWeights(shape: ModelShape, seed = 1): Map<string, Tensor> {
  let a = seed >>> 0;
  const next = () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 2 ** 32 - 0.5;
  };
  const weights = new Map<string, Tensor>();
  const add = (name: string, dims: number[], scale: number, fill?: number) => {
    const data = new Float32Array(dims.reduce((x, y) => x * y, 1));
    for (let i = 0; i < data.length; i++) data[i] = fill ?? next() * 2 * Math.sqrt(3) * scale;
    weights.set(name, { shape: dims, data });
  };
  const s = shape;
  add('model.embed_tokens.weight', [s.vocab, s.hidden], 0.5);
  for (let l = 0; l < s.layers; l++) {
    const p = `model.layers.${l}.`;
    add(`${p}input_layernorm.weight`, [s.hidden], 0, 1);
    add(`${p}self_attn.qkv_proj.weight`, [(s.heads + 2 * s.kvHeads) * s.headDim, s.hidden], 1 / Math.sqrt(s.hidden));
    add(`${p}self_attn.o_proj.weight`, [s.hidden, s.heads * s.headDim], 1 / Math.sqrt(s.hidden));
    add(`${p}post_attention_layernorm.weight`, [s.hidden], 0, 1);
    add(`${p}mlp.gate_up_proj.weight`, [2 * s.intermediate, s.hidden], 1 / Math.sqrt(s.hidden));
    add(`${p}mlp.down_proj.weight`, [s.hidden, s.intermediate], 1 / Math.sqrt(s.intermediate));
  }
  add('model.norm.weight', [s.hidden], 0, 1);
  return weights;
}

/**
 * The same weights quantized to q4f16_1 as web-llm stores them (every matrix whose input width is a multiple of
 * 32: the linear layers and the embedding), held as codes and scales: a QLoRA base for the benchmarks.
 */
export function quantizeWeights(weights: Map<string, Tensor>): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const [name, t] of weights) {
    const [rows, cols] = t.shape as [number, number];
    if (t.shape.length !== 2 || cols % 32 !== 0) {
      out.set(name, t);
      continue;
    }
    const { q, scaleBits } = quantizeQ4(t.data, rows, cols);
    out.set(name, q4Tensor([rows, cols], { q, scale: Float32Array.from(scaleBits, fromHalfBits) }));
  }
  return out;
}
