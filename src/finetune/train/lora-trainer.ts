// The LoRA trainer: the lab engine's own decoder layers (llm/lab/jax-layers.ts) with
// LoRA pairs added, a completion-only loss, gradients by reverse-mode autodiff, and
// AdamW or SGD. It runs on whatever jax-js device is the default: WebGPU in the
// trainer worker, Wasm as the fallback and in Node.
//
// Two gradient paths, which must agree (a unit test checks both against PyTorch):
// - recompute (the default): a forward that keeps only each layer's input [T, hidden],
//   then a backward that recomputes one layer at a time under vjp (per-layer gradient
//   checkpointing), so one layer's activations are alive at a time;
// - whole: one jit-compiled valueAndGrad over the whole model (faster at small sizes,
//   but it holds every layer's activations).
import { blockUntilReady, jit, numpy as np, tree, valueAndGrad, vjp } from '@jax-js/jax';
import type { Tensor } from '../../llm/mlc/tensor-cache';
import type { ModelShape } from '../../llm/reference/config';
import { decoderLayer, embeddingRow, headLoss, headLossGrad, loadParams, rms, ropeTables, weightRef, type LayerLora, type LoraModule, type Params, type Weight, type WeightLayout } from '../../llm/lab/jax-layers';
import { hashString, seededRandom } from '../../shared/random.mjs';
import { bucketLength, type Sequence } from './data';

type A = np.Array;

/** A LoRA pair on the host, PEFT layout: A [r, in], B [out, r]. */
export interface HostPair {
  A: Float32Array;
  B: Float32Array;
}
/** Pairs by full HF module name ("model.layers.0.self_attn.q_proj"). */
export type HostLora = Record<string, HostPair>;

/** What a checkpoint needs to continue the run exactly: the step, the adapter and the optimiser's moments. */
export interface OptimizerState {
  step: number;
  lora: HostLora;
  /** AdamW's first and second moments (null for SGD). */
  m: HostLora | null;
  v: HostLora | null;
}

export interface TrainerOptions {
  targets: LoraModule[];
  r: number;
  scale: number;
  optimizer: 'adamw' | 'sgd';
  weightDecay: number;
  maxGradNorm: number;
  /** Per-layer recomputation (the default) or one whole-model valueAndGrad. */
  recompute: boolean;
  /** Compile with jit (the default); false dispatches eagerly (slower; the check on jit). */
  jit: boolean;
  layout: WeightLayout;
  /** Vocabulary columns per chunk of the loss's log-sum-exp. */
  vocabChunk: number;
}

/** The host-side inputs of one micro-batch (one sequence). */
interface Micro {
  x: A; cos: A; sin: A; mask: A; select: A; targets: A; weights: A;
}

const beta1 = 0.9;
const beta2 = 0.999;
const adamEps = 1e-8;

/** The HF module name of module `m` in layer `l`. */
export const moduleName = (l: number, m: LoraModule): string => `model.layers.${l}.${mlpModules.has(m) ? 'mlp' : 'self_attn'}.${m}`;
const mlpModules = new Set<LoraModule>(['gate_proj', 'up_proj', 'down_proj']);

/** [in, out] of a target module in this model. */
export function moduleShape(s: ModelShape, m: LoraModule): [number, number] {
  const q = s.heads * s.headDim;
  const kv = s.kvHeads * s.headDim;
  const dims: Record<LoraModule, [number, number]> = {
    q_proj: [s.hidden, q], k_proj: [s.hidden, kv], v_proj: [s.hidden, kv], o_proj: [q, s.hidden],
    gate_proj: [s.hidden, s.intermediate], up_proj: [s.hidden, s.intermediate], down_proj: [s.intermediate, s.hidden],
  };
  return dims[m];
}

/** PEFT's initialisation: A uniform in ±1/√in (kaiming_uniform with a = √5), B zero; seeded. */
export function initLora(s: ModelShape, targets: LoraModule[], r: number, seed: number): HostLora {
  const random = seededRandom(hashString(`lora:${seed}`));
  const out: HostLora = {};
  for (let l = 0; l < s.layers; l++) {
    for (const m of targets) {
      const [inDim, outDim] = moduleShape(s, m);
      const bound = 1 / Math.sqrt(inDim);
      out[moduleName(l, m)] = { A: Float32Array.from({ length: r * inDim }, () => (2 * random() - 1) * bound), B: new Float32Array(outDim * r) };
    }
  }
  return out;
}

export class LoraTrainer {
  readonly #frozen: Params;
  readonly #embed: Tensor;
  #lora: LayerLora[];
  #m: LayerLora[] | null = null;
  #v: LayerLora[] | null = null;
  #step = 0;
  readonly #fns: { dispose(): void }[] = [];
  readonly #whole: (lora: LayerLora[], frozen: Params, b: Micro) => [A, LayerLora[]];
  readonly #layerFwd: (L: Params['layers'][number], lo: LayerLora, x: A, ctx: Ctx) => A;
  readonly #layerBwd: (L: Params['layers'][number], lo: LayerLora, x: A, ctx: Ctx, dy: A) => { dlo: LayerLora; dx: A };
  readonly #headBwd: (norm: A, head: Weight, x: A, select: A, targets: A, weights: A) => { loss: A; dx: A };
  readonly #lossOnly: (lora: LayerLora[], frozen: Params, b: Micro) => A;
  readonly #update: (p: LayerLora[], g: LayerLora[], m: LayerLora[], v: LayerLora[], h: { lr: A; bc1: A; bc2: A }) => { p: LayerLora[]; m: LayerLora[]; v: LayerLora[]; norm: A };

  constructor(readonly shape: ModelShape, weights: Map<string, Tensor>, readonly options: TrainerOptions, initial: HostLora) {
    const s = shape;
    const { layout, scale, vocabChunk } = options;
    const { params, embed } = loadParams(s, weights, layout);
    this.#frozen = params;
    this.#embed = embed;
    this.#lora = this.#upload(initial);
    const compile = <F extends (...args: never[]) => unknown>(f: F): F => {
      if (!options.jit) return f;
      const c = jit(f as never) as unknown as F & { dispose(): void };
      this.#fns.push(c);
      return c;
    };
    const forwardLoss = (lora: LayerLora[], frozen: Params, b: Micro): A => {
      const ctx = { cos: b.cos, sin: b.sin, mask: b.mask, rot: frozen.rot };
      let x = b.x;
      frozen.layers.forEach((L, l) => (x = decoderLayer(s, layout, L, x, ctx, lora[l]!, scale).x));
      for (const a of [b.cos, b.sin, b.mask, frozen.rot]) a.dispose();
      return headLoss(s, layout, np.matmul(b.select, x), frozen.norm, frozen.head, b.targets, b.weights, vocabChunk);
    };
    this.#whole = compile(valueAndGrad(forwardLoss) as unknown as (lora: LayerLora[], frozen: Params, b: Micro) => [A, LayerLora[]]);
    this.#lossOnly = compile(forwardLoss);
    this.#layerFwd = compile((L: Params['layers'][number], lo: LayerLora, x: A, ctx: Ctx) => {
      const y = decoderLayer(s, layout, L, x, ctx, lo, scale).x;
      tree.dispose(ctx as never);
      return y;
    });
    this.#layerBwd = compile((L: Params['layers'][number], lo: LayerLora, x: A, ctx: Ctx, dy: A) => {
      const [y, pull] = vjp((lo2: LayerLora, x2: A) => decoderLayer(s, layout, tree.ref(L as never), x2, ctx, lo2, scale).x, [lo, x]);
      y.dispose();
      const [dlo, dx] = pull(dy) as [LayerLora, A];
      pull.dispose();
      tree.dispose(L as never);
      tree.dispose(ctx as never);
      return { dlo, dx };
    });
    // The head's gradient is written out (headLossGrad): a vjp through the vocabulary chunks would keep each
    // chunk of the head alive for the backward. Only the final norm and the row selection go through vjp.
    this.#headBwd = compile((norm: A, head: Weight, x: A, select: A, targets: A, weights: A) => {
      const [h, pull] = vjp((x2: A) => rms(np.matmul(select.ref, x2), norm.ref, s.eps), [x]);
      const { loss, dh } = headLossGrad(s, layout, h, head, targets, weights, vocabChunk);
      const [dx] = pull(dh) as [A];
      pull.dispose();
      for (const a of [norm, select]) a.dispose();
      return { loss, dx };
    });
    const { optimizer, weightDecay, maxGradNorm } = options;
    this.#update = compile((p: LayerLora[], g: LayerLora[], m: LayerLora[], v: LayerLora[], h: { lr: A; bc1: A; bc2: A }) => {
      const squares = (tree.leaves(g as never) as A[]).map((x: A) => x.ref.mul(x.ref).sum());
      const norm = np.sqrt(squares.reduce((a, b) => a.add(b)));
      // Clip the global norm: g · min(1, max / norm).
      const coef = maxGradNorm > 0 ? np.minimum(np.divide(maxGradNorm, norm.ref.add(1e-6)), 1) : np.ones([]);
      const clipped = tree.map((x: A) => x.mul(coef.ref), g as never) as unknown as LayerLora[];
      coef.dispose();
      if (optimizer === 'sgd') {
        const next = tree.map((w: A, d: A) => w.sub(d.mul(h.lr.ref)), p as never, clipped as never) as unknown as LayerLora[];
        for (const a of [h.lr, h.bc1, h.bc2]) a.dispose();
        return { p: next, m, v, norm };
      }
      const m2 = tree.map((a: A, d: A) => a.mul(beta1).add(d.mul(1 - beta1)), m as never, tree.ref(clipped as never)) as unknown as LayerLora[];
      const v2 = tree.map((a: A, d: A) => a.mul(beta2).add(d.ref.mul(d).mul(1 - beta2)), v as never, clipped as never) as unknown as LayerLora[];
      const next = tree.map((w: A, a: A, b: A) => {
        const stepDir = np.divide(a.div(h.bc1.ref), np.sqrt(b.div(h.bc2.ref)).add(adamEps));
        return w.ref.sub(stepDir.add(w.mul(weightDecay)).mul(h.lr.ref));
      }, p as never, tree.ref(m2 as never), tree.ref(v2 as never)) as unknown as LayerLora[];
      for (const a of [h.lr, h.bc1, h.bc2]) a.dispose();
      return { p: next, m: m2, v: v2, norm };
    });
    if (options.optimizer === 'adamw') {
      this.#m = tree.map((x: A) => np.zerosLike(x), tree.ref(this.#lora as never)) as unknown as LayerLora[];
      this.#v = tree.map((x: A) => np.zerosLike(x), tree.ref(this.#lora as never)) as unknown as LayerLora[];
    }
  }

  get step(): number {
    return this.#step;
  }

  #upload(host: HostLora): LayerLora[] {
    const s = this.shape;
    return Array.from({ length: s.layers }, (_, l) => {
      const layer: LayerLora = {};
      for (const m of this.options.targets) {
        const pair = host[moduleName(l, m)];
        if (!pair) throw new Error(`The adapter lacks ${moduleName(l, m)}.`);
        const [inDim, outDim] = moduleShape(s, m);
        layer[m] = { A: np.array(pair.A).reshape([this.options.r, inDim]), B: np.array(pair.B).reshape([outDim, this.options.r]) };
      }
      return layer;
    });
  }

  async #download(lora: LayerLora[]): Promise<HostLora> {
    const out: HostLora = {};
    for (let l = 0; l < lora.length; l++) {
      for (const m of this.options.targets) {
        const pair = lora[l]![m]!;
        // Awaited reads only: a synchronous read on WebGPU returns wrong values and loses the device.
        out[moduleName(l, m)] = { A: (await pair.A.ref.data()) as Float32Array, B: (await pair.B.ref.data()) as Float32Array };
      }
    }
    return out;
  }

  /** The host inputs of one sequence; `weight` multiplies each of its target tokens' losses. */
  #micro(seq: Sequence, maxLength: number, weight: number): Micro {
    const s = this.shape;
    const T = bucketLength(seq.tokens.length, maxLength);
    const x = new Float32Array(T * s.hidden);
    seq.tokens.forEach((t, i) => x.set(embeddingRow(this.#embed, t), i * s.hidden));
    const { cos, sin } = ropeTables(s, 0, T);
    const mask = new Float32Array(T * T);
    for (let t = 0; t < T; t++) for (let u = t + 1; u < T; u++) mask[t * T + u] = -1e9;
    const n = seq.tokens.length - seq.promptLength; // target tokens, predicted at positions promptLength - 1 …
    const R = Math.min(T, 2 ** Math.ceil(Math.log2(Math.max(8, n))));
    const select = new Float32Array(R * T);
    const targets = new Int32Array(R);
    const weights = new Float32Array(R);
    for (let r = 0; r < n; r++) {
      select[r * T + seq.promptLength - 1 + r] = 1;
      targets[r] = seq.tokens[seq.promptLength + r]!;
      weights[r] = weight;
    }
    const hd = s.headDim;
    return {
      x: np.array(x).reshape([T, s.hidden]), cos: np.array(cos).reshape([T, 1, hd]), sin: np.array(sin).reshape([T, 1, hd]),
      mask: np.array(mask).reshape([1, 1, T, T]), select: np.array(select).reshape([R, T]),
      targets: np.array(targets, { dtype: np.int32 }), weights: np.array(weights),
    };
  }

  /**
   * Loss and gradients of one sequence (weighted), on the chosen path. Uses up `b`.
   * With recomputation, each layer's result is awaited before the next is queued: jax-js runs work
   * lazily and a pending operation keeps its inputs alive, so without these waits every layer's
   * buffers would be held at once and recomputation would save nothing (measured by bench:train).
   */
  async #grad(b: Micro): Promise<[A, LayerLora[]]> {
    if (!this.options.recompute) return this.#whole(tree.ref(this.#lora as never), tree.ref(this.#frozen as never), b);
    const f = this.#frozen;
    const ctx = (): Ctx => ({ cos: b.cos.ref, sin: b.sin.ref, mask: b.mask.ref, rot: f.rot.ref });
    const xs: A[] = [b.x];
    for (let l = 0; l < f.layers.length; l++) {
      xs.push(await blockUntilReady(this.#layerFwd(tree.ref(f.layers[l]! as never), tree.ref(this.#lora[l]! as never), xs[l]!.ref, ctx())));
    }
    const head = await blockUntilReady(this.#headBwd(f.norm.ref, weightRef(f.head), xs.pop()!, b.select, b.targets, b.weights));
    let dx = head.dx;
    const grads: LayerLora[] = new Array(f.layers.length);
    for (let l = f.layers.length - 1; l >= 0; l--) {
      const out = await blockUntilReady(this.#layerBwd(tree.ref(f.layers[l]! as never), tree.ref(this.#lora[l]! as never), xs[l]!, ctx(), dx));
      grads[l] = out.dlo;
      dx = out.dx;
    }
    dx.dispose();
    for (const a of [b.cos, b.sin, b.mask]) a.dispose();
    return [head.loss, grads];
  }

  /**
   * The loss and gradients of a batch, as the mean over all its target tokens (each sequence's
   * tokens weighted 1/N). Returned on the host; for checks against an independent implementation.
   */
  async gradients(batch: Sequence[], maxLength: number): Promise<{ loss: number; grads: HostLora }> {
    const { loss, grads } = await this.#accumulate(batch, maxLength);
    const value = (await loss.data())[0]!;
    const host = await this.#download(grads);
    tree.dispose(grads as never);
    return { loss: value, grads: host };
  }

  async #accumulate(batch: Sequence[], maxLength: number): Promise<{ loss: A; grads: LayerLora[] }> {
    const tokens = batch.reduce((n, q) => n + q.tokens.length - q.promptLength, 0);
    let loss: A | null = null;
    let grads: LayerLora[] | null = null;
    for (const seq of batch) {
      const [l, g] = await this.#grad(this.#micro(seq, maxLength, 1 / tokens));
      loss = loss ? loss.add(l) : l;
      grads = grads ? (tree.map((a: A, b: A) => a.add(b), grads as never, g as never) as unknown as LayerLora[]) : g;
    }
    return { loss: loss!, grads: grads! };
  }

  /** One optimiser step over `batch` (all its sequences accumulated). Returns the batch's mean loss and gradient norm. */
  async trainStep(batch: Sequence[], maxLength: number, lr: number): Promise<{ loss: number; gradNorm: number }> {
    const { loss, grads } = await this.#accumulate(batch, maxLength);
    this.#step++;
    const t = this.#step;
    const h = { lr: np.array(lr), bc1: np.array(1 - beta1 ** t), bc2: np.array(1 - beta2 ** t) };
    const m = this.#m ?? ([] as LayerLora[]);
    const v = this.#v ?? ([] as LayerLora[]);
    const out = this.#update(this.#lora, grads, m, v, h);
    this.#lora = out.p;
    if (this.#m) (this.#m = out.m), (this.#v = out.v);
    const value = (await loss.data())[0]!;
    const gradNorm = (await out.norm.data())[0]!;
    await blockUntilReady([this.#lora, this.#m, this.#v] as never);
    return { loss: value, gradNorm };
  }

  /** The mean loss over the target tokens of `seqs`, with no gradients (validation). */
  async evalLoss(seqs: Sequence[], maxLength: number): Promise<number> {
    if (!seqs.length) return NaN;
    const tokens = seqs.reduce((n, q) => n + q.tokens.length - q.promptLength, 0);
    let sum = 0;
    for (const seq of seqs) sum += (await this.#lossOnly(tree.ref(this.#lora as never), tree.ref(this.#frozen as never), this.#micro(seq, maxLength, 1 / tokens)).data())[0]!;
    return sum;
  }

  /** The adapter and optimiser state, read back to the host (for checkpoints and the adapter files). */
  async state(): Promise<OptimizerState> {
    return {
      step: this.#step,
      lora: await this.#download(this.#lora),
      m: this.#m ? await this.#download(this.#m) : null,
      v: this.#v ? await this.#download(this.#v) : null,
    };
  }

  /** Continues from a checkpoint. */
  load(state: OptimizerState): void {
    tree.dispose([this.#lora, this.#m, this.#v] as never);
    this.#lora = this.#upload(state.lora);
    this.#m = state.m ? this.#upload(state.m) : null;
    this.#v = state.v ? this.#upload(state.v) : null;
    this.#step = state.step;
  }

  dispose(): void {
    tree.dispose([this.#frozen, this.#lora, this.#m, this.#v] as never);
    for (const f of this.#fns) f.dispose();
  }
}

type Ctx = { cos: A; sin: A; mask: A; rot: A };
