// The jax-js spike: the array-program forward (what runs on WebGPU in the browser)
// matches the plain-TypeScript reference on both fixture families, here on Wasm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDevice, init } from '@jax-js/jax';
import { beforeAll, describe, expect, it } from 'vitest';
import { JaxModel } from '../../src/llm/lab/jax-model';
import { loadTensors, type TensorCache } from '../../src/llm/mlc/tensor-cache';
import { modelShape } from '../../src/llm/reference/config';
import { ReferenceModel } from '../../src/llm/reference/model';
import { argmax } from '../../src/llm/sampling';
import { fixtureModelsDir } from './helpers';

beforeAll(async () => {
  // Node 20 has no navigator: jax-js must be told to start Wasm explicitly.
  await init('wasm');
  defaultDevice('wasm');
});

for (const family of ['llama', 'qwen2']) {
  describe(`JaxModel on tiny-${family} (Wasm)`, () => {
    it('gives the reference logits at every position', async () => {
      const dir = join(fixtureModelsDir, `tiny-${family}`);
      const config = JSON.parse(readFileSync(join(dir, 'mlc-chat-config.json'), 'utf8'));
      const cache = JSON.parse(readFileSync(join(dir, 'tensor-cache.json'), 'utf8')) as TensorCache;
      const tensors = await loadTensors(cache, async (p) => new Uint8Array(readFileSync(join(dir, p))).buffer);
      const shape = modelShape(config);
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
    });
  });
}
