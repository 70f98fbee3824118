// PEFT LoRA adapters (adapter_config.json + adapter_model.safetensors), read and
// checked against a base model in MLC layout. A LoRA on an HF module maps to a
// row slice of MLC's fused tensors (qkv_proj / c_attn, gate_up_proj); see
// ../shared/formats/mlc-web-llm.md.
import { qkvTensor, type ModelShape } from '../reference/config';
import type { RuntimeLora } from '../reference/model';
import { AdapterError, tKey } from '../../shared/errors';
import { readSafetensors, type NamedTensor } from './safetensors';

export interface AdapterConfig {
  r: number;
  lora_alpha: number;
  target_modules: string[] | string;
  use_rslora?: boolean;
  fan_in_fan_out?: boolean;
  base_model_name_or_path?: string | null;
  peft_type?: string;
  bias?: string;
  use_dora?: boolean;
  rank_pattern?: Record<string, number>;
  alpha_pattern?: Record<string, number>;
}

/** One LoRA pair on one HF module. */
export interface LoraPair {
  module: string;
  /** [r, in] */
  A: NamedTensor;
  /** [out, r] */
  B: NamedTensor;
}

export interface ParsedAdapter {
  config: AdapterConfig;
  pairs: LoraPair[];
  /** lora_alpha / r, or lora_alpha / sqrt(r) with rsLoRA. */
  scale: number;
}

/** Where one pair's delta goes in the MLC model: the reference model's runtime-LoRA slot, with its HF module name. */
export interface LoraDelta extends RuntimeLora {
  module: string;
}

const keyPattern = /^base_model\.model\.(.+)\.lora_([AB])(?:\.default)?\.weight$/;

/** Parses the two files; checks the format only (the base model is checked by planDeltas). */
export function parseAdapter(configText: string, weights: ArrayBuffer): ParsedAdapter {
  let config: AdapterConfig;
  try {
    config = JSON.parse(configText) as AdapterConfig;
  } catch {
    throw new AdapterError(tKey('errors:adapter.configJson'));
  }
  const problems: string[] = [];
  if (config.peft_type !== undefined && config.peft_type !== 'LORA') problems.push(`peft_type is ${config.peft_type}; only LoRA adapters can be merged.`);
  if (!Number.isInteger(config.r) || config.r < 1) problems.push('r must be a positive integer.');
  if (typeof config.lora_alpha !== 'number' || !(config.lora_alpha > 0)) problems.push('lora_alpha must be a positive number.');
  if (config.use_dora) problems.push('DoRA adapters (use_dora) are not supported: their merge needs the weight norms.');
  if (config.bias && config.bias !== 'none') problems.push(`bias "${config.bias}" trains biases that this merge does not apply; train with bias="none".`);
  if (Object.keys(config.rank_pattern ?? {}).length || Object.keys(config.alpha_pattern ?? {}).length) problems.push('Per-module rank_pattern / alpha_pattern are not supported yet.');
  if (config.fan_in_fan_out) problems.push('fan_in_fan_out is set: that is for GPT-2-style Conv1D layers, and Llama, Qwen2 and Qwen3 use Linear layers, so this adapter was not made for this model family.');
  if (problems.length) throw new AdapterError(tKey('errors:adapter.cannotUse', { problems: problems.join('\n- ') }));
  const tensors = readSafetensors(weights);
  const halves = new Map<string, Partial<LoraPair>>();
  for (const [name, t] of tensors) {
    const m = keyPattern.exec(name);
    if (!m) {
      problems.push(`${name} is not a LoRA weight (expected base_model.model.<module>.lora_A/lora_B.weight).`);
      continue;
    }
    const pair = halves.get(m[1]!) ?? { module: m[1]! };
    pair[m[2] as 'A' | 'B'] = t;
    halves.set(m[1]!, pair);
  }
  const pairs: LoraPair[] = [];
  for (const p of halves.values()) {
    if (!p.A || !p.B) problems.push(`${p.module} has lora_${p.A ? 'B' : 'A'} missing.`);
    else pairs.push(p as LoraPair);
  }
  if (!pairs.length && !problems.length) problems.push('adapter_model.safetensors holds no LoRA weights.');
  for (const p of pairs) {
    for (const [which, t] of [['A', p.A], ['B', p.B]] as const) {
      if (t.data.some((v) => !Number.isFinite(v))) problems.push(`${p.module}.lora_${which} has NaN or infinite values: the training diverged.`);
    }
  }
  if (problems.length) throw new AdapterError(tKey('errors:adapter.cannotUse', { problems: problems.join('\n- ') }));
  const scale = config.use_rslora ? config.lora_alpha / Math.sqrt(config.r) : config.lora_alpha / config.r;
  return { config, pairs, scale };
}

/** The family a base-model name suggests, if any ("Qwen/Qwen2.5-0.5B" → qwen2, "Qwen/Qwen3-0.6B" → qwen3). */
export function familyHint(name: string | null | undefined): ModelShape['family'] | null {
  if (!name) return null;
  // Qwen3 is checked first: an adapter for Qwen3 must not pass as a Qwen2 one (Qwen3 adds q_norm/k_norm, so the base differs).
  if (/qwen-?3/i.test(name)) return 'qwen3';
  if (/qwen/i.test(name)) return 'qwen2';
  if (/llama|smollm/i.test(name)) return 'llama';
  return null;
}

interface Slot {
  tensor: string;
  rowOffset: number;
  rows: number;
  cols: number;
}

/** The MLC tensor slice of an HF module name, or a reason it has none. */
export function slotFor(shape: ModelShape, module: string): Slot | string {
  if (module === 'lm_head') {
    if (shape.tied) return 'lm_head is tied to the input embeddings in this model, so a LoRA on lm_head cannot be merged without also changing every input embedding. Train the adapter without lm_head.';
    return { tensor: 'lm_head.weight', rowOffset: 0, rows: shape.vocab, cols: shape.hidden };
  }
  const m = /^model\.layers\.(\d+)\.(self_attn|mlp)\.(\w+)$/.exec(module);
  if (!m) return module.endsWith('embed_tokens') ? 'LoRA on the embeddings is not supported.' : `${module} is not a module of a ${shape.family} model.`;
  const layer = Number(m[1]);
  if (layer >= shape.layers) return `${module}: the base model has only ${shape.layers} layers.`;
  const p = `model.layers.${layer}.`;
  const q = shape.heads * shape.headDim;
  const kv = shape.kvHeads * shape.headDim;
  const fused = qkvTensor(shape, layer);
  const I = shape.intermediate;
  const slots: Record<string, Slot> = {
    q_proj: { tensor: fused, rowOffset: 0, rows: q, cols: shape.hidden },
    k_proj: { tensor: fused, rowOffset: q, rows: kv, cols: shape.hidden },
    v_proj: { tensor: fused, rowOffset: q + kv, rows: kv, cols: shape.hidden },
    o_proj: { tensor: `${p}self_attn.o_proj.weight`, rowOffset: 0, rows: shape.hidden, cols: q },
    gate_proj: { tensor: `${p}mlp.gate_up_proj.weight`, rowOffset: 0, rows: I, cols: shape.hidden },
    up_proj: { tensor: `${p}mlp.gate_up_proj.weight`, rowOffset: I, rows: I, cols: shape.hidden },
    down_proj: { tensor: `${p}mlp.down_proj.weight`, rowOffset: 0, rows: shape.hidden, cols: I },
  };
  return slots[m[3]!] ?? `${module} is not a module of a ${shape.family} model.`;
}

/**
 * Checks the adapter against the base model (family, every module's name and shape, r)
 * and returns where each delta goes. Throws AdapterError listing every problem.
 */
export function planDeltas(adapter: ParsedAdapter, shape: ModelShape, baseLabel: string): LoraDelta[] {
  const problems: string[] = [];
  const hint = familyHint(adapter.config.base_model_name_or_path);
  if (hint && hint !== shape.family) {
    problems.push(`The adapter was trained on ${adapter.config.base_model_name_or_path} (a ${hint} model), but ${baseLabel} is a ${shape.family} model.`);
  }
  const targets = Array.isArray(adapter.config.target_modules) ? adapter.config.target_modules : null;
  const deltas: LoraDelta[] = [];
  for (const p of adapter.pairs) {
    const slot = slotFor(shape, p.module);
    if (typeof slot === 'string') {
      problems.push(slot);
      continue;
    }
    const leaf = p.module.split('.').pop()!;
    if (targets && !targets.includes(leaf)) problems.push(`${p.module} is not in target_modules (${targets.join(', ')}).`);
    const [ar, ain] = p.A.shape;
    const [bout, br] = p.B.shape;
    if (p.A.shape.length !== 2 || p.B.shape.length !== 2 || ar !== adapter.config.r || br !== adapter.config.r) {
      problems.push(`${p.module}: lora_A is [${p.A.shape}] and lora_B is [${p.B.shape}]; with r = ${adapter.config.r} they must be [${adapter.config.r}, in] and [out, ${adapter.config.r}].`);
      continue;
    }
    if (ain !== slot.cols || bout !== slot.rows) {
      problems.push(`${p.module}: the adapter maps ${ain} → ${bout}, but in ${baseLabel} this module maps ${slot.cols} → ${slot.rows}. The adapter was made for another model size.`);
      continue;
    }
    deltas.push({ module: p.module, ...slot, r: adapter.config.r, A: p.A.data, B: p.B.data });
  }
  if (problems.length) {
    const list = [...new Set(problems)].join('\n- ');
    throw new AdapterError(tKey('errors:adapter.doesNotFit', { base: baseLabel, problems: list }));
  }
  return deltas;
}
