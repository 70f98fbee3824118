// The whole merge of a PEFT adapter into a base model's MLC files: read the
// base config and only the tensors the adapter changes, merge, and produce the
// merged model's files. File access is injected: the lab worker reads from
// web-llm's cache or the site, and Node tests read from disk.
import { loadSelected, loadTensors, type TensorCache } from '../llm/mlc/tensor-cache';
import { ReferenceModel } from '../llm/reference/model';
import { modelShape, type ModelShape } from '../llm/reference/config';
import { AdapterError, tKey } from '../shared/errors';
import type { AdapterFiles, MergeCheck, MergeSummary } from '../shared/finetune-api';
import { applyDeltas, mergedTensorCache } from './merge';
import { parseAdapter, planDeltas, type ParsedAdapter } from '../llm/lora/peft';

export interface MergedFiles {
  /** File name (relative to the merged model's folder) → bytes. */
  files: Map<string, Uint8Array>;
  summary: MergeSummary;
}

const text = (b: ArrayBuffer) => new TextDecoder().decode(b);

/** Parses and checks the adapter against the base model; throws AdapterError naming every problem. */
export async function checkAdapter(readBase: (file: string) => Promise<ArrayBuffer>, adapter: AdapterFiles, baseLabel: string) {
  const configBytes = await readBase('mlc-chat-config.json');
  const config = JSON.parse(text(configBytes)) as Record<string, unknown>;
  const shape = modelShape(config);
  const quantization = String(config.quantization ?? '');
  if (quantization !== 'q0f32' && quantization !== 'q0f16') {
    throw new AdapterError(tKey('errors:adapter.quantized', { base: baseLabel, quantization: quantization || 'unknown' }));
  }
  if (!adapter.weights.byteLength) throw new AdapterError(tKey('errors:adapter.weightsMissing'));
  const parsed: ParsedAdapter = parseAdapter(adapter.configText, adapter.weights);
  const deltas = planDeltas(parsed, shape, baseLabel);
  return { config, configBytes, shape, quantization, parsed, deltas };
}

/**
 * Merges; with `referenceBaseUrl`, unchanged tensors stay in the base's shards at that
 * URL (they must be in web-llm's cache), otherwise they are copied.
 */
export async function mergeModel(readBase: (file: string) => Promise<ArrayBuffer>, adapter: AdapterFiles, baseLabel: string, referenceBaseUrl: string | null): Promise<MergedFiles> {
  const { config, configBytes, shape, quantization, parsed, deltas } = await checkAdapter(readBase, adapter, baseLabel);
  const cache = JSON.parse(text(await readBase('tensor-cache.json'))) as TensorCache;
  const touched = await loadSelected(cache, new Set(deltas.map((d) => d.tensor)), readBase);
  const changed = applyDeltas(touched, deltas, parsed.scale);
  for (const [name, t] of changed) {
    if (t.data.some((v) => !Number.isFinite(v))) throw new AdapterError(tKey('errors:adapter.nonFinite', { name }));
  }
  const dtype = quantization === 'q0f16' ? 'float16' : 'float32';
  const built = await mergedTensorCache(cache, referenceBaseUrl ?? 'https://unused.invalid/', changed, { referenceBase: !!referenceBaseUrl, dtype, readShard: readBase });
  const files = new Map<string, Uint8Array>();
  files.set('mlc-chat-config.json', new Uint8Array(configBytes));
  const tokenizerFiles = Array.isArray(config.tokenizer_files) ? (config.tokenizer_files as string[]) : ['tokenizer.json'];
  for (const f of tokenizerFiles) {
    const bytes = await readBase(f).catch(() => null);
    if (bytes) files.set(f, new Uint8Array(bytes));
  }
  files.set('tensor-cache.json', new TextEncoder().encode(JSON.stringify(built.cache)));
  for (const s of built.shards) files.set(s.dataPath, s.bytes);
  return {
    files,
    summary: {
      family: shape.family, dtype, r: parsed.config.r, alpha: parsed.config.lora_alpha, scale: parsed.scale, rslora: !!parsed.config.use_rslora,
      modules: deltas.length, changedTensors: changed.size, bytes: [...files.values()].reduce((n, b) => n + b.length, 0), referencesBase: !!referenceBaseUrl,
    },
  };
}

/**
 * Checks a merge on this machine: the merged model's logits against the base model
 * with the same adapter applied unmerged (runtime LoRA), on the CPU reference.
 * Needs about twice the model's float32 size in memory.
 */
export async function checkMerge(
  readBase: (file: string) => Promise<ArrayBuffer>, readMerged: (file: string) => Promise<ArrayBuffer>, adapter: AdapterFiles, baseLabel: string,
): Promise<MergeCheck> {
  const { shape, parsed, deltas } = await checkAdapter(readBase, adapter, baseLabel);
  const load = async (read: (f: string) => Promise<ArrayBuffer>) => loadTensors(JSON.parse(text(await read('tensor-cache.json'))) as TensorCache, read);
  const runtime = new ReferenceModel(shape, await load(readBase));
  const merged = new ReferenceModel(shape, await load(readMerged));
  const probe = [5, 17, 42, 99, 3, 250, 7].map((t) => t % shape.vocab);
  const greedy = (m: ReferenceModel) => m.generateGreedy(probe, 8);
  const baseTokens = greedy(runtime);
  runtime.setAdapter(deltas, parsed.scale);
  const a = runtime.forwardAll(probe);
  const b = merged.forwardAll(probe);
  let maxDiff = 0;
  a.forEach((row, i) => row.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - b[i]![j]!)))));
  return { tokens: probe.length, maxDiff, baseTokens, runtimeTokens: greedy(runtime), mergedTokens: greedy(merged) };
}
