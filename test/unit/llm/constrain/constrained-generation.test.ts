// Constrained decoding in the lab engine, on the fixture LLMs (random weights: left alone they write
// random words). Under a grammar every output must belong to it: plans name only the graph's labels,
// extracted triples only names of their chunk.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Automaton } from '../../../../src/llm/constrain/automaton';
import { LabEngine } from '../../../../src/llm/lab/lab-engine';
import { planWithLlm, relationPathGrammar } from '../../../../src/graph/llm-plan';
import { extractChunkWithLlm, extractionUnits, tripleLinesGrammar, wellFormedLabel } from '../../../../src/graph/llm-extract';
import type { ChatChunk, ChatMessage, GenerationOptions } from '../../../../src/shared/llm-types';
import { fixtureModelsDir } from '../../helpers';
import { loadTagger } from '../../../../src/graph/verbs';

// The extractor and the scorer need compromise (graph/verbs.ts), which loads on first use.
await loadTagger();

const engineFor = (family: string) => new LabEngine(async (_id, file) => new Uint8Array(await readFile(join(fixtureModelsDir, `tiny-${family}`, file))).buffer);

async function generate(engine: LabEngine, messages: ChatMessage[], options: Partial<GenerationOptions>): Promise<{ text: string; finish: string }> {
  let text = '';
  let finish = '';
  for await (const c of engine.chat(messages, options) as AsyncIterable<ChatChunk>) {
    if (c.type === 'delta') text += c.text;
    else finish = c.usage.finishReason;
  }
  return { text, finish };
}

const labels = ['located_in', 'owned_by', 'chair_of', 'paid_into', 'holds_role'];
const question = [{ role: 'user' as const, content: 'who owns the reservoir and where is the dairy?' }];

describe('constrained decoding in the lab engine', () => {
  for (const family of ['llama', 'qwen2', 'qwen3']) {
    it(`${family}: sampled plans belong to the grammar and name only the graph's labels`, async () => {
      const engine = engineFor(family);
      await engine.load(`local/tiny-${family}`);
      const grammar = relationPathGrammar(labels, 3, 2);
      const language = new Automaton(grammar);
      const free = await generate(engine, question, { temperature: 1, topP: 1, maxTokens: 40, seed: 1 });
      expect(language.matches(free.text)).toBe(false);
      for (const seed of [1, 2, 3]) {
        const out = await generate(engine, question, { temperature: 1, topP: 1, maxTokens: 120, seed, constraint: { name: 'relation-paths', grammar } });
        // The grammar ends after two paths of at most three hops, well within 120 tokens.
        expect(out.finish).toBe('stop');
        expect(language.matches(out.text), out.text).toBe(true);
      }
      const { plans } = await planWithLlm((m, o, s) => engine.chat(m, o, s), 'who owns the reservoir?', labels);
      expect(plans.length).toBeGreaterThan(0);
      for (const p of plans) {
        expect(p.length).toBeLessThanOrEqual(3);
        for (const r of p) expect(labels).toContain(r);
      }
    }, 60_000);
  }

  it('extraction: triples name only mentions of their chunk, with llm provenance', async () => {
    const engine = engineFor('llama');
    await engine.load('local/tiny-llama');
    const text = 'The reservoir belongs to the cooperative. The dairy at the harbour sells cheese to the market.';
    const units = extractionUnits({ docId: 'd1', text, chunks: [{ start: 0, end: text.length }] });
    expect(units[0]!.mentions).toEqual(expect.arrayContaining(['reservoir', 'cooperative', 'dairy']));
    const language = new Automaton(tripleLinesGrammar(units[0]!.mentions));
    let dropped = 0;
    for (const seed of [1, 2, 3]) {
      const r = await extractChunkWithLlm((m, o, s) => engine.chat(m, { ...o, temperature: 1, seed }, s), units[0]!, text, 'local/tiny-llama');
      // A random model may spend its token budget inside a long relation: the text is then a prefix of the language.
      expect(language.walk(language.start, r.text), r.text).toBeGreaterThanOrEqual(0);
      for (const t of r.triples) {
        expect(units[0]!.mentions).toContain(t.head);
        expect(units[0]!.mentions).toContain(t.tail);
        // Nothing malformed enters the graph (issue #26): a random model's labels are mostly noise, and are dropped.
        expect(wellFormedLabel(t.relation), t.relation).toBe(true);
        expect(t.relation).toMatch(/^[a-z]{2,15}(?:_[a-z]{2,15}){0,2}$/);
        expect(t.prov).toMatchObject({ docId: 'd1', chunk: 0, extractor: 'llm', model: 'local/tiny-llama' });
        expect(text.slice(t.prov.start, t.prov.end)).toContain(t.head);
      }
      dropped += r.dropped;
    }
    expect(dropped).toBeGreaterThan(0);
  }, 60_000);
});
