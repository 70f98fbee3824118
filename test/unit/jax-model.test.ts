// The jax-js forward (what runs on WebGPU in the browser) matches the plain-TypeScript
// reference on every fixture family, here on Wasm; the jit-compiled passes match eager ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDevice, init, numpy as np } from '@jax-js/jax';
import { beforeAll, describe, expect, it } from 'vitest';
import { JaxModel } from '../../src/llm/lab/jax-model';
import { loadTensors, type TensorCache } from '../../src/llm/mlc/tensor-cache';
import { modelShape } from '../../src/llm/reference/config';
import { ReferenceModel } from '../../src/llm/reference/model';
import { argmax } from '../../src/llm/sampling';
import { countWasmBuffers } from './finetune/jax-buffers';
import { fixtureModelsDir } from './helpers';

beforeAll(async () => {
  // Node 20 has no navigator: jax-js must be told to start Wasm explicitly.
  await init('wasm');
  defaultDevice('wasm');
});

async function load(family: string) {
  const dir = join(fixtureModelsDir, `tiny-${family}`);
  const config = JSON.parse(readFileSync(join(dir, 'mlc-chat-config.json'), 'utf8'));
  const cache = JSON.parse(readFileSync(join(dir, 'tensor-cache.json'), 'utf8')) as TensorCache;
  const tensors = await loadTensors(cache, async (p) => new Uint8Array(readFileSync(join(dir, p))).buffer);
  return { shape: modelShape(config), tensors };
}

for (const family of ['llama', 'qwen2', 'qwen3']) {
  describe(`JaxModel on tiny-${family} (Wasm)`, () => {
    it('gives the reference logits at every position', async () => {
      const { shape, tensors } = await load(family);
      const reference = new ReferenceModel(shape, tensors).forwardAll([5, 17, 42, 99, 3, 250, 7]);
      const jax = new JaxModel(shape, tensors);
      const logits = await jax.forward([5, 17, 42, 99, 3, 250, 7]);
      let worst = 0;
      reference.forEach((row, t) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - logits[t * shape.vocab + j]!)))));
      expect(worst).toBeLessThan(1e-3);
      // Same greedy choice at every position.
      reference.forEach((row, t) => expect(argmax(logits.subarray(t * shape.vocab, (t + 1) * shape.vocab))).toBe(argmax(row)));
      // A second call reuses the weights (reference counts are kept right).
      expect((await jax.forward([5, 17]))[0]).toBeCloseTo(logits[0]!, 4);
      // The KV-cache decode gives the full recompute's logits at every position.
      const kv = jax.newCache();
      for (const [t, token] of [5, 17, 42, 99, 3, 250, 7].entries()) {
        const step = await jax.step(token, kv);
        for (let j = 0; j < shape.vocab; j += 5) expect(step[j]).toBeCloseTo(logits[t * shape.vocab + j]!, 3);
      }
      jax.disposeCache(kv);
      // A prefill fills the cache for the steps that follow.
      const pre = jax.newCache();
      await jax.forward([5, 17, 42], pre);
      expect(pre.length).toBe(3);
      const next = await jax.step(99, pre);
      for (let j = 0; j < shape.vocab; j += 5) expect(next[j]).toBeCloseTo(logits[3 * shape.vocab + j]!, 3);
      jax.disposeCache(pre);
      // A padded prefill (3 tokens run as 4) returns the last real position and leaves the cache at 3.
      const padded = jax.newCache();
      const last = await jax.prefill([5, 17, 42], padded);
      expect(padded.length).toBe(3);
      expect(last).toHaveLength(shape.vocab);
      for (let j = 0; j < shape.vocab; j += 5) expect(last[j]).toBeCloseTo(logits[2 * shape.vocab + j]!, 3);
      const after = await jax.step(99, padded);
      for (let j = 0; j < shape.vocab; j += 5) expect(after[j]).toBeCloseTo(logits[3 * shape.vocab + j]!, 3);
      jax.disposeCache(padded);
      jax.dispose();
    });

    it('both weight layouts give the same logits (the GPU one, [in, out], is checked here on Wasm too)', async () => {
      const { shape, tensors } = await load(family);
      const tokens = [5, 17, 42, 99];
      const outIn = new JaxModel(shape, tensors, { layout: 'out-in' });
      const inOut = new JaxModel(shape, tensors, { layout: 'in-out' });
      const byDefault = new JaxModel(shape, tensors);
      expect([outIn.layout, inOut.layout, byDefault.layout]).toEqual(['out-in', 'in-out', 'out-in']); // Wasm defaults to out-in
      byDefault.dispose();
      const a = await outIn.forward(tokens);
      const b = await inOut.forward(tokens);
      expect(a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0)).toBeLessThan(1e-4);
      outIn.dispose();
      inOut.dispose();
    });

    it('jit and eager give the same greedy tokens and logits within 1e-4, across a cache capacity change', async () => {
      const { shape, tensors } = await load(family);
      const prompt = [5, 17, 42, 99, 3, 250, 7, 11, 12];
      const run = async (model: JaxModel) => {
        const cache = model.newCache();
        const all: Float32Array[] = [await model.prefill(prompt, cache)];
        const tokens: number[] = [];
        // 60 new tokens take the cache past its first capacity (64), so it grows once.
        for (let i = 0; i < 60; i++) {
          tokens.push(argmax(all.at(-1)!));
          all.push(await model.step(tokens.at(-1)!, cache));
        }
        expect(cache.capacity).toBe(128);
        model.disposeCache(cache);
        model.dispose();
        return { all, tokens };
      };
      const compiled = await run(new JaxModel(shape, tensors, { jit: true }));
      const eager = await run(new JaxModel(shape, tensors, { jit: false }));
      expect(compiled.tokens).toEqual(eager.tokens);
      let worst = 0;
      compiled.all.forEach((row, i) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - eager.all[i]![j]!)))));
      expect(worst).toBeLessThan(1e-4);
      // And both decode what the reference decodes.
      const reference = new ReferenceModel(shape, tensors).generateGreedy(prompt, 60);
      expect(compiled.tokens).toEqual(reference);
    });
  });
}

// patches/@jax-js+jax+0.1.25.patch: without worker threads (Node, and pages that are not
// cross-origin isolated) jax-js's Wasm backend instantiated every kernel's module on every
// dispatch, and hashed every kernel and the whole program on every call. Warm decode steps
// must now build no WebAssembly instance at all.
describe('JaxModel decode on Wasm reuses what the first step built', () => {
  it('creates no WebAssembly instance in warm decode steps', async () => {
    const { shape, tensors } = await load('qwen2');
    const model = new JaxModel(shape, tensors);
    const cache = model.newCache();
    const Original = WebAssembly.Instance;
    let created = 0;
    const Counting = new Proxy(Original, { construct: (target, args) => (created++, Reflect.construct(target, args)) });
    try {
      await model.prefill([5, 17, 42], cache);
      await model.step(99, cache); // compiles the decode step's kernels and instantiates each once
      WebAssembly.Instance = Counting;
      for (const token of [3, 250, 7, 11, 12]) await model.step(token, cache);
      expect(created, 'instances built by five warm decode steps').toBe(0);
      // The counting itself works: a kernel never seen before is instantiated, once.
      const fresh = () => np.ones([3, 7919]).mul(2).sum().data();
      await fresh();
      expect(created).toBeGreaterThan(0);
      const afterFirst = created;
      await fresh();
      expect(created).toBe(afterFirst);
    } finally {
      WebAssembly.Instance = Original;
      model.disposeCache(cache);
      model.dispose();
    }
  });
});

describe('JaxModel frees what it holds', () => {
  it('leaves no device buffer behind after generating across a capacity change and dispose()', async () => {
    const live = await countWasmBuffers();
    const { shape, tensors } = await load('qwen3');
    const before = live();
    // jit holds the weights as its programs' constants: disposing the model must release both.
    const model = new JaxModel(shape, tensors);
    const cache = model.newCache();
    await model.prefill([5, 17, 42, 99, 3], cache);
    for (let i = 0; i < 62; i++) await model.step(7, cache);
    expect(cache.capacity).toBe(128);
    expect(live()).toBeGreaterThan(before);
    model.disposeCache(cache);
    model.dispose();
    expect(live()).toBe(before);
  });

  it('frees the weights it uploaded when building fails part-way (as when Wasm memory runs out)', async () => {
    const live = await countWasmBuffers();
    const { shape, tensors } = await load('llama');
    const before = live();
    const partial = new Map(tensors);
    partial.delete(`model.layers.${shape.layers - 1}.mlp.down_proj.weight`); // the last tensor of the last layer
    expect(() => new JaxModel(shape, partial)).toThrow('The model has no tensor');
    expect(live()).toBe(before);
  });
});
