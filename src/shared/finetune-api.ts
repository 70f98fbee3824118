// The typed API of the fine-tune worker (src/workers/finetune.worker.ts).
import type { ModelFamily } from './llm-types';

/** A PEFT LoRA adapter's two files, as picked or fetched. */
export interface AdapterFiles {
  name: string;
  configText: string;
  weights: ArrayBuffer;
}

export interface MergeSummary {
  family: ModelFamily;
  dtype: 'float32' | 'float16';
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
}

export interface FinetuneApi {
  /** Checks the adapter against the base model without merging (throws AdapterError). */
  check(baseUrl: string, baseLabel: string, adapter: AdapterFiles): Promise<Omit<MergeSummary, 'bytes' | 'referencesBase' | 'changedTensors' | 'dtype'>>;
  /** Merges and writes the merged model's files into web-llm's caches; returns their URLs. */
  merge(job: MergeJob): Promise<{ summary: MergeSummary; urls: string[] }>;
  /** Merged logits against base + runtime LoRA, on the CPU reference. */
  checkMerge(baseUrl: string, mergedUrl: string, adapter: AdapterFiles, baseLabel: string): Promise<MergeCheck>;
}
