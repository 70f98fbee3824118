// RoG's planning step with an LLM: the model writes relation paths, `<PATH>r1<SEP>r2</PATH>`, held by a
// grammar to the relation labels the graph really has (constrained decoding; web-llm compiles the grammar
// with xgrammar, the lab engine masks tokens). The planning dataset (finetune/rog-datasets.ts) uses the same
// instruction and format, so a planner fine-tuned on it is asked exactly what it learnt.
import { chars, literal, oneOf, optional, repeat, sequence } from '../shared/grammar';
import type { ChatChunk, ChatMessage, Grammar, GenerationOptions } from '../shared/llm-types';

/** RoG's planning instruction; the question follows it. */
export const planningInstruction = 'Please generate a valid relation path that can be helpful for answering the following question: ';

/** A relation path in RoG's planning format. */
export const renderRelationPath = (relations: string[]): string => `<PATH>${relations.join('<SEP>')}</PATH>`;

/** Every `<PATH>…</PATH>` in a text, as relation lists (empty labels dropped). */
export function parseRelationPaths(text: string): string[][] {
  return [...text.matchAll(/<PATH>(.*?)<\/PATH>/gs)].map((m) => m[1]!.split('<SEP>').map((r) => r.trim()).filter(Boolean)).filter((p) => p.length > 0);
}

/**
 * Up to `maxPaths` relation paths, one per line, each 1..`maxHops` labels from `relations`. A space may stand
 * next to a marker and a line break may be a space: tokenizers differ in where they put spaces (WordPiece puts
 * one before every word), and the parser trims them.
 */
export function relationPathGrammar(relations: readonly string[], maxHops: number, maxPaths: number): Grammar {
  const sp = optional(literal(' '));
  const label = oneOf(relations);
  const path = sequence(literal('<PATH>'), sp, label, repeat(sequence(sp, literal('<SEP>'), sp, label), 0, Math.max(0, maxHops - 1)), sp, literal('</PATH>'));
  const br = repeat(chars(' \n'), 1, 2);
  return sequence(path, repeat(sequence(br, path), 0, Math.max(0, maxPaths - 1)));
}

export interface LlmPlanOptions {
  maxHops: number;
  maxPaths: number;
  /** Enough for maxPaths paths of maxHops labels with every label a few tokens long. */
  maxTokens: number;
}

export const defaultLlmPlanOptions: LlmPlanOptions = { maxHops: 3, maxPaths: 3, maxTokens: 96 };

/** Anything that chats: an LlmEngine, or a bridge to one. */
export type ChatFn = (messages: ChatMessage[], options: Partial<GenerationOptions>, signal?: AbortSignal) => AsyncIterable<ChatChunk>;

/** The planning prompt: RoG's instruction and the question, plus the labels the graph has (a base model needs them). */
export function planningMessages(question: string, relations: readonly string[], maxPaths: number): ChatMessage[] {
  return [
    { role: 'system', content: `Relation labels of the knowledge graph: ${relations.join(', ')}.\nWrite up to ${maxPaths} relation paths, one per line, as <PATH>label<SEP>label</PATH>.` },
    { role: 'user', content: planningInstruction + question },
  ];
}

/** The model's relation paths for a question, greedy and grammar-bound; duplicates removed, unknown labels impossible. */
export async function planWithLlm(chat: ChatFn, question: string, relations: readonly string[], options: LlmPlanOptions = defaultLlmPlanOptions, signal?: AbortSignal): Promise<{ plans: string[][]; text: string }> {
  if (!relations.length) return { plans: [], text: '' };
  const grammar = relationPathGrammar(relations, options.maxHops, options.maxPaths);
  let text = '';
  for await (const c of chat(planningMessages(question, relations, options.maxPaths), { temperature: 0, maxTokens: options.maxTokens, constraint: { name: 'relation-paths', grammar } }, signal)) {
    if (c.type === 'delta') text += c.text;
  }
  const known = new Set(relations);
  const seen = new Set<string>();
  const plans = parseRelationPaths(text).filter((p) => p.every((r) => known.has(r)) && !seen.has(p.join('\u0001')) && seen.add(p.join('\u0001')));
  return { plans, text };
}
