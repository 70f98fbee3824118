// The project's own engine for MLC-format Llama, Qwen2 and Qwen3 models (q0f32/q0f16):
// the same files web-llm caches. It runs the plain-TypeScript reference forward on
// the CPU, or the jit-compiled jax-js forward on WebGPU / Wasm. It exists for
// machines and browsers where web-llm cannot run, for the tests, and for LoRA work.
import { useJaxDevice } from './jax-device';
import { PreTrainedTokenizer } from '@huggingface/transformers';
import { formatPrompt, type ChatMessage, type ConvTemplate } from '../conv-template';
import type { ChatChunk, EngineCapabilities, GenerationOptions, LlmEngine, LoadProgress } from '../engine';
import { defaultGenerationOptions } from '../engine';
import { loadTensors, type Tensor, type TensorCache } from '../mlc/tensor-cache';
import { modelShape, sourceBudgetOf } from '../reference/config';
import { ReferenceModel } from '../reference/model';
import { seededRandom } from '../../shared/random.mjs';
import { yieldToEventLoop } from '../../shared/yield';
import { argmax, sampleToken } from '../sampling';
import { JaxModel } from './jax-model';
import { byteTokens, ConstrainedDecoder, tokenPieces, Vocabulary } from '../constrain/token-mask';
import type { AdapterFiles } from '../../shared/finetune-api';
import { parseAdapter, planDeltas } from '../lora/peft';

import type { CrossCheck, SourceBudget } from '../../shared/llm-types';

export type { CrossCheck };

/** Reads one file of a model folder: fetch in the browser, the file system in Node. */
export type ModelFileReader = (modelId: string, file: string) => Promise<ArrayBuffer>;

interface Loaded {
  id: string;
  model: ReferenceModel;
  tensors: Map<string, Tensor>;
  tokenizer: PreTrainedTokenizer;
  template: ConvTemplate;
  stopIds: Set<number>;
  /** mlc-chat-config.json's `source_sentences` and `source_limit` (EngineCapabilities). */
  sourceBudget?: SourceBudget;
  /** The vocabulary's tries for constrained decoding, built on the first constrained generation. */
  vocabulary?: Vocabulary;
}

const json = async (read: ModelFileReader, id: string, file: string) => JSON.parse(new TextDecoder().decode(await read(id, file)));

/** One decoding step at a time, on the CPU reference or on a jax-js device. */
interface Stepper {
  /** Feeds the whole prompt; returns the last position's logits. */
  prefill(tokens: number[]): Promise<Float32Array>;
  step(token: number): Promise<Float32Array>;
  dispose(): void;
}

export type LabDevice = 'cpu' | 'webgpu' | 'wasm';

export class LabEngine implements LlmEngine {
  #loaded: Loaded | null = null;
  #interrupted = false;
  #device: LabDevice = 'cpu';
  #jax: JaxModel | null = null;

  constructor(private readonly read: ModelFileReader) {}

  /**
   * Where generation runs: 'cpu' is the plain-TypeScript reference; 'webgpu' and 'wasm'
   * run the jax-js forward (checked against the reference by crossCheck()).
   */
  async setDevice(device: LabDevice): Promise<LabDevice> {
    if (device !== 'cpu' && !(await useJaxDevice(device))) throw new Error(`${device} is not available to the lab engine here.`);
    if (device !== this.#device) this.#dropJax();
    this.#device = device;
    return device;
  }

  /**
   * Applies a PEFT LoRA adapter unmerged (runtime LoRA), or removes it with null. While an
   * adapter is on, generation runs on the CPU reference, where the deltas are applied.
   */
  async setAdapter(adapter: AdapterFiles | null): Promise<void> {
    const l = this.#require();
    if (!adapter) {
      l.model.setAdapter(null);
      this.#adapter = false;
      return;
    }
    const parsed = parseAdapter(adapter.configText, adapter.weights);
    l.model.setAdapter(planDeltas(parsed, l.model.shape, l.id), parsed.scale);
    this.#adapter = true;
  }

  #adapter = false;

  /** Frees the jax-js model's device weights and compiled programs (there is no garbage collection of device buffers). */
  #dropJax(): void {
    this.#jax?.dispose();
    this.#jax = null;
  }

  #stepper(l: Loaded): Stepper {
    if (this.#device === 'cpu' || this.#adapter) {
      const cache = l.model.newCache();
      const step = async (t: number) => l.model.step(t, cache);
      return {
        step,
        prefill: async (tokens) => {
          let last: Float32Array = new Float32Array(0);
          for (const t of tokens) last = await step(t);
          return last;
        },
        dispose: () => undefined,
      };
    }
    const jax = this.#jaxModel(l);
    if (!jax) return this.#stepper(l); // it did not fit Wasm: the reference runs it
    const cache = jax.newCache();
    return {
      // One compiled pass over the prompt, then one compiled step per new token; only the last
      // position's logits are read back.
      prefill: (tokens) => jax.prefill(tokens, cache),
      step: (t) => jax.step(t, cache),
      dispose: () => jax.disposeCache(cache),
    };
  }

  /**
   * The jax-js model of the loaded weights, built on first use. On Wasm a model too large for its
   * memory (at most 4 GiB, less in some browsers) is not an error: the reference, which already holds
   * the weights, runs it instead; the device becomes 'cpu' and null is returned.
   */
  #jaxModel(l: Loaded): JaxModel | null {
    if (this.#jax) return this.#jax;
    try {
      this.#jax = new JaxModel(l.model.shape, l.tensors);
      return this.#jax;
    } catch (e) {
      if (this.#device !== 'wasm' || !(e instanceof RangeError)) throw e;
      console.warn(`Lab engine: ${l.id} does not fit in WebAssembly memory (${e.message}); generating with the CPU reference instead.`);
      this.#device = 'cpu';
      return null;
    }
  }

  /** Where generation runs now: the device set, or 'cpu' once a model did not fit Wasm (see #jaxModel). */
  get device(): LabDevice {
    return this.#device;
  }

  async load(modelId: string, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    if (this.#loaded?.id === modelId) return;
    await this.unload();
    this.#adapter = false;
    this.#dropJax();
    onProgress?.({ fraction: 0, text: 'Reading the model configuration…' });
    const config = await json(this.read, modelId, 'mlc-chat-config.json');
    const shape = modelShape(config);
    const template = config.conv_template as ConvTemplate | undefined;
    if (!template || typeof template !== 'object') throw new Error('mlc-chat-config.json has no conv_template object.');
    const [tokenizerJson, tokenizerConfig] = await Promise.all([
      json(this.read, modelId, 'tokenizer.json'),
      json(this.read, modelId, 'tokenizer_config.json').catch(() => ({})),
    ]);
    signal?.throwIfAborted();
    const cache = (await json(this.read, modelId, 'tensor-cache.json')) as TensorCache;
    let done = 0;
    const total = cache.records.reduce((n, r) => n + r.nbytes, 0);
    const tensors = await loadTensors(cache, async (path) => {
      signal?.throwIfAborted();
      const bytes = await this.read(modelId, path);
      done += bytes.byteLength;
      onProgress?.({ fraction: total ? done / total : null, text: `Loading weights ${path}…` });
      return bytes;
    });
    const stopIds = new Set<number>([...(template.stop_token_ids ?? []), ...(typeof config.eos_token_id === 'number' ? [config.eos_token_id] : [])]);
    const sourceBudget = sourceBudgetOf(config);
    this.#loaded = { id: modelId, model: new ReferenceModel(shape, tensors), tensors, tokenizer: new PreTrainedTokenizer(tokenizerJson, tokenizerConfig), template, stopIds, ...(sourceBudget ? { sourceBudget } : {}) };
    // On Wasm the weights go into its memory now, so that load() settles the device (see #jaxModel).
    if (this.#device === 'wasm') {
      onProgress?.({ fraction: null, text: 'Copying the weights into WebAssembly memory…' });
      this.#jaxModel(this.#loaded);
    }
    onProgress?.({ fraction: 1, text: 'Ready' });
  }

  /** What each token writes, measured once per model (a decode per token, after an anchor and alone). */
  #vocabulary(l: Loaded): Vocabulary {
    if (!l.vocabulary) {
      const decode = (ids: number[]) => {
        try {
          return l.tokenizer.decode(ids, { skip_special_tokens: true });
        } catch {
          return '';
        }
      };
      const anchor = l.tokenizer.encode('a', { add_special_tokens: false })[0] ?? 0;
      // Byte-fallback tokens spell the characters no other token writes (the reader's tokenizer has no piece for most
      // Chinese characters): their bytes come from the token strings, since each decodes alone to U+FFFD.
      const vocab = (l.tokenizer as unknown as { get_vocab?: () => Map<string, number> | Record<string, number> }).get_vocab?.();
      const strings: string[] = new Array<string>(l.model.shape.vocab).fill('');
      for (const [token, id] of vocab instanceof Map ? vocab : Object.entries(vocab ?? {})) if (id < strings.length) strings[id] = token;
      l.vocabulary = new Vocabulary({ ...tokenPieces(decode, l.model.shape.vocab, anchor), bytes: byteTokens(strings) });
    }
    return l.vocabulary;
  }

  /** The prompt's token ids, as web-llm builds them: system prefix ids, then each prompt part encoded on its own. */
  encodePrompt(messages: ChatMessage[]): number[] {
    const l = this.#require();
    const { parts } = formatPrompt(l.template, messages);
    return [...(l.template.system_prefix_token_ids ?? []), ...parts.flatMap((p) => l.tokenizer.encode(p, { add_special_tokens: false }))];
  }

  async *chat(messages: ChatMessage[], options: Partial<GenerationOptions> = {}, signal?: AbortSignal): AsyncIterable<ChatChunk> {
    const l = this.#require();
    const o = { ...defaultGenerationOptions, ...options };
    this.#interrupted = false;
    const prompt = this.encodePrompt(messages);
    if (prompt.length + 1 > l.model.shape.contextWindow) {
      throw new Error(`The prompt has ${prompt.length} tokens; this model's context window is ${l.model.shape.contextWindow}. Use fewer or shorter sources.`);
    }
    const random = seededRandom(o.seed);
    const constrained = o.constraint ? new ConstrainedDecoder(this.#vocabulary(l), o.constraint.grammar) : null;
    const stepper = this.#stepper(l);
    const t0 = performance.now();
    let logits: Float32Array = new Float32Array(0);
    let position = 0;
    const generated: number[] = [];
    /** The text of the generated tokens up to the first stop string, and whether one was written. */
    const visibleText = () => {
      const full = l.tokenizer.decode(generated, { skip_special_tokens: true });
      const stopAt = (l.template.stop_str ?? []).map((x) => full.indexOf(x)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
      return { visible: stopAt === undefined ? full : full.slice(0, stopAt), stopped: stopAt !== undefined };
    };
    let text = '';
    let firstTokenMs = 0;
    let finish: 'stop' | 'length' | 'interrupted' = 'length';
    let prefillMs = 0;
    let decodeStart = 0;
    try {
      logits = await stepper.prefill(prompt);
      position = prompt.length;
      prefillMs = performance.now() - t0;
      decodeStart = performance.now();
      while (generated.length < o.maxTokens && position < l.model.shape.contextWindow) {
        if (this.#interrupted || signal?.aborted) {
          finish = 'interrupted';
          break;
        }
        // Under a grammar, tokens that would leave it are masked; with nothing left to write, the text is done.
        if (constrained && !constrained.mask(logits, l.stopIds)) {
          finish = 'stop';
          break;
        }
        const token = sampleToken(logits, o.temperature, o.topP, random);
        if (!generated.length) firstTokenMs = performance.now() - t0;
        if (l.stopIds.has(token)) {
          finish = 'stop';
          break;
        }
        constrained?.advance(token);
        generated.push(token);
        const { visible: written, stopped } = visibleText();
        // A character spelled by byte tokens decodes to U+FFFD until its last byte: held back until then.
        const visible = written.replace(/\ufffd+$/u, '');
        if (visible.length > text.length) {
          yield { type: 'delta', text: visible.slice(text.length) };
          text = visible;
        }
        if (stopped) {
          finish = 'stop';
          break;
        }
        logits = await stepper.step(token);
        position++;
        // Let the event loop breathe, so interrupt() and aborts are seen between tokens.
        await yieldToEventLoop();
      }
    } finally {
      stepper.dispose();
    }
    // Bytes that never made a character (the answer ended, or was cut off, inside one) are shown as written.
    // (transformers.js refuses to decode no ids: an answer stopped before its first token has nothing to show.)
    if (generated.length) {
      const rest = visibleText().visible;
      if (rest.length > text.length && rest.startsWith(text)) yield { type: 'delta', text: rest.slice(text.length) };
    }
    const decodeMs = performance.now() - decodeStart;
    yield {
      type: 'done',
      usage: {
        promptTokens: prompt.length,
        completionTokens: generated.length,
        timeToFirstTokenMs: firstTokenMs,
        prefillTokensPerS: prompt.length / Math.max(prefillMs / 1000, 1e-9),
        decodeTokensPerS: generated.length / Math.max(decodeMs / 1000, 1e-9),
        finishReason: finish,
      },
    };
  }

  /**
   * Runs the jax-js forward on `device` (WebGPU in the browser, Wasm anywhere) and the
   * plain-TypeScript reference on the same tokens, and compares their logits.
   */
  async crossCheck(device: 'webgpu' | 'wasm', tokens = [5, 17, 42, 99, 3, 250, 7]): Promise<CrossCheck> {
    const l = this.#require();
    if (!(await useJaxDevice(device))) throw new Error(`${device === 'webgpu' ? 'WebGPU' : 'WebAssembly'} is not available to the lab engine here.`);
    const vocab = l.model.shape.vocab;
    const safe = tokens.map((t) => t % vocab);
    let t = performance.now();
    const jax = new JaxModel(l.model.shape, l.tensors);
    const logits = await jax.forward(safe);
    const deviceMs = performance.now() - t;
    t = performance.now();
    const reference = l.model.forwardAll(safe);
    const referenceMs = performance.now() - t;
    let maxDiff = 0;
    let sameGreedy = true;
    reference.forEach((row, i) => {
      const got = logits.subarray(i * vocab, (i + 1) * vocab);
      row.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - got[j]!))));
      if (argmax(got) !== argmax(row)) sameGreedy = false;
    });
    // Greedy decoding on both paths, each with its own KV cache, must choose the same tokens.
    const greedy = async (step: (t: number) => Promise<Float32Array>) => {
      let last: Float32Array = new Float32Array(0);
      for (const t of safe) last = await step(t);
      const out: number[] = [];
      for (let i = 0; i < 8; i++) {
        out.push(argmax(last));
        last = await step(out[out.length - 1]!);
      }
      return out;
    };
    const refCache = l.model.newCache();
    const referenceTokens = await greedy(async (t) => l.model.step(t, refCache));
    const jaxCache = jax.newCache();
    const deviceTokens = await greedy((t) => jax.step(t, jaxCache));
    jax.disposeCache(jaxCache);
    jax.dispose();
    sameGreedy &&= referenceTokens.join() === deviceTokens.join();
    return { device, tokens: safe.length, maxDiff, sameGreedy, deviceMs, referenceMs, referenceTokens, deviceTokens };
  }

  interrupt(): void {
    this.#interrupted = true;
  }

  async unload(): Promise<void> {
    this.#dropJax();
    this.#loaded = null;
  }

  capabilities(): EngineCapabilities {
    const sourceBudget = this.#loaded?.sourceBudget;
    return { engine: 'lab', device: this.#device, trainable: true, ...(sourceBudget ? { sourceBudget } : {}) };
  }

  #require(): Loaded {
    if (!this.#loaded) throw new Error('No model is loaded. Choose one in Models first.');
    return this.#loaded;
  }
}
