// The model shape, read from an MLC mlc-chat-config.json. MLC spells some
// fields per family (Llama: position_embedding_base; Qwen2/Qwen3: rope_theta).
import { UnsupportedModelError } from '../../shared/errors';
import { supportedFamilies, type ModelFamily, type SourceBudget } from '../../shared/llm-types';

export { supportedFamilies };
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
  /** A bias on the fused q/k/v projection: always in Qwen2, only with attention_bias in Qwen3 (which then also biases o_proj). */
  qkvBias: boolean;
  /** Qwen3's per-head RMSNorm on q and k (q_norm, k_norm), applied before RoPE. */
  qkNorm: boolean;
}

/** The fused q/k/v weight's MLC name in layer `layer`: Qwen families call it c_attn, Llama qkv_proj. */
export function qkvTensor(shape: Pick<ModelShape, 'family'>, layer: number): string {
  return `model.layers.${layer}.self_attn.${shape.family === 'llama' ? 'qkv_proj' : 'c_attn'}.weight`;
}

type Json = Record<string, unknown>;
const num = (o: Json, ...keys: string[]) => {
  for (const k of keys) if (typeof o[k] === 'number') return o[k] as number;
  return undefined;
};

/**
 * The model's source budget, `source_sentences`, `source_limit` and `reply_quotes_sources` in its mlc-chat-config.json
 * (RAG Lab's own keys: EngineCapabilities' sourceBudget); the counts are kept only if positive integers, the flag only if
 * true, and undefined when none is.
 */
export function sourceBudgetOf(config: Json): SourceBudget | undefined {
  const positive = (n: unknown) => (typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined);
  const sentences = positive(config.source_sentences);
  const sources = positive(config.source_limit);
  const quote = config.reply_quotes_sources === true;
  return sentences || sources || quote ? { ...(sentences ? { sentences } : {}), ...(sources ? { sources } : {}), ...(quote ? { quote } : {}) } : undefined;
}

/** Reads the shape; throws with the missing field's name for anything this engine cannot run. */
export function modelShape(config: Json): ModelShape {
  const family = config.model_type;
  if (!supportedFamilies.includes(family as Family)) {
    throw new UnsupportedModelError(
      `model_type "${String(family)}" is not supported: the lab engine, adapters and merges work with the ${supportedFamilies.join(', ')} families only. Choose a SmolLM2/Llama, Qwen2.5 or Qwen3 model (q0f32, q0f16 or q4f16_1).`,
    );
  }
  const m = (config.model_config ?? {}) as Json;
  const need = (name: string, ...keys: string[]) => {
    const v = num(m, ...keys) ?? num(config, ...keys);
    if (v === undefined) throw new Error(`mlc-chat-config.json lacks ${name}.`);
    return v;
  };
  const hidden = need('hidden_size', 'hidden_size');
  const heads = need('num_attention_heads', 'num_attention_heads');
  const attentionBias = m.attention_bias === true;
  return {
    family: family as Family,
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
    qkvBias: family === 'qwen2' || (family === 'qwen3' && attentionBias),
    qkNorm: family === 'qwen3',
  };
}
