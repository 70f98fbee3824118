// The extractor and RoG's no-LLM pipeline on the labelled sets (npm run eval:graph prints the same figures):
// the frozen held-out set (test/fixtures/graph-heldout/, never tuned on), the development set and the demo pack.
// Floors a little under the values measured when issue #26's extractor landed (docs/graph.md, "Measured"), so that a
// rule that breaks shows here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSet, parseSetDocument, type GraphQuestion, type SetScores } from '../../../src/bench/graph-eval-core';
import { parseGoldTriples } from '../../../src/graph/metrics';

const jsonl = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);

async function fixtureSet(dir: string): Promise<SetScores> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { documents: { id: string; file: string }[] };
  const docs = await Promise.all(manifest.documents.map((d) => parseSetDocument(d.id, d.file, readFileSync(join(dir, d.file)))));
  const questions = jsonl(join(dir, 'questions.jsonl')).map((q) => ({ id: q.id, question: q.question, answers: [...(q.answers as string[]), ...((q.aliases as string[]) ?? [])] }) as GraphQuestion);
  return evaluateSet(docs, parseGoldTriples(readFileSync(join(dir, 'kg.jsonl'), 'utf8')).triples, questions);
}

describe('the graph sets', () => {
  it('held-out (frozen, 16 documents en/zh, 292 gold triples, 49 questions): measured P 56.1%, R 74.0%, Hit 35 of 49, reach 37, on the gold graph 41', async () => {
    const s = await fixtureSet('test/fixtures/graph-heldout');
    expect(s.all.gold).toBe(292);
    expect(s.questions.n).toBe(49);
    expect(s.typed.recall).toBeGreaterThanOrEqual(0.72);
    expect(s.typed.precision).toBeGreaterThanOrEqual(0.55);
    expect(s.questions.hit).toBeGreaterThanOrEqual(33);
    expect(s.questions.reach).toBeGreaterThanOrEqual(35);
    // Linking, planning (up to three hops) and the baseline on the gold triples: 22 of 49 with two hops.
    expect(s.goldGraph.hit).toBeGreaterThanOrEqual(40);
  });

  it('development set (82 documents, 1147 gold triples, 204 questions, 52 of three hops): measured P 52.9%, R 73.2%, Hit 164 of 204, on the gold graph 192', async () => {
    const s = await fixtureSet('test/fixtures/graph-dev');
    expect(s.questions.n).toBe(204);
    expect(s.typed.recall).toBeGreaterThanOrEqual(0.71);
    expect(s.typed.precision).toBeGreaterThanOrEqual(0.51);
    expect(s.questions.hit).toBeGreaterThanOrEqual(158);
    expect(s.goldGraph.hit).toBeGreaterThanOrEqual(186);
  });

  it('probe set (60 pages written to probe the rules, 257 questions written beside them; tuned on): measured Hit 201 of 257', async () => {
    const s = await fixtureSet('test/fixtures/graph-probes');
    expect(s.questions.n).toBe(257);
    expect(s.questions.hit).toBeGreaterThanOrEqual(196);
  });
});
