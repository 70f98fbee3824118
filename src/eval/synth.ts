// QA synthesis from documents (Balaguer et al. 2024): a model writes a
// question, answer and supporting quote for a chunk; the pairs are filtered
// (quote in chunk, answer supported by the quote, no near-duplicate questions)
// before a person reviews them.
import type { ChatMessage } from '../shared/llm-types';
import { answerTokens } from './normalize';

export const synthSystemPrompt = `You write exam questions about a passage.
Reply with one JSON object and nothing else:
{"question": "...", "answer": "...", "quote": "..."}
The question must be answerable from the passage alone. The answer is short (a name, number, date or phrase).
The quote is one sentence copied exactly from the passage that contains the answer.`;

export function synthMessages(passage: string): ChatMessage[] {
  return [
    { role: 'system', content: synthSystemPrompt },
    { role: 'user', content: `Passage:\n${passage}` },
  ];
}

export interface QaCandidate {
  question: string;
  answer: string;
  quote: string;
}

/** The first {"question","answer","quote"} object in a model's reply, or null. */
export function parseCandidate(output: string): QaCandidate | null {
  for (const m of output.matchAll(/\{[^{}]*\}/g)) {
    try {
      const v = JSON.parse(m[0]) as Partial<Record<keyof QaCandidate, unknown>>;
      if (typeof v.question === 'string' && typeof v.answer === 'string' && typeof v.quote === 'string' && v.question.trim() && v.answer.trim()) {
        return { question: v.question.trim(), answer: v.answer.trim(), quote: v.quote.trim() };
      }
    } catch {
      // Not JSON: try the next braces.
    }
  }
  return null;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The quote occurs in the chunk, up to whitespace and case. */
export function quoteInChunk(quote: string, chunk: string): boolean {
  return !!quote.trim() && squash(chunk).includes(squash(quote));
}

/** The lexical support check: at least `threshold` of the answer's tokens occur in the quote. */
export function answerSupported(answer: string, quote: string, threshold = 0.75): boolean {
  const a = answerTokens(answer);
  if (!a.length) return false;
  const q = new Set(answerTokens(quote));
  return a.filter((t) => q.has(t)).length / a.length >= threshold;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return common / (a.size + b.size - common || 1);
}

export type Rejection = 'unparsed' | 'quote-not-in-chunk' | 'answer-not-in-quote' | 'near-duplicate';

export interface Generated {
  chunkRef: { docName: string; ord: number };
  output: string;
  candidate: QaCandidate | null;
}

export interface FilterResult {
  kept: (QaCandidate & { docName: string })[];
  rejected: { chunkRef: Generated['chunkRef']; reason: Rejection; output: string }[];
}

/** Applies the three filters in order; a question whose tokens overlap an earlier kept one by Jaccard ≥ `dupThreshold` is a near-duplicate. */
export function filterCandidates(generated: (Generated & { chunkText: string })[], dupThreshold = 0.8): FilterResult {
  const out: FilterResult = { kept: [], rejected: [] };
  const seen: Set<string>[] = [];
  for (const g of generated) {
    const reject = (reason: Rejection) => out.rejected.push({ chunkRef: g.chunkRef, reason, output: g.output });
    const c = g.candidate;
    if (!c) reject('unparsed');
    else if (!quoteInChunk(c.quote, g.chunkText)) reject('quote-not-in-chunk');
    else if (!answerSupported(c.answer, c.quote)) reject('answer-not-in-quote');
    else {
      const tokens = new Set(answerTokens(c.question));
      if (seen.some((s) => jaccard(s, tokens) >= dupThreshold)) reject('near-duplicate');
      else {
        seen.push(tokens);
        out.kept.push({ ...c, docName: g.chunkRef.docName });
      }
    }
  }
  return out;
}

/** Picks `count` chunk indices out of `total`, seeded, without repeats, in ascending order. */
export function sampleIndices(total: number, count: number, random: () => number): number[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(count, total)) picked.add(Math.floor(random() * total));
  return [...picked].sort((a, b) => a - b);
}

export interface SynthOptions {
  model: string;
  /** Passages sampled from the library: 1–200. */
  count: number;
  seed: number;
  /** Tokens the writer may use for one pair: 16–512. */
  maxTokens: number;
}

export const defaultSynthOptions: Omit<SynthOptions, 'model'> = { count: 8, seed: 1, maxTokens: 96 };

/** Brings the options into the ranges the form states; NaN falls back to the default. */
export function normalizeSynthOptions<T extends Omit<SynthOptions, 'model'>>(o: T): T {
  const d = defaultSynthOptions;
  const clamp = (x: number, lo: number, hi: number, fallback: number) => (Number.isFinite(x) ? Math.round(Math.min(hi, Math.max(lo, x))) : fallback);
  return { ...o, count: clamp(o.count, 1, 200, d.count), maxTokens: clamp(o.maxTokens, 16, 512, d.maxTokens), seed: clamp(o.seed, 0, 2 ** 32 - 1, d.seed) };
}
