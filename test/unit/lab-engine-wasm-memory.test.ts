// A model too large for WebAssembly's memory (at most 4 GiB) must still run without WebGPU: the
// lab engine falls back to its CPU reference, which already holds the weights, and says so through
// its device. Here the jax-js model's construction fails as Wasm's memory.grow does when full.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ChatChunk } from '../../src/llm/engine';
import { LabEngine } from '../../src/llm/lab/lab-engine';
import { fixtureModelsDir } from './helpers';

const failure = vi.hoisted(() => ({ error: new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded') as Error, built: 0 }));
vi.mock('../../src/llm/lab/jax-model', () => ({
  JaxModel: class {
    constructor() {
      failure.built++;
      throw failure.error;
    }
  },
}));

const reader = async (id: string, file: string) => new Uint8Array(await readFile(join(fixtureModelsDir, id, file))).buffer;
const question = [{ role: 'user' as const, content: 'When is the kelp harvest?' }];

async function answer(engine: LabEngine) {
  let text = '';
  for await (const c of engine.chat(question, { maxTokens: 12 }) as AsyncIterable<ChatChunk>) if (c.type === 'delta') text += c.text;
  return text;
}

describe('LabEngine on Wasm with a model that does not fit its memory', () => {
  it('loads it on the CPU reference instead, reports the CPU, and answers as the reference does', async () => {
    const reference = new LabEngine(reader);
    await reference.load('tiny-llama');
    const expected = await answer(reference);

    const engine = new LabEngine(reader);
    await engine.setDevice('wasm');
    await engine.load('tiny-llama');
    expect(failure.built).toBe(1);
    expect(engine.device).toBe('cpu');
    expect(engine.capabilities().device).toBe('cpu');
    expect(await answer(engine)).toBe(expected);
    expect(failure.built, 'no second attempt while the reference runs it').toBe(1);
  });

  it('lets any other failure through: only running out of Wasm memory is a reason to fall back', async () => {
    failure.error = new Error('kernel compilation failed');
    const engine = new LabEngine(reader);
    await engine.setDevice('wasm');
    await expect(engine.load('tiny-qwen2')).rejects.toThrow('kernel compilation failed');
  });
});
