// A trained adapter as PEFT files (adapter_config.json + adapter_model.safetensors, with
// PEFT's module names), usable by PEFT or vLLM as is, and the training record stored
// with it: where it came from and how it was trained (Evaluate shows it as provenance).
import type { AdapterFiles } from '../../shared/finetune-api';
import { writeSafetensors } from '../../shared/safetensors-write.mjs';
import type { HostLora } from './lora-trainer';
import type { Checkpoint, LossPoint } from './run';
import type { TrainSettings } from './settings';

/** How an adapter was trained in RAG Lab. */
export interface TrainingRecord {
  dataset: { id: string; name: string; hash: string; examples: number; train: number; validation: number };
  baseModel: string;
  /** PEFT's base_model_name_or_path: the base's Hugging Face id where known. */
  baseModelName: string;
  /** The base's weights as trained over: q0f32, q0f16, or q4f16_1 (QLoRA). Absent in records from before QLoRA. */
  baseQuantization?: string;
  settings: TrainSettings;
  device: string;
  steps: number;
  finalLoss: number | null;
  finalValidationLoss: number | null;
  losses: LossPoint[];
  validation: LossPoint[];
  truncatedExamples: number;
  truncatedTokens: number;
  droppedExamples: number;
  elapsedMs: number;
  tokens: number;
  finishedAt: number;
}

/** PEFT's adapter_config.json for these settings. */
export function adapterConfig(settings: TrainSettings, baseModelName: string): Record<string, unknown> {
  return {
    peft_type: 'LORA', task_type: 'CAUSAL_LM', base_model_name_or_path: baseModelName,
    r: settings.r, lora_alpha: settings.alpha, use_rslora: settings.rslora, target_modules: [...settings.targets],
    lora_dropout: 0, bias: 'none', fan_in_fan_out: false, inference_mode: true,
  };
}

/** The adapter's two files from the trained weights (A [r, in], B [out, r] per module). */
export function adapterFiles(name: string, lora: HostLora, settings: TrainSettings, baseModelName: string): AdapterFiles {
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const module of Object.keys(lora).sort()) {
    const { A, B } = lora[module]!;
    tensors[`base_model.model.${module}.lora_A.weight`] = { shape: [settings.r, A.length / settings.r], data: A };
    tensors[`base_model.model.${module}.lora_B.weight`] = { shape: [B.length / settings.r, settings.r], data: B };
  }
  const weights = writeSafetensors(tensors);
  return { name, configText: JSON.stringify(adapterConfig(settings, baseModelName), null, 2), weights: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer };
}

/** The record of a finished run. */
export function trainingRecord(c: Checkpoint, fields: Omit<TrainingRecord, 'steps' | 'finalLoss' | 'finalValidationLoss' | 'losses' | 'validation' | 'elapsedMs' | 'tokens' | 'finishedAt'>): TrainingRecord {
  return {
    ...fields, steps: c.step, finalLoss: c.losses.at(-1)?.loss ?? null, finalValidationLoss: c.validation.at(-1)?.loss ?? null,
    losses: c.losses, validation: c.validation, elapsedMs: c.elapsedMs, tokens: c.tokens, finishedAt: Date.now(),
  };
}
