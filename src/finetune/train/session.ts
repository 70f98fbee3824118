// Opens a training session: reads the base model's MLC files and tokenizer, checks
// that it can be trained, tokenizes and splits the data, builds the trainer on the
// current jax-js device, and measures one probe step for the estimate. Shared by the
// trainer worker and `npm run train`; file access is injected.
import { isTrainableQuantization, type TrainableQuantization } from '../../shared/llm-types';
import { PreTrainedTokenizer } from '@huggingface/transformers';
import { loadTensors, type TensorCache } from '../../llm/mlc/tensor-cache';
import { modelShape, type ModelShape } from '../../llm/reference/config';
import type { WeightLayout } from '../../llm/lab/jax-layers';
import { TrainingError, tKey } from '../../shared/errors';
import { bucketLength, prepareData, validationSplit, type PreparedData, type PromptCompletion, type Sequence } from './data';
import { estimateMemory, estimateMs, fitProblems, type MemoryEstimate } from './estimate';
import { initLora, LoraTrainer } from './lora-trainer';
import { loraScale, settingsProblems, totalSteps, type TrainSettings } from './settings';

export type ReadModelFile = (file: string) => Promise<ArrayBuffer>;

export interface SessionOptions {
  /** jax-js device in use ('webgpu' | 'wasm'): picks the weight layout. */
  device: string;
  recompute?: boolean;
  jit?: boolean;
  vocabChunk?: number;
  /** Refuse a run whose estimate exceeds this device's memory (bytes) or largest buffer. */
  budget?: { bytes: number; maxBuffer: number };
}

export interface TrainingSession {
  shape: ModelShape;
  trainer: LoraTrainer;
  data: { train: Sequence[]; validation: Sequence[] };
  /** The base's quantization (q4f16_1: QLoRA over its 4-bit codes). */
  quantization: TrainableQuantization;
  prepared: PreparedData;
  totalSteps: number;
  memory: MemoryEstimate;
  /** Measured forward + backward of the longest training sequence. */
  probe: { ms: number; tokens: number };
  estimatedMs: number;
  dispose(): void;
}

const text = (b: ArrayBuffer) => new TextDecoder().decode(b);

/** The base model's shape, template prefix and tokenizer; refuses models that cannot be trained. */
export async function readBase(read: ReadModelFile, label: string) {
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(text(await read('mlc-chat-config.json'))) as Record<string, unknown>;
  } catch {
    throw new TrainingError(tKey('errors:training.mlcConfig', { label }));
  }
  const shape = modelShape(config);
  const quantization = String(config.quantization ?? '');
  if (!isTrainableQuantization(quantization)) {
    throw new TrainingError(tKey('errors:training.quantized', { label, quantization: quantization || 'unknown' }));
  }
  const json = async (f: string) => JSON.parse(text(await read(f))) as Record<string, unknown>;
  const tokenizer = new PreTrainedTokenizer(await json('tokenizer.json'), await json('tokenizer_config.json').catch(() => ({})));
  const template = config.conv_template as { system_prefix_token_ids?: number[] } | undefined;
  return { config, shape, quantization: quantization as TrainableQuantization, tokenizer, prefixIds: template?.system_prefix_token_ids ?? [] };
}

/** Everything checked before a run: settings, data, then the model; throws TrainingError naming each problem. */
export async function openSession(read: ReadModelFile, label: string, examples: PromptCompletion[], settings: TrainSettings, options: SessionOptions): Promise<TrainingSession> {
  const problems = settingsProblems(settings);
  if (problems.length) throw new TrainingError(tKey('errors:training.settings', { problems: problems.join('\n- ') }));
  const base = await readBase(read, label);
  const encode = (t: string) => base.tokenizer.encode(t, { add_special_tokens: false });
  const prepared = prepareData(examples, encode, base.prefixIds, settings.maxLength);
  const split = validationSplit(prepared.sequences.length, settings.valShare, settings.seed);
  const data = { train: split.train.map((i) => prepared.sequences[i]!), validation: split.validation.map((i) => prepared.sequences[i]!) };
  const recompute = options.recompute ?? true;
  const vocabChunk = options.vocabChunk ?? 8192;
  const longest = data.train.reduce((a, b) => (b.tokens.length > a.tokens.length ? b : a));
  const memory = estimateMemory(base.shape, settings, bucketLength(longest.tokens.length, settings.maxLength), recompute, vocabChunk, base.quantization);
  const misfit = options.budget ? fitProblems(memory, options.budget.bytes, options.budget.maxBuffer, settings) : [];
  if (misfit.length) throw new TrainingError(misfit.join('\n'));
  const cache = JSON.parse(text(await read('tensor-cache.json'))) as TensorCache;
  const tensors = await loadTensors(cache, read);
  const layout: WeightLayout = options.device === 'wasm' || options.device === 'cpu' ? 'out-in' : 'in-out';
  const trainer = new LoraTrainer(base.shape, tensors, {
    targets: settings.targets, r: settings.r, scale: loraScale(settings), optimizer: settings.optimizer, weightDecay: settings.weightDecay,
    maxGradNorm: settings.maxGradNorm, recompute, jit: options.jit ?? true, layout, vocabChunk,
  }, initLora(base.shape, settings.targets, settings.r, settings.seed));
  tensors.clear();
  const steps = totalSteps(settings, data.train.length);
  // The probe: forward and backward of the longest sequence, twice (the first call compiles).
  await trainer.gradients([longest], settings.maxLength);
  const t0 = performance.now();
  await trainer.gradients([longest], settings.maxLength);
  const probe = { ms: performance.now() - t0, tokens: longest.tokens.length };
  const meanTokens = data.train.reduce((n, q) => n + q.tokens.length, 0) / data.train.length;
  return {
    shape: base.shape, trainer, data, quantization: base.quantization, prepared, totalSteps: steps,
    memory,
    probe, estimatedMs: estimateMs(probe.ms, probe.tokens, meanTokens * settings.batchSize * settings.gradAccum, steps),
    dispose: () => trainer.dispose(),
  };
}
