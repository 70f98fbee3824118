// RoG's training data (issue #14 §4): planning targets are the relation path of the
// shortest path from the question's entity to its answer in our graph; reasoning
// examples answer from the retrieved paths and cite the one that reaches the answer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { QaItem } from '../../../src/eval/types';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { parseGoldTriples } from '../../../src/graph/metrics';
import { rogPlanningExample, rogReasoningExample, shortestRelationPath } from '../../../src/finetune/rog-datasets';
import { parseRelationPaths, planningInstruction, renderRelationPath } from '../../../src/graph/llm-plan';
import { abstention } from '../../../src/finetune/datasets';
import { t } from './fixtures';

const kg = KnowledgeGraph.from([
  ['a', [
    t('a', 'rent', 'comes_from', 'cottage'),
    t('a', 'rent', 'paid_into', 'seawall fund'),
    t('a', 'seawall fund', 'created_after', 'storm of 1987'),
    t('a', 'cottage', 'owned_by', 'cooperative'),
  ]],
]);
const item = (question: string, answer: string | null): QaItem => ({ id: 'q1', question, answer, split: 'train' });

describe('relation paths', () => {
  it('renders and parses RoG\'s planning format', () => {
    expect(renderRelationPath(['paid_into', 'created_after'])).toBe('<PATH>paid_into<SEP>created_after</PATH>');
    expect(parseRelationPaths('<PATH>paid_into<SEP>created_after</PATH>\n<PATH>owned_by</PATH> <PATH></PATH>')).toEqual([['paid_into', 'created_after'], ['owned_by']]);
  });

  it('finds the shortest path from the question\'s entity to the answer, in either direction', () => {
    expect(shortestRelationPath(kg, 'The rent goes into a fund created after which event?', 'the storm of 1987')).toEqual({ start: 'rent', relations: ['paid_into', 'created_after'], reverse: [false, false] });
    // From the cottage, the first hop runs against the edge (rent comes_from cottage).
    expect(shortestRelationPath(kg, 'Where does the money from the cottage go?', 'seawall fund')).toEqual({ start: 'cottage', relations: ['comes_from', 'paid_into'], reverse: [true, false] });
    expect(shortestRelationPath(kg, 'Where does the money from the cottage go?', 'seawall fund', 1)).toBeNull();
    expect(shortestRelationPath(kg, 'What about the cottage?', 'a lighthouse')).toBeNull();
  });
});

describe('RoG examples', () => {
  it('planning: the question after RoG\'s instruction → the relation path; unanswerable and unreachable ones are skipped', () => {
    const ex = rogPlanningExample(item('The rent goes into a fund created after which event?', 'storm of 1987'), kg);
    expect('messages' in ex && ex.messages).toEqual([
      { role: 'user', content: `${planningInstruction}The rent goes into a fund created after which event?` },
      { role: 'assistant', content: '<PATH>paid_into<SEP>created_after</PATH>' },
    ]);
    expect(rogPlanningExample(item('Who owns the moon?', null), kg)).toMatchObject({ reason: /unanswerable/ });
    expect(rogPlanningExample(item('What about the cottage?', 'a lighthouse'), kg)).toMatchObject({ reason: /no path/ });
  });

  it('reasoning: the numbered paths → the answer citing the path that reaches it; no path to it, no example', () => {
    const ex = rogReasoningExample(item('The rent goes into a fund created after which event?', 'storm of 1987'), kg);
    if (!('messages' in ex)) throw new Error(ex.reason);
    const prompt = ex.messages[0]!.content;
    expect(prompt).toContain('Reasoning Paths:');
    const cited = Number(/\[(\d+)\]$/.exec(ex.messages[1]!.content)![1]);
    expect(ex.messages[1]!.content).toBe(`storm of 1987 [${cited}]`);
    // The cited line is a path that ends at the answer.
    expect(prompt.split('\n').find((l) => l.startsWith(`[${cited}] `))).toMatch(/→ storm of 1987$/);
    expect(ex.meta).toMatchObject({ withContext: true, abstain: false });
    expect(rogReasoningExample(item('Who owns the moon?', null), kg)).toMatchObject({ messages: [expect.anything(), { role: 'assistant', content: abstention }], meta: { abstain: true } });
    expect(rogReasoningExample(item('What about the cottage?', 'a lighthouse'), kg)).toMatchObject({ reason: /do not reach the answer/ });
  });

  it('on the demo pack\'s gold graph, the planning targets of the multi-hop train questions are their gold relation paths', () => {
    const gold = parseGoldTriples(readFileSync('public/demo/kg.jsonl', 'utf8')).triples;
    const byDoc = new Map<string, ReturnType<typeof t>[]>();
    for (const g of gold) byDoc.set(g.docId, [...(byDoc.get(g.docId) ?? []), t(g.docId, g.head, g.relation, g.tail)]);
    const demo = KnowledgeGraph.from(byDoc);
    const items = readFileSync('public/demo/qa.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as QaItem & { relation_path?: string[] })
      .filter((q) => q.relation_path && q.split === 'train');
    const planned = items.map((q) => rogPlanningExample(q, demo));
    const same = planned.filter((ex, i) => 'messages' in ex && parseRelationPaths(ex.messages[1]!.content)[0]!.join(' ') === items[i]!.relation_path!.join(' '));
    console.log(`RoG planning targets on the demo gold graph: ${same.length} of ${items.length} multi-hop train questions get their gold relation path; ${planned.filter((ex) => 'reason' in ex).length} skipped`);
    expect(same.length / items.length).toBeGreaterThanOrEqual(0.75);
  });
});
