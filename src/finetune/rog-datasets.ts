// Training data for RoG's two objectives (Luo et al., "Reasoning on Graphs"), from a
// QA set's train split and the knowledge graph of the user's documents:
// - planning: the question → the relation path of the shortest path in our graph from
//   an entity the question names to the answer's entity, as `<PATH>r1<SEP>r2</PATH>`;
// - retrieval-reasoning: RoG's answering prompt with the paths that graph retrieval
//   finds for the question → the answer, citing the path that reaches it as [n].
// Pure: the graph is passed in.
import type { QaItem } from '../eval/types';
import type { KnowledgeGraph } from '../graph/knowledge-graph';
import { linkEntities } from '../graph/link';
import { entityKey } from '../graph/normalize';
import { renderPath, rogPrompt } from '../graph/prompt';
import { graphRetrieve } from '../graph/rog';
import { planningInstruction, renderRelationPath } from '../graph/llm-plan';
import { abstentionFor, type TrainingExample } from './datasets';

/** The answer's entity in the graph: its name or alias, else the first entity its text names. */
function answerEntity(kg: KnowledgeGraph, answer: string): string | undefined {
  return kg.resolve(answer) ?? linkEntities(kg, answer)[0]?.key;
}

export interface RelationPath {
  start: string;
  relations: string[];
  /** Per hop: followed against the edge's direction. */
  reverse: boolean[];
}

/**
 * The shortest path (at most `maxHops`, edges followed either way) from an entity the question names to the answer's
 * entity, by breadth-first search from all of them at once; ties go to the earlier-linked entity, then to the graph's
 * order. Null when the answer has no entity or none is reachable.
 */
export function shortestRelationPath(kg: KnowledgeGraph, question: string, answer: string, maxHops = 3): RelationPath | null {
  const goal = answerEntity(kg, answer);
  if (!goal) return null;
  const starts = linkEntities(kg, question).map((l) => l.key).filter((k) => k !== goal);
  const parent = new Map<string, { from: string; relation: string; reverse: boolean } | null>(starts.map((s) => [s, null]));
  let frontier = starts;
  for (let hop = 0; hop < maxHops && frontier.length; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const relation of kg.relationsAt(node)) {
        const { out, in: incoming } = kg.hops(node, relation);
        for (const [hops, reverse] of [[out, false], [incoming, true]] as const) {
          for (const h of hops) {
            if (parent.has(h.other)) continue;
            parent.set(h.other, { from: node, relation, reverse });
            if (h.other === goal) return trace(parent, goal);
            next.push(h.other);
          }
        }
      }
    }
    frontier = next;
  }
  return null;
}

function trace(parent: Map<string, { from: string; relation: string; reverse: boolean } | null>, goal: string): RelationPath {
  const relations: string[] = [];
  const reverse: boolean[] = [];
  let node = goal;
  for (let p = parent.get(node); p; p = parent.get(node)) {
    relations.unshift(p.relation);
    reverse.unshift(p.reverse);
    node = p.from;
  }
  return { start: node, relations, reverse };
}

export type RogExample = TrainingExample | { itemId: string; reason: string };

/** Planning: the question → the relation path to its answer. Unanswerable questions and unreachable answers are skipped, with why. */
export function rogPlanningExample(item: QaItem, kg: KnowledgeGraph): RogExample {
  if (item.answer === null) return { itemId: item.id, reason: 'unanswerable: there is no path to plan' };
  const path = shortestRelationPath(kg, item.question, item.answer);
  if (!path) return { itemId: item.id, reason: 'no path in the graph leads from the question\'s entities to the answer' };
  return {
    itemId: item.id,
    messages: [{ role: 'user', content: planningInstruction + item.question }, { role: 'assistant', content: renderRelationPath(path.relations) }],
    meta: { abstain: false, withContext: false, target: 'gold' },
  };
}

/**
 * Retrieval-reasoning: RoG's prompt with the retrieved paths → the answer, citing the first path that ends at it.
 * An unanswerable question is answered with the abstention; an answer that no retrieved path reaches is skipped,
 * since training on it would teach answering beyond the paths.
 */
export function rogReasoningExample(item: QaItem, kg: KnowledgeGraph): RogExample {
  const { paths } = graphRetrieve(kg, item.question);
  const prompt = { role: 'user' as const, content: rogPrompt(item.question, paths.map(renderPath)) };
  if (item.answer === null) {
    return { itemId: item.id, messages: [prompt, { role: 'assistant', content: abstentionFor(item.question) }], meta: { abstain: true, withContext: true, target: 'abstention' } };
  }
  const goal = answerEntity(kg, item.answer) ?? entityKey(item.answer);
  const n = paths.findIndex((p) => p.steps.length > 0 && p.steps[p.steps.length - 1]!.to === goal);
  if (n < 0) return { itemId: item.id, reason: 'the retrieved paths do not reach the answer' };
  return { itemId: item.id, messages: [prompt, { role: 'assistant', content: `${item.answer} [${n + 1}]` }], meta: { abstain: false, withContext: true, target: 'gold' } };
}
