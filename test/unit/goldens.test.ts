// Our forward passes against PyTorch: golden logits, a masked LoRA loss and its gradients,
// computed in float64 by scripts/goldens.py from the fixture files (an implementation that
// shares no code with ours). The goldens are committed; torch is not needed here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDevice, init } from '@jax-js/jax';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAdapter, planDeltas, type LoraDelta } from '../../src/llm/lora/peft';
import { JaxModel } from '../../src/llm/lab/jax-model';
import { loadTensors, type TensorCache } from '../../src/llm/mlc/tensor-cache';
import { modelShape } from '../../src/llm/reference/config';
import { ReferenceModel } from '../../src/llm/reference/model';
import { completionLoss, fixtureModelsDir } from './helpers';

interface Golden {
  model: string;
  fixtureSha256: string;
  adapterSha256: string;
  logits: { tokens: number[]; vocab: number; rows: number[][] };
  lora: { adapter: string; scale: number; tokens: number[]; promptLength: number; baseLoss: number; loss: number; grads: Record<string, { A: number[]; B: number[] }> };
}

const sha = (dir: string, names: string[]) => {
  const h = createHash('sha256');
  for (const n of names) h.update(readFileSync(join(dir, n)));
  return h.digest('hex');
};

async function load(name: string) {
  const dir = join(fixtureModelsDir, name);
  const config = JSON.parse(readFileSync(join(dir, 'mlc-chat-config.json'), 'utf8'));
  const cache = JSON.parse(readFileSync(join(dir, 'tensor-cache.json'), 'utf8')) as TensorCache;
  const tensors = await loadTensors(cache, async (p) => new Uint8Array(readFileSync(join(dir, p))).buffer);
  return { dir, cache, shape: modelShape(config), tensors };
}

/** The reference and jax-js (Wasm) forwards over `tokens`, and their largest distance from the golden rows at `positions`. */
async function logitErrors(shape: ReturnType<typeof modelShape>, tensors: Awaited<ReturnType<typeof loadTensors>>, tokens: number[], positions: number[], rows: number[][]) {
  const reference = new ReferenceModel(shape, tensors).forwardAll(tokens);
  const jax = new JaxModel(shape, tensors);
  const device = await jax.forward(tokens);
  jax.dispose();
  let refWorst = 0;
  let jaxWorst = 0;
  positions.forEach((t, i) => rows[i]!.forEach((v, j) => {
    refWorst = Math.max(refWorst, Math.abs(reference[t]![j]! - v));
    jaxWorst = Math.max(jaxWorst, Math.abs(device[t * shape.vocab + j]! - v));
  }));
  return { reference, refWorst, jaxWorst };
}

beforeAll(async () => {
  await init('wasm');
  defaultDevice('wasm');
});

// The q4f16_1 copies are read as stored (codes and scales) and dequantized inside each forward; PyTorch
// dequantizes the same files with its own code.
for (const model of ['tiny-llama', 'tiny-qwen2', 'tiny-qwen3', 'tiny-llama-q4', 'tiny-qwen2-q4', 'tiny-qwen3-q4']) {
  describe(`${model} against PyTorch goldens`, () => {
    const golden = JSON.parse(readFileSync(join('test', 'fixtures', 'goldens', `${model}.json`), 'utf8')) as Golden;

    it('is computed from these exact fixture files (else: npm run goldens)', async () => {
      const { dir, cache } = await load(golden.model);
      expect(sha(dir, ['mlc-chat-config.json', 'tensor-cache.json', ...cache.records.map((r) => r.dataPath)]), 'the fixture changed: run npm run goldens').toBe(golden.fixtureSha256);
      expect(sha(join(fixtureModelsDir, golden.lora.adapter), ['adapter_config.json', 'adapter_model.safetensors']), 'the adapter changed: run npm run goldens').toBe(golden.adapterSha256);
    });

    it('the reference forward and the jax-js forward (Wasm) give the golden logits', async () => {
      const { shape, tensors } = await load(golden.model);
      const { tokens, rows } = golden.logits;
      const { reference, refWorst, jaxWorst } = await logitErrors(shape, tensors, tokens, rows.map((_, t) => t), rows);
      // float32 weights and activations against float64: a few ulps of logits of size ~1–10.
      expect(refWorst).toBeLessThan(1e-4);
      expect(jaxWorst).toBeLessThan(1e-3);
      expect(reference[3]![10]).toBeCloseTo(rows[3]![10]!, 4);
    });

    it('the reference with the adapter as runtime LoRA gives the golden loss, and moving along the golden gradient changes it by |grad|', async () => {
      const { shape, tensors } = await load(golden.model);
      const dir = join(fixtureModelsDir, golden.lora.adapter);
      const parsed = parseAdapter(readFileSync(join(dir, 'adapter_config.json'), 'utf8'), new Uint8Array(readFileSync(join(dir, 'adapter_model.safetensors'))).buffer);
      expect(parsed.scale).toBeCloseTo(golden.lora.scale, 12);
      const deltas = planDeltas(parsed, shape, golden.model);
      expect(deltas.map((d) => d.module).sort()).toEqual(Object.keys(golden.lora.grads).sort());
      const model = new ReferenceModel(shape, tensors);
      const { tokens, promptLength } = golden.lora;
      const lossWith = (ds: LoraDelta[] | null) => {
        model.setAdapter(ds, parsed.scale);
        return completionLoss(model.forwardAll(tokens), tokens, promptLength);
      };
      expect(lossWith(null)).toBeCloseTo(golden.lora.baseLoss, 4);
      expect(lossWith(deltas)).toBeCloseTo(golden.lora.loss, 4);
      // Central difference along the unit gradient direction: d loss = |g| ε. This ties the golden
      // gradients (what training will be checked against) to our own forward. The strong adapters make
      // the loss sharply curved along that line (torch's own difference is 10% off at ε = 1e-3), and
      // float32 logits limit how small ε can go: at 1e-4 both errors stay under 1e-3 of |g|.
      const norm = Math.sqrt(Object.values(golden.lora.grads).reduce((s, g) => s + [...g.A, ...g.B].reduce((a, v) => a + v * v, 0), 0));
      const eps = 1e-4;
      const moved = (sign: number) =>
        deltas.map((d) => {
          const g = golden.lora.grads[d.module]!;
          return { ...d, A: d.A.map((v, i) => v + (sign * eps * g.A[i]!) / norm), B: d.B.map((v, i) => v + (sign * eps * g.B[i]!) / norm) };
        });
      const slope = (lossWith(moved(1)) - lossWith(moved(-1))) / (2 * eps);
      expect(Math.abs(slope - norm) / norm).toBeLessThan(2e-3);
    });
  });
}

describe('the built-in reader against PyTorch goldens', () => {
  const dir = join('public', 'builtin', 'rag-lab-reader');
  const golden = JSON.parse(readFileSync(join('test', 'fixtures', 'goldens', 'rag-lab-reader.json'), 'utf8')) as {
    fixtureSha256: string; logits: { tokens: number[]; vocab: number; positions: number[]; rows: number[][]; argmax: number[] };
  };

  it('the reference forward and the jax-js forward (Wasm) give the golden logits of its shipped weights', async () => {
    const config = JSON.parse(readFileSync(join(dir, 'mlc-chat-config.json'), 'utf8'));
    const cache = JSON.parse(readFileSync(join(dir, 'tensor-cache.json'), 'utf8')) as TensorCache;
    expect(sha(dir, ['mlc-chat-config.json', 'tensor-cache.json', ...cache.records.map((r) => r.dataPath)]), 'the reader changed: run npm run goldens').toBe(golden.fixtureSha256);
    const shape = modelShape(config);
    const tensors = await loadTensors(cache, async (p) => new Uint8Array(readFileSync(join(dir, p))).buffer);
    const { tokens, positions, rows, argmax } = golden.logits;
    const { reference, refWorst, jaxWorst } = await logitErrors(shape, tensors, tokens, positions, rows);
    expect(refWorst).toBeLessThan(1e-3);
    expect(jaxWorst).toBeLessThan(1e-3);
    // The greedy choice at every position is the same.
    expect(reference.map((row) => row.indexOf(Math.max(...row)))).toEqual(argmax);
  });
});
