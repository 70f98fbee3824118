// The cross-encoder behind the rerank worker: one transformers.js
// sequence-classification model, loaded lazily, fed (query, passage) pairs in
// batches. Like the Embedder it has no DOM dependency, so Node tests run it.
import { AutoModelForSequenceClassification, AutoTokenizer, type PreTrainedModel, type PreTrainedTokenizer } from '@huggingface/transformers';
import type { EmbedDevice } from '../shared/embed-api';
import { DeviceFallbackError, ModelLoadError, RerankError, abortError, errorMessage } from '../shared/errors';
import type { RerankApi, RerankLoadSpec, RerankOptions, RerankProgress, RerankResult, RerankStatus } from '../shared/rerank-api';
import { defaultRerankOptions } from '../shared/rerank-api';
import { checkLocalFiles, configureEnv, dtypeFor, isFileError, toProgress } from './embedder';
import { ScoreCache } from './score-cache';

type Progress = (p: RerankProgress) => void;

interface Loaded {
  spec: RerankLoadSpec;
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  device: EmbedDevice;
  dtype: string;
}

interface TensorLike {
  data: ArrayLike<number>;
  dims: number[];
}

/**
 * One relevance number per row of a [batch, labels] logits tensor. Rerankers
 * export one label; a two-label (irrelevant, relevant) head is read as the
 * margin of the relevant one, so the order still means "more relevant first".
 */
export function relevanceScores(logits: TensorLike): number[] {
  const [rows, labels] = logits.dims as [number, number | undefined];
  const width = labels ?? 1;
  if (width < 1 || width > 2) throw new RerankError(`The reranker returned ${width} labels per pair; choose a cross-encoder with one relevance logit.`);
  return Array.from({ length: rows }, (_, r) => (width === 1 ? logits.data[r]! : logits.data[r * 2 + 1]! - logits.data[r * 2]!));
}

export class Reranker implements RerankApi {
  #loaded: Loaded | null = null;
  #loading: Promise<Loaded> | null = null;
  #cancelled = new Set<number>();
  readonly #options: RerankOptions;
  readonly #cache: ScoreCache;

  constructor(options: Partial<RerankOptions> = {}) {
    this.#options = { ...defaultRerankOptions, ...options };
    this.#cache = new ScoreCache(this.#options.cacheSize);
  }

  async load(spec: RerankLoadSpec, onProgress?: Progress): Promise<RerankStatus> {
    if (this.#loaded?.spec.entry.id === spec.entry.id) return this.status();
    // One load at a time: a second caller shares the first one's promise.
    this.#loading ??= this.#load(spec, onProgress).finally(() => (this.#loading = null));
    this.#loaded = await this.#loading;
    if (this.#loaded.spec.entry.id !== spec.entry.id) return this.load(spec, onProgress);
    return this.status();
  }

  async #load(spec: RerankLoadSpec, onProgress?: Progress): Promise<Loaded> {
    await this.#loaded?.model.dispose();
    this.#loaded = null;
    configureEnv(spec);
    const progress_callback = (info: unknown) => {
      const p = toProgress(info);
      if (p) onProgress?.(p);
    };
    const dtype = dtypeFor(spec.entry, spec.device);
    let loaded: Loaded;
    try {
      await checkLocalFiles(spec, dtype);
      // The model first: a missing folder then fails with "Could not locate file" (a file error, no device retry),
      // where the tokenizer alone fails with an unreadable message about tokenizer_class.
      const model = await AutoModelForSequenceClassification.from_pretrained(spec.entry.path, { device: spec.device, dtype: dtype as 'fp32', progress_callback });
      const tokenizer = await AutoTokenizer.from_pretrained(spec.entry.path, { progress_callback });
      loaded = { spec, tokenizer, model, device: spec.device, dtype };
    } catch (e) {
      // As for the embedder: a WebGPU failure is retried on wasm in a fresh worker (the bridge does it).
      if (spec.device === 'webgpu' && !isFileError(e)) {
        throw new DeviceFallbackError(`WebGPU could not run the reranker (${errorMessage(e)}); retrying on WebAssembly.`, { cause: e });
      }
      const where = spec.source.kind === 'local' ? `the local pack (${spec.source.baseUrl}${spec.entry.path})` : 'the Hugging Face hub';
      const hint = spec.source.kind === 'local'
        ? 'Check that the pack folder contains config.json, tokenizer.json and onnx/ for this model, or turn reranking off.'
        : 'Check your network connection, load an offline pack that includes a reranker, or turn reranking off.';
      throw new ModelLoadError(`Could not load the reranker "${spec.entry.label}" from ${where}: ${errorMessage(e).replace(/\.$/, '')}. ${hint}`, { cause: e });
    }
    onProgress?.({ kind: 'ready', device: loaded.device, dtype: loaded.dtype });
    return loaded;
  }

  async rerank(jobId: number, query: string, passages: string[], onProgress?: Progress): Promise<RerankResult> {
    const loaded = this.#loaded;
    if (!loaded) throw new RerankError('No reranker is loaded yet. Choose one in the retrieval settings, or turn reranking off.');
    const modelId = loaded.spec.entry.id;
    const scores: (number | undefined)[] = passages.map((p) => this.#cache.get(modelId, query, p));
    // Only pairs not seen this session go to the model; a passage listed twice runs once.
    const todo = [...new Set(passages.filter((_, i) => scores[i] === undefined))];
    const fresh = new Map<string, number>();
    try {
      for (let start = 0; start < todo.length; start += this.#options.batchSize) {
        if (this.#cancelled.has(jobId)) throw abortError('Reranking was cancelled.');
        const batch = todo.slice(start, start + this.#options.batchSize);
        const batchScores = await this.#score(loaded, query, batch);
        batch.forEach((p, i) => {
          fresh.set(p, batchScores[i]!);
          this.#cache.set(modelId, query, p, batchScores[i]!);
        });
        onProgress?.({ kind: 'rerank', done: start + batch.length, total: todo.length });
      }
    } finally {
      this.#cancelled.delete(jobId);
    }
    return { scores: passages.map((p, i) => scores[i] ?? fresh.get(p)!), scored: todo.length, cached: passages.length - scores.filter((s) => s === undefined).length };
  }

  async #score(loaded: Loaded, query: string, passages: string[]): Promise<number[]> {
    const tokenize = loaded.tokenizer as unknown as (t: string[], o: object) => object;
    // Truncation at the entry's limit keeps long chunks inside the model's position table.
    const inputs = tokenize(passages.map(() => query), { text_pair: passages, padding: true, truncation: true, max_length: loaded.spec.entry.maxTokens });
    const model = loaded.model as unknown as (i: object) => Promise<{ logits?: TensorLike }>;
    const { logits } = await model(inputs);
    if (!logits) throw new RerankError(`The model "${loaded.spec.entry.label}" returned no logits; is it a sequence-classification (cross-encoder) model?`);
    return relevanceScores({ data: Array.from(logits.data, Number), dims: logits.dims });
  }

  cancel(jobId: number): void {
    this.#cancelled.add(jobId);
  }

  status(): RerankStatus {
    const l = this.#loaded;
    return { modelId: l?.spec.entry.id ?? null, device: l?.device ?? null, dtype: l?.dtype ?? null };
  }
}
