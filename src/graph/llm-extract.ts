// The LLM extractor: for each chunk, the chosen LLM writes triples, one per line, `head | relation | tail`.
// Decoding is held by a grammar: heads and tails are mentions that occur in the chunk (found as the
// deterministic extractor finds them, plus the names its rules produced there), the relation is a short
// snake_case predicate, so a small model cannot invent an entity. The parser still drops any triple whose
// head or tail is not in its chunk (an engine without constrained decoding, or a future grammar change).
import { sentenceRanges } from '../ingest/sentences';
import { chars, literal, oneOf, optional, repeat, sequence } from '../shared/grammar';
import type { ChatMessage, Grammar } from '../shared/llm-types';
import type { ChatFn } from './llm-plan';
import { findMentions, tokenize } from './mentions';
import { hasCjk, relationLabel } from './normalize';
import { labelSynonyms, prepositionRules, verbRules } from './relations';
import type { ExtractInput, Triple } from './types';

/** One chunk to read, with the names the grammar lets the model use. */
export interface ExtractionUnit {
  docId: string;
  chunk: number;
  start: number;
  end: number;
  text: string;
  mentions: string[];
}

export interface LlmExtractOptions {
  /** Lines (triples) per chunk. */
  maxLines: number;
  /** Candidate names per chunk: the grammar's size grows with them. */
  maxMentions: number;
  maxTokens: number;
}

export const defaultLlmExtractOptions: LlmExtractOptions = { maxLines: 8, maxMentions: 48, maxTokens: 192 };

/** The canonical labels, offered to the model as examples (it may write others; they are normalised). */
export const relationVocabulary: string[] = [...new Set([...verbRules.map((r) => r.label), ...Object.values(prepositionRules), ...Object.values(labelSynonyms), 'holds_role', 'price'])]
  .filter((l) => /^[a-z_]+$/.test(l) && l !== 'same_as')
  .sort();

// Words a CJK name does not contain: particles, copulas, pronouns, and the verbs the relation vocabulary maps.
const cjkFunction = /^(?:[的是在和与了他她它们这那一每也都就被把从对为而及或着过]+|位于|属于)$/u;
let cjkSegmenter: Intl.Segmenter | null = null;

/**
 * Name candidates in a CJK sentence: runs of one to three words (Intl.Segmenter, the platform's dictionary
 * segmentation: it cuts 董事会 into 董事 + 会, so runs put such names back together) of two to eight characters,
 * never across a particle, pronoun or copula. Many are not names; the grammar only keeps the model inside the text.
 */
export function cjkNames(sentence: string): string[] {
  cjkSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words = [...cjkSegmenter.segment(sentence)];
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let run = '';
    for (let j = i; j < Math.min(words.length, i + 3); j++) {
      if (!words[j]!.isWordLike || cjkFunction.test(words[j]!.segment)) break;
      run += words[j]!.segment;
      const n = [...run].length;
      if (n >= 2 && n <= 8 && hasCjk(run)) out.push(run);
    }
  }
  return out;
}

/**
 * The chunks of a document with their candidate names: every mention of their sentences, and the heads and
 * tails that the rules extracted from them (the only names in CJK text, which has no word breaks to cut at).
 */
export function extractionUnits(doc: ExtractInput, rules: readonly Triple[] = [], options: LlmExtractOptions = defaultLlmExtractOptions): ExtractionUnit[] {
  const { text } = doc;
  const commonWords = new Set<string>();
  for (const t of tokenize(text, 0, text.length)) if (t.kind === 'word' && t.text === t.lower) commonWords.add(t.lower);
  return doc.chunks.map((c, chunk) => {
    const chunkText = text.slice(c.start, c.end);
    const names = new Set<string>();
    // A role phrase ("董事会的主席", "archivist of Fenwick Abbey") is offered by its parts, not whole.
    for (const t of rules) if (t.prov.chunk === chunk) for (const n of [t.head, t.tail]) if (chunkText.includes(n) && !/的|\bof\b/u.test(n)) names.add(n);
    for (const [s, e] of sentenceRanges(text, c.start, c.end)) {
      // A CJK sentence has no spaces, so the word-run mention finder would offer whole clauses as names.
      if (hasCjk(text.slice(s, e))) for (const w of cjkNames(text.slice(s, e))) names.add(w);
      else for (const m of findMentions(tokenize(text, s, e), text, commonWords)) names.add(m.text);
    }
    const mentions = [...names].filter((n) => n.trim() && !/[|\n]/.test(n)).slice(0, options.maxMentions);
    return { docId: doc.docId, chunk, start: c.start, end: c.end, text: chunkText, mentions };
  });
}

/**
 * Lines `head | relation | tail`, each ended by a line break; head and tail among `mentions`, the relation
 * `[a-z][a-z0-9_]*` (at most 32 characters). Spaces next to the bars are optional: tokenizers differ in where
 * they put them. Any number of lines: the token budget bounds them, and the parser keeps the first `maxLines`.
 * (A bounded repeat would give every line its own automaton states, so the token mask could not reuse what it
 * learnt on the first line; `bench:graph` measures the mask.)
 */
export function tripleLinesGrammar(mentions: readonly string[]): Grammar {
  const sp = optional(literal(' '));
  const name = oneOf(mentions);
  const relation = sequence(chars('a-z'), repeat(chars('a-z0-9_'), 0, 31));
  const line = sequence(name, sp, literal('|'), sp, relation, sp, literal('|'), sp, name, sp, literal('\n'));
  return repeat(line, 0, null);
}

/**
 * The extraction prompt, in the chunk's language (as the RAG prompt follows the question's: docs/decisions.md).
 * The relation stays an English snake_case label in both, so the graph's vocabulary is one.
 */
export function extractionMessages(unit: ExtractionUnit): ChatMessage[] {
  const labels = relationVocabulary.join(', ');
  if (hasCjk(unit.text)) {
    return [
      {
        role: 'system',
        content: [
          '你为知识图谱抽取事实。每行写一条事实，格式为：head | relation | tail',
          `head 和 tail 是文中写出的名称；relation 是一个简短的英文 snake_case 谓词，例如：${labels}。`,
          '只写文中陈述的事实，不要写其他内容。',
        ].join('\n'),
      },
      { role: 'user', content: `文本：\n${unit.text}\n\n文中的名称：${unit.mentions.join('；')}` },
    ];
  }
  return [
    {
      role: 'system',
      content: [
        'You extract facts for a knowledge graph. Write one fact per line as: head | relation | tail',
        `head and tail are names written in the text; relation is a short snake_case predicate, such as: ${labels}.`,
        'Write only facts the text states. Write nothing else.',
      ].join('\n'),
    },
    { role: 'user', content: `Text:\n${unit.text}\n\nNames in the text: ${unit.mentions.join('; ')}` },
  ];
}

const vocabulary = new Set(relationVocabulary);

/**
 * A label the graph may keep from a model: one of the vocabulary's, or one to three lower-case words, each of 2–15
 * letters with a vowel and no letter three times in a row ("born_in", "ring"; not "whenjjjjjjjj" or "xq_zzz").
 */
export function wellFormedLabel(label: string): boolean {
  if (vocabulary.has(label)) return true;
  const words = label.split('_');
  return words.length <= 3 && words.every((w) => /^[a-z]{2,15}$/.test(w) && /[aeiouy]/.test(w) && !/(.)\1\1/.test(w));
}

/** The lines of an extraction, split at the bars; a line without exactly three parts is dropped. */
export function parseTripleLines(text: string): { head: string; relation: string; tail: string }[] {
  return text.split('\n').map((l) => l.split('|').map((p) => p.trim())).filter((p) => p.length === 3 && p.every(Boolean)).map(([head, relation, tail]) => ({ head: head!, relation: relation!, tail: tail! }));
}

/**
 * Triples of one chunk, with provenance: only those whose head and tail occur in the chunk (a head equal to its
 * tail is dropped too); the evidence is the chunk's first sentence that holds both, else the chunk.
 */
export function groundTriples(unit: ExtractionUnit, docText: string, lines: ReturnType<typeof parseTripleLines>, model: string): Triple[] {
  const out: Triple[] = [];
  const seen = new Set<string>();
  const sentences = sentenceRanges(docText, unit.start, unit.end);
  for (const l of lines) {
    if (!unit.text.includes(l.head) || !unit.text.includes(l.tail) || l.head === l.tail) continue;
    const relation = relationLabel(l.relation.replace(/_/g, ' '));
    if (!relation || !wellFormedLabel(relation)) continue;
    const key = `${l.head}\u0000${relation}\u0000${l.tail}`;
    if (seen.has(key)) continue;
    // Both names in one sentence: a fact the model joined across sentences is not one the text states.
    const sentence = sentences.find(([s, e]) => {
      const t = docText.slice(s, e);
      return t.includes(l.head) && t.includes(l.tail);
    });
    if (!sentence) continue;
    seen.add(key);
    const [start, end] = sentence;
    out.push({ head: l.head, relation, tail: l.tail, prov: { docId: unit.docId, chunk: unit.chunk, start, end, extractor: 'llm', model } });
  }
  return out;
}

/**
 * One chunk through the LLM: constrained generation, parse, ground. Returns the triples, the raw text, and how many
 * of its lines did not become triples (a name not in the chunk, a repeat, no usable relation, past `maxLines`).
 */
export async function extractChunkWithLlm(chat: ChatFn, unit: ExtractionUnit, docText: string, model: string, options: LlmExtractOptions = defaultLlmExtractOptions, signal?: AbortSignal): Promise<{ triples: Triple[]; text: string; dropped: number }> {
  if (!unit.mentions.length) return { triples: [], text: '', dropped: 0 };
  const grammar = tripleLinesGrammar(unit.mentions);
  let text = '';
  for await (const c of chat(extractionMessages(unit), { temperature: 0, maxTokens: options.maxTokens, constraint: { name: 'triple-lines', grammar } }, signal)) {
    if (c.type === 'delta') text += c.text;
  }
  const lines = parseTripleLines(text);
  const triples = groundTriples(unit, docText, lines.slice(0, options.maxLines), model);
  return { triples, text, dropped: lines.length - triples.length };
}
