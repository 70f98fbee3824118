// The typed API of the fine-tune worker (src/workers/finetune.worker.ts).
import type { ModelFamily } from './llm-types';

/** A PEFT LoRA adapter's two files, as picked or fetched. */
export interface AdapterFiles {
  name: string;
  configText: string;
  weights: ArrayBuffer;
}

/** How far a re-quantized merged matrix lies from the exact merge dequant(W) + scale·B·A. */
export interface RequantError {
  tensor: string;
  /** Largest |requantized − exact| over the matrix. */
  maxAbs: number;
  /** ‖requantized − exact‖_F / ‖exact‖_F. */
  relFrobenius: number;
}

export interface MergeSummary {
  family: ModelFamily;
  /** The dtype of the changed tensors' float values (q4f16_1: its scales). */
  dtype: 'float32' | 'float16';
  /** The base's quantization and the merged model's (q4f16_1 merges back into q4f16_1, or into q0f16: exact, bigger). */
  baseQuantization?: string;
  quantization?: string;
  /** q4f16_1 → q4f16_1: the re-quantization error of each changed matrix. */
  requant?: RequantError[];
  r: number;
  alpha: number;
  scale: number;
  rslora: boolean;
  modules: number;
  changedTensors: number;
  /** Bytes of the new files (the merged model's own). */
  bytes: number;
  referencesBase: boolean;
}

export interface MergeCheck {
  tokens: number;
  /** Largest |merged − (base + runtime LoRA)| over the probe's logits. */
  maxDiff: number;
  /** Share of the probe positions whose top-1 token is the same in both (the check for a re-quantized merge). */
  top1Agreement: number;
  /** The same share for the base model without the adapter: how much of that agreement the adapter's change leaves. */
  baseTop1Agreement: number;
  /** Whether the merge was re-quantized (q4f16_1): then top-1 agreement, not maxDiff, is what must hold. */
  requantized: boolean;
  /** Greedy continuations of the probe: base, base + runtime LoRA, merged. */
  baseTokens: number[];
  runtimeTokens: number[];
  mergedTokens: number[];
}

export interface MergeJob {
  baseLabel: string;
  /** Absolute folder URL of the base model's files (web-llm's resolve/main URL, or the pack folder). */
  baseUrl: string;
  adapter: AdapterFiles;
  /** Synthetic same-origin folder URL the merged model is written under, in web-llm's caches. */
  targetUrl: string;
  /** Keep unchanged tensors in the base's own (cached) shards instead of copying them. */
  referenceBase: boolean;
  /** A q4f16_1 base only: 'q0f16' writes the exact merge, every tensor in float16 (bigger files, no shared shards). */
  target?: MergeTarget;
}

/** What a q4f16_1 base merges into: itself re-quantized (the default), or the exact merge in q0f16. */
export type MergeTarget = 'q4f16_1' | 'q0f16';

export interface FinetuneApi {
  /** Checks the adapter against the base model without merging (throws AdapterError). */
  check(baseUrl: string, baseLabel: string, adapter: AdapterFiles): Promise<Omit<MergeSummary, 'bytes' | 'referencesBase' | 'changedTensors' | 'dtype' | 'quantization' | 'requant'>>;
  /** Merges and writes the merged model's files into web-llm's caches; returns their URLs. */
  merge(job: MergeJob): Promise<{ summary: MergeSummary; urls: string[] }>;
  /** Merged logits against base + runtime LoRA, on the CPU reference. */
  checkMerge(baseUrl: string, mergedUrl: string, adapter: AdapterFiles, baseLabel: string): Promise<MergeCheck>;
}
