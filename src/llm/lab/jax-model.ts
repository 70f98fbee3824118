// The lab engine's array path: the same Llama/Qwen2/Qwen3 forward as the reference,
// written with @jax-js/jax so it runs on WebGPU in the browser and on Wasm in Node.
//
// Speed comes from compiling whole passes with `jit`: one program for a prefill chunk and
// one for a single-token decode step, each over a fixed-shape KV cache (its capacity grows
// in powers of two, so a model compiles a handful of shapes, not one per position). Eager
// dispatch of the same function is kept (`jit: false`) as the check on the compiled one;
// the plain-TypeScript reference stays the oracle for both.
import { defaultDevice, jit, numpy as np, tree } from '@jax-js/jax';
import type { Tensor } from '../mlc/tensor-cache';
import type { ModelShape } from '../reference/config';
import { inferenceLayer, inferenceLogits, loadInferenceParams, type InferenceParams } from './jax-infer';
import { embeddingRow, ropeTables, type WeightLayout } from './jax-layers';

export type { WeightLayout };

type A = np.Array;

/** Per-layer keys and values, [kvHeads, capacity, headDim] each; positions ≥ length hold nothing that is read. */
export interface JaxCache {
  keys: A[];
  values: A[];
  length: number;
  capacity: number;
}

export interface JaxModelOptions {
  /** Compile the passes with jit (the default); false dispatches every op eagerly (the check on jit). */
  jit: boolean;
  /** Weight layout; by default 'out-in' on Wasm and the CPU backend, 'in-out' on GPUs. */
  layout: WeightLayout;
}

/**
 * What one pass gets besides the weights and the cache, all built on the host (cheap: T × capacity
 * at most) and uploaded as one flat array, in this order; the pass slices it into views (no kernels).
 * One upload instead of seven: in a decode step each upload cost about as much as a kernel.
 * - x [T, hidden]: the embeddings;
 * - cos, sin [T, 1, headDim]: the RoPE tables;
 * - mask [1, group·T, capacity]: additive, 0 where key u ≤ position of query t, else -1e9 (row g·T + t);
 * - place [1, capacity, T]: one-hot, where each real token's key and value are written;
 * - keep [1, capacity, 1]: 0 at the written positions, 1 elsewhere.
 */
type PartName = 'x' | 'cos' | 'sin' | 'mask' | 'place' | 'keep';

/** Where each part lies in the flat upload for T rows over a cache of `capacity` slots. */
function passLayout(s: ModelShape, T: number, capacity: number): { parts: { name: PartName; shape: number[]; from: number; size: number }[]; length: number } {
  const group = s.heads / s.kvHeads;
  const shapes: [PartName, number[]][] = [['x', [T, s.hidden]], ['cos', [T, 1, s.headDim]], ['sin', [T, 1, s.headDim]], ['mask', [1, group * T, capacity]], ['place', [1, capacity, T]], ['keep', [1, capacity, 1]]];
  let length = 0;
  const parts = shapes.map(([name, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    length += size;
    return { name, shape, from: length - size, size };
  });
  return { parts, length };
}

/** T, from the length of a flat upload over `capacity` slots (the inverse of passLayout's length). */
function passRows(s: ModelShape, length: number, capacity: number): number {
  return (length - capacity) / (s.hidden + 2 * s.headDim + (s.heads / s.kvHeads + 1) * capacity);
}

interface PassInputs {
  packed: A; // the parts, flat, as passLayout places them
  select?: A; // [R, T]: which positions' logits come back, when that is not every row
}

const smallestCapacity = 64;

export class JaxModel {
  readonly #params: InferenceParams;
  readonly #embed: Tensor;
  readonly #pass: (keys: A[], values: A[], inputs: PassInputs) => { logits: A; keys: A[]; values: A[] };
  readonly #compiled: { dispose(): void } | null;
  readonly layout: WeightLayout;
  /** Milliseconds spent in calls that compiled a new shape (the first call of each shape). */
  compileMs = 0;
  readonly #seenShapes = new Set<string>();

  constructor(readonly shape: ModelShape, weights: Map<string, Tensor>, options: Partial<JaxModelOptions> = {}) {
    const device = defaultDevice();
    const layout = options.layout ?? (device === 'wasm' || device === 'cpu' ? 'out-in' : 'in-out');
    this.layout = layout;
    const { params, embed } = loadInferenceParams(shape, weights, layout);
    this.#params = params;
    this.#embed = embed;
    // The weights are captured, not passed: jit then holds them as its program's constants, and a
    // call does not walk, reference and key its cache on every weight (that cost a decode step of a
    // small model as much as its kernels).
    const pass = (keys: A[], values: A[], inputs: PassInputs) => this.#forward(tree.ref(this.#params), keys, values, inputs);
    if (options.jit === false) {
      this.#pass = pass;
      this.#compiled = null;
    } else {
      const compiled = jit(pass);
      this.#pass = compiled as unknown as typeof pass;
      this.#compiled = compiled;
    }
  }

  /** Frees the weights and the compiled programs. The model cannot be used afterwards. */
  dispose(): void {
    tree.dispose(this.#params);
    this.#compiled?.dispose();
  }

  /** An empty cache; its capacity grows as tokens arrive (each capacity compiles once). */
  newCache(): JaxCache {
    return { keys: [], values: [], length: 0, capacity: 0 };
  }

  /** Frees a cache's device memory. */
  disposeCache(cache: JaxCache): void {
    for (const a of [...cache.keys, ...cache.values]) a.dispose();
    cache.keys = [];
    cache.values = [];
    cache.length = 0;
    cache.capacity = 0;
  }

  /** Logits at every position of `tokens`, [T × vocab] row-major; with `cache`, appended to it. */
  async forward(tokens: number[], cache?: JaxCache): Promise<Float32Array> {
    const own = cache ?? this.newCache();
    try {
      return await this.#run(tokens, own, 'all');
    } finally {
      if (!cache) this.disposeCache(own);
    }
  }

  /**
   * Feeds a prompt (or the next chunk of one) and returns only the last position's logits: the
   * read-back a sampler needs. The chunk is padded to a power of two, so prompts of similar
   * length share one compiled program.
   */
  async prefill(tokens: number[], cache: JaxCache): Promise<Float32Array> {
    return this.#run(tokens, cache, 'last');
  }

  /** Decodes one token at the cache's next position; returns its logits. */
  async step(token: number, cache: JaxCache): Promise<Float32Array> {
    return this.#run([token], cache, 'last');
  }

  /**
   * One pass over T tokens as a pure function of its arguments, so that jit can compile it: the
   * inference layers (jax-infer.ts) over the fixed-shape cache, then the head on the selected rows.
   * Every argument is owned and used up exactly once (jax-js has no garbage collection of arrays).
   */
  #forward(p: InferenceParams, keys: A[], values: A[], inputs: PassInputs): { logits: A; keys: A[]; values: A[] } {
    const s = this.shape;
    const { packed, select } = inputs;
    const capacity = keys[0]!.shape[1]!;
    const T = passRows(s, packed.shape[0]!, capacity);
    // Each read of a part is its own view of the packed array (see InferenceContext).
    const parts = {} as Record<PartName, () => A>;
    for (const { name, shape, from, size } of passLayout(s, T, capacity).parts) parts[name] = () => packed.ref.slice([from, from + size]).reshape(shape);
    const { x: input, ...ctx } = parts;
    let x = input();
    const newKeys: A[] = [];
    const newValues: A[] = [];
    p.layers.forEach((L, l) => {
      const out = inferenceLayer(s, this.layout, L, x, ctx, keys[l]!, values[l]!);
      x = out.x;
      newKeys.push(out.keys);
      newValues.push(out.values);
    });
    packed.dispose();
    // Only the selected rows go through the final norm and the head (the vocabulary-sized matmul);
    // with no selection (a decode step, or every row read), all rows do.
    const rows = select ? np.matmul(select, x) : x;
    return { logits: inferenceLogits(s, this.layout, rows, p.head, p.norm), keys: newKeys, values: newValues };
  }

  /** Grows the cache to hold `needed` positions: zero rows appended (a new capacity compiles once). */
  #reserve(cache: JaxCache, needed: number): void {
    if (needed <= cache.capacity) return;
    let capacity = Math.max(smallestCapacity, cache.capacity);
    while (capacity < needed) capacity *= 2;
    capacity = Math.max(needed, Math.min(capacity, this.shape.contextWindow));
    const s = this.shape;
    const grow = (a: A | undefined) => (a ? np.pad(a, [[0, 0], [0, capacity - cache.capacity], [0, 0]]) : np.zeros([s.kvHeads, capacity, s.headDim]));
    cache.keys = Array.from({ length: s.layers }, (_, l) => grow(cache.keys[l]));
    cache.values = Array.from({ length: s.layers }, (_, l) => grow(cache.values[l]));
    cache.capacity = capacity;
  }

  async #run(tokens: number[], cache: JaxCache, read: 'all' | 'last'): Promise<Float32Array> {
    const s = this.shape;
    for (const t of tokens) if (t < 0 || t >= s.vocab) throw new Error(`token ${t} is outside the vocabulary (${s.vocab}).`);
    if (!tokens.length) throw new Error('Nothing to run: no tokens.');
    const real = tokens.length;
    // 'last' pads the chunk to a power of two, so that prompts share compiled programs; the
    // padding is neither written to the cache nor seen by real tokens (it comes after them).
    const T = read === 'last' && real > 1 ? 2 ** Math.ceil(Math.log2(real)) : real;
    const start = cache.length;
    this.#reserve(cache, start + T);
    const L = cache.capacity;
    const layout = passLayout(s, T, L);
    const packed = new Float32Array(layout.length);
    const part = {} as Record<PartName, Float32Array>;
    for (const { name, from, size } of layout.parts) part[name] = packed.subarray(from, from + size);
    const { x, cos, sin, mask, place, keep } = part;
    tokens.forEach((t, i) => x.set(embeddingRow(this.#embed, t), i * s.hidden));
    const rope = ropeTables(s, start, T);
    cos.set(rope.cos);
    sin.set(rope.sin);
    keep.fill(1);
    const group = s.heads / s.kvHeads;
    for (let g = 0; g < group; g++) for (let t = 0; t < T; t++) for (let u = start + t + 1; u < L; u++) mask[(g * T + t) * L + u] = -1e9;
    for (let t = 0; t < real; t++) (place[(start + t) * T + t] = 1), (keep[start + t] = 0);
    const rows = read === 'all' ? real : 1;
    const inputs: PassInputs = { packed: np.array(packed) };
    if (rows < T) {
      const select = new Float32Array(rows * T);
      for (let r = 0; r < rows; r++) select[r * T + (read === 'all' ? r : real - 1)] = 1;
      inputs.select = np.array(select).reshape([rows, T]);
    }
    const key = `${T}/${L}/${rows}`;
    const first = !this.#seenShapes.has(key);
    const t0 = performance.now();
    const out = this.#pass(cache.keys, cache.values, inputs);
    cache.keys = out.keys;
    cache.values = out.values;
    cache.length = start + real;
    // Async on purpose: on WebGPU, jax-js's synchronous dataSync() returns wrong values and then
    // loses the device; the awaited data() read-back is exact.
    const logits = (await out.logits.data()) as Float32Array;
    if (first) {
      this.#seenShapes.add(key);
      this.compileMs += performance.now() - t0;
    }
    return logits;
  }
}
