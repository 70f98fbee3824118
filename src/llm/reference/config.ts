// The model shape, read from an MLC mlc-chat-config.json. MLC spells some
// fields per family (Llama: position_embedding_base; Qwen2: rope_theta).

import type { ModelFamily } from '../../shared/llm-types';

export type Family = ModelFamily;

export interface ModelShape {
  family: Family;
  vocab: number;
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  intermediate: number;
  eps: number;
  ropeTheta: number;
  tied: boolean;
  contextWindow: number;
}

type Json = Record<string, unknown>;
const num = (o: Json, ...keys: string[]) => {
  for (const k of keys) if (typeof o[k] === 'number') return o[k] as number;
  return undefined;
};

/** Reads the shape; throws with the missing field's name for anything this engine cannot run. */
export function modelShape(config: Json): ModelShape {
  const family = config.model_type;
  if (family !== 'llama' && family !== 'qwen2') throw new Error(`model_type "${String(family)}" is not supported by the lab engine (llama, qwen2).`);
  const m = (config.model_config ?? {}) as Json;
  const need = (name: string, ...keys: string[]) => {
    const v = num(m, ...keys) ?? num(config, ...keys);
    if (v === undefined) throw new Error(`mlc-chat-config.json lacks ${name}.`);
    return v;
  };
  const hidden = need('hidden_size', 'hidden_size');
  const heads = need('num_attention_heads', 'num_attention_heads');
  return {
    family,
    vocab: need('vocab_size', 'vocab_size'),
    hidden,
    layers: need('num_hidden_layers', 'num_hidden_layers'),
    heads,
    kvHeads: num(m, 'num_key_value_heads') ?? heads,
    headDim: num(m, 'head_dim') ?? hidden / heads,
    intermediate: need('intermediate_size', 'intermediate_size'),
    eps: num(m, 'rms_norm_eps') ?? 1e-6,
    ropeTheta: num(m, 'rope_theta', 'position_embedding_base') ?? 10000,
    tied: m.tie_word_embeddings === true,
    contextWindow: num(config, 'context_window_size') ?? num(m, 'context_window_size') ?? 2048,
  };
}
