// Engine contract tests for the lab engine on the CPU in Node, on both fixture families.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatChunk, LlmEngine, Usage } from '../../src/llm/engine';
import { LabEngine } from '../../src/llm/lab/lab-engine';
import { seededRandom } from '../../src/shared/random.mjs';
import { argmax, sampleToken } from '../../src/llm/sampling';
import { fixtureModelsDir } from './helpers';

const reader = async (id: string, file: string) => new Uint8Array(await readFile(join(fixtureModelsDir, id, file))).buffer;
const question = [{ role: 'system' as const, content: 'Answer from the sources.' }, { role: 'user' as const, content: 'When is the kelp harvest?' }];

async function collect(stream: AsyncIterable<ChatChunk>) {
  let text = '';
  let deltas = 0;
  let usage;
  for await (const c of stream) {
    if (c.type === 'delta') (text += c.text), deltas++;
    else usage = c.usage;
  }
  return { text, deltas, usage: usage! };
}

describe('sampling', () => {
  it('is greedy at temperature 0 and reproducible with a seed otherwise', () => {
    const logits = Float32Array.from([0.1, 2, 1.9, -1]);
    expect(argmax(logits)).toBe(1);
    expect(sampleToken(logits, 0, 1, seededRandom(1))).toBe(1);
    const draw = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 40 }, () => sampleToken(logits, 1, 1, r));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(new Set(draw(7)).size).toBeGreaterThan(1); // it does sample, not always the top token
  });

  it('keeps to the top-p nucleus', () => {
    const logits = Float32Array.from([5, 4.9, -10, -10]);
    const r = seededRandom(3);
    for (let i = 0; i < 200; i++) expect([0, 1]).toContain(sampleToken(logits, 1, 0.9, r));
    // A tiny top-p keeps only the most likely token.
    for (let i = 0; i < 50; i++) expect(sampleToken(logits, 1, 0.01, r)).toBe(0);
  });
});

for (const family of ['llama', 'qwen2', 'qwen3']) {
  describe(`LabEngine on tiny-${family} (CPU)`, () => {
    const id = `tiny-${family}`;

    it('loads with progress and streams an answer that ends with usage', async () => {
      const engine: LlmEngine = new LabEngine(reader);
      const progress: number[] = [];
      await engine.load(id, (p) => p.fraction !== null && progress.push(p.fraction));
      expect(progress.at(-1)).toBe(1);
      const { text, deltas, usage } = await collect(engine.chat(question, { maxTokens: 16 }));
      expect(deltas).toBeGreaterThan(0);
      expect(text.length).toBeGreaterThan(0);
      expect(usage).toMatchObject({ completionTokens: expect.any(Number), finishReason: expect.stringMatching(/stop|length/) });
      expect(usage.promptTokens).toBeGreaterThan(10);
      expect(usage.decodeTokensPerS).toBeGreaterThan(0);
      expect(engine.capabilities()).toEqual({ engine: 'lab', device: 'cpu', trainable: true });
    });

    it('is deterministic: the same seed gives the same text, another seed may not', async () => {
      const engine = new LabEngine(reader);
      await engine.load(id);
      const a = await collect(engine.chat(question, { maxTokens: 12, temperature: 0.8, seed: 1 }));
      const b = await collect(engine.chat(question, { maxTokens: 12, temperature: 0.8, seed: 1 }));
      expect(a.text).toBe(b.text);
      const greedy1 = await collect(engine.chat(question, { maxTokens: 12 }));
      const greedy2 = await collect(engine.chat(question, { maxTokens: 12, seed: 99 }));
      expect(greedy1.text).toBe(greedy2.text); // greedy ignores the seed
    });

    it('formats the prompt with the model\'s own conv_template and system prefix', async () => {
      const engine = new LabEngine(reader);
      await engine.load(id);
      const ids = engine.encodePrompt(question);
      const config = JSON.parse(new TextDecoder().decode(await reader(id, 'mlc-chat-config.json')));
      expect(ids.slice(0, config.conv_template.system_prefix_token_ids.length)).toEqual(config.conv_template.system_prefix_token_ids);
      expect(ids.length).toBeGreaterThan(15);
    });

    it('gives the same greedy answer on the jax-js path (Wasm here, WebGPU in the browser) as on the CPU reference', async () => {
      const engine = new LabEngine(reader);
      await engine.load(id);
      const cpu = await collect(engine.chat(question, { maxTokens: 10 }));
      expect(await engine.setDevice('wasm')).toBe('wasm');
      const wasm = await collect(engine.chat(question, { maxTokens: 10 }));
      expect(wasm.text).toBe(cpu.text);
      expect(wasm.usage.completionTokens).toBe(cpu.usage.completionTokens);
      await engine.setDevice('cpu');
    });

    it('stops when interrupted, and refuses to chat before a model is loaded', async () => {
      const engine = new LabEngine(reader);
      await expect(collect(engine.chat(question))).rejects.toThrow(/No model is loaded/);
      await engine.load(id);
      const stream = engine.chat(question, { maxTokens: 200 });
      let n = 0;
      let finish = '';
      for await (const c of stream) {
        if (c.type === 'delta' && ++n === 2) engine.interrupt();
        if (c.type === 'done') finish = c.usage.finishReason;
      }
      expect(finish).toBe('interrupted');
    });

    it('between tokens it lets other tasks run: an abort sent from a timer stops a long generation', async () => {
      const engine = new LabEngine(reader);
      await engine.load(id);
      const controller = new AbortController();
      // A task, not a call from inside the loop: it runs only if the engine yields to the event loop.
      setTimeout(() => controller.abort(), 20);
      let usage: Usage | null = null;
      for await (const c of engine.chat(question, { maxTokens: 1500 }, controller.signal)) if (c.type === 'done') usage = c.usage;
      expect(usage!.finishReason).toBe('interrupted');
      expect(usage!.completionTokens).toBeLessThan(1500);
    });
  });
}
