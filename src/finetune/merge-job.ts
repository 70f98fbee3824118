// The whole merge of a PEFT adapter into a base model's MLC files: read the
// base config and only the tensors the adapter changes, merge, and produce the
// merged model's files. File access is injected: the lab worker reads from
// web-llm's cache or the site, and Node tests read from disk.
import { isTrainableQuantization } from '../shared/llm-types';
import { loadSelected, loadTensors, type TensorCache } from '../llm/mlc/tensor-cache';
import { ReferenceModel } from '../llm/reference/model';
import { modelShape, type ModelShape } from '../llm/reference/config';
import { AdapterError, tKey } from '../shared/errors';
import type { AdapterFiles, MergeCheck, MergeSummary, MergeTarget } from '../shared/finetune-api';
import { applyDeltas, mergedTensorCache, requantize } from './merge';
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
  if (!isTrainableQuantization(quantization)) {
    throw new AdapterError(tKey('errors:adapter.quantized', { base: baseLabel, quantization: quantization || 'unknown' }));
  }
  if (!adapter.weights.byteLength) throw new AdapterError(tKey('errors:adapter.weightsMissing'));
  const parsed: ParsedAdapter = parseAdapter(adapter.configText, adapter.weights);
  const deltas = planDeltas(parsed, shape, baseLabel);
  return { config, configBytes, shape, quantization, parsed, deltas };
}

/**
 * Merges; with `referenceBaseUrl`, unchanged tensors stay in the base's shards at that
 * URL (they must be in web-llm's cache), otherwise they are copied. A q4f16_1 base merges back into q4f16_1
 * (each changed matrix re-quantized, its error reported), or with `target` 'q0f16' into the exact merge, every
 * tensor written in float16.
 */
export async function mergeModel(
  readBase: (file: string) => Promise<ArrayBuffer>, adapter: AdapterFiles, baseLabel: string, referenceBaseUrl: string | null, target?: MergeTarget,
): Promise<MergedFiles> {
  const { config, configBytes, shape, quantization, parsed, deltas } = await checkAdapter(readBase, adapter, baseLabel);
  const cache = JSON.parse(text(await readBase('tensor-cache.json'))) as TensorCache;
  const q4 = quantization === 'q4f16_1';
  const toQ0 = q4 && target === 'q0f16';
  const touched = toQ0 ? await loadTensors(cache, readBase) : await loadSelected(cache, new Set(deltas.map((d) => d.tensor)), readBase);
  const changed = applyDeltas(touched, deltas, parsed.scale);
  for (const [name, t] of changed) {
    if (t.data.some((v) => !Number.isFinite(v))) throw new AdapterError(tKey('errors:adapter.nonFinite', { name }));
  }
  const outQuantization = toQ0 ? 'q0f16' : quantization;
  const dtype = outQuantization === 'q0f32' ? 'float32' : 'float16';
  let built;
  let requant: MergeSummary['requant'];
  if (toQ0) {
    // Every tensor, changed or not, in float16 under its unquantized name: no base shard can be shared.
    const all = new Map(touched);
    for (const [name, t] of changed) all.set(name, t);
    built = await mergedTensorCache({ metadata: {}, records: [] }, 'https://unused.invalid/', all, { referenceBase: false, dtype, readShard: readBase });
  } else if (q4) {
    const { encoded, errors } = requantize(changed, touched);
    requant = errors;
    built = await mergedTensorCache(cache, referenceBaseUrl ?? 'https://unused.invalid/', changed, { referenceBase: !!referenceBaseUrl, dtype, readShard: readBase, encoded });
  } else {
    built = await mergedTensorCache(cache, referenceBaseUrl ?? 'https://unused.invalid/', changed, { referenceBase: !!referenceBaseUrl, dtype, readShard: readBase });
  }
  const files = new Map<string, Uint8Array>();
  files.set('mlc-chat-config.json', toQ0 ? new TextEncoder().encode(JSON.stringify({ ...config, quantization: 'q0f16' }, null, 2)) : new Uint8Array(configBytes));
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
      family: shape.family, dtype, baseQuantization: quantization, quantization: outQuantization, ...(requant ? { requant } : {}),
      r: parsed.config.r, alpha: parsed.config.lora_alpha, scale: parsed.scale, rslora: !!parsed.config.use_rslora,
      modules: deltas.length, changedTensors: changed.size, bytes: [...files.values()].reduce((n, b) => n + b.length, 0), referencesBase: !!referenceBaseUrl && !toQ0,
    },
  };
}

/** Probe prompts for a merge check: 8 fixed sequences of 16 tokens spread over the vocabulary (128 positions). */
function probes(vocab: number): number[][] {
  return Array.from({ length: 8 }, (_, p) => Array.from({ length: 16 }, (_, i) => (7 + p * 131 + i * 37 + ((i * i * 13 + p) % 29)) % vocab));
}

/**
 * Checks a merge on this machine: the merged model's logits against the base model
 * with the same adapter applied unmerged (runtime LoRA), on the CPU reference: the largest logit difference, and
 * the share of probe positions whose top-1 token agrees (what a re-quantized q4f16_1 merge must keep at ≥ 99%).
 * Needs about twice the model's float32 size in memory (a q4 model: its codes, dequantized a matrix at a time).
 */
export async function checkMerge(
  readBase: (file: string) => Promise<ArrayBuffer>, readMerged: (file: string) => Promise<ArrayBuffer>, adapter: AdapterFiles, baseLabel: string,
): Promise<MergeCheck> {
  const { shape, parsed, deltas, quantization } = await checkAdapter(readBase, adapter, baseLabel);
  const load = async (read: (f: string) => Promise<ArrayBuffer>) => loadTensors(JSON.parse(text(await read('tensor-cache.json'))) as TensorCache, read);
  const runtime = new ReferenceModel(shape, await load(readBase));
  const mergedConfig = JSON.parse(text(await readMerged('mlc-chat-config.json'))) as Record<string, unknown>;
  const merged = new ReferenceModel(shape, await load(readMerged));
  const probe = [5, 17, 42, 99, 3, 250, 7].map((t) => t % shape.vocab);
  const greedy = (m: ReferenceModel) => m.generateGreedy(probe, 8);
  const argmax = (row: Float32Array) => row.reduce((best, v, i) => (v > row[best]! ? i : best), 0);
  const baseTokens = greedy(runtime);
  const sequences = [probe, ...probes(shape.vocab)];
  const baseRows = sequences.map((tokens) => runtime.forwardAll(tokens).map(argmax));
  runtime.setAdapter(deltas, parsed.scale);
  let maxDiff = 0;
  let agree = 0;
  let baseAgree = 0;
  let positions = 0;
  sequences.forEach((tokens, p) => {
    const a = runtime.forwardAll(tokens);
    const b = merged.forwardAll(tokens);
    a.forEach((row, i) => {
      row.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - b[i]![j]!))));
      agree += argmax(row) === argmax(b[i]!) ? 1 : 0;
      baseAgree += argmax(row) === baseRows[p]![i] ? 1 : 0;
      positions++;
    });
  });
  const requantized = quantization === 'q4f16_1' && mergedConfig.quantization === 'q4f16_1';
  return { tokens: positions, maxDiff, top1Agreement: agree / positions, baseTop1Agreement: baseAgree / positions, requantized, baseTokens, runtimeTokens: greedy(runtime), mergedTokens: greedy(merged) };
}
