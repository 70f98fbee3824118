// Per-item metrics. Each returns null where it does not apply (F1 of an
// unanswerable item, retrieval metrics without gold documents), and null
// values are left out of means.
import { answerTokens, compactForContainment, normalizeAnswer } from './normalize';
import { abstentionPatterns } from './abstention-patterns';

/** The answer part of an output: after a RAFT-style "<ANSWER>:" if there is one, without [n] citations. */
export function extractAnswer(output: string): string {
  const marker = output.lastIndexOf('<ANSWER>:');
  const text = marker >= 0 ? output.slice(marker + '<ANSWER>:'.length) : output;
  return text.replace(/\[\d+(?:\s*,\s*\d+)*\]/g, ' ').trim();
}

export function exactMatch(prediction: string, golds: string[]): boolean {
  const p = normalizeAnswer(extractAnswer(prediction));
  return golds.some((g) => normalizeAnswer(g) === p);
}

function f1(pred: string[], gold: string[]): number {
  if (!pred.length || !gold.length) return pred.length === gold.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of gold) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of pred) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  if (!common) return 0;
  const precision = common / pred.length;
  const recall = common / gold.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Token F1 (bag of tokens, SQuAD), the best over the answer and its aliases. */
export function tokenF1(prediction: string, golds: string[]): number {
  const p = answerTokens(extractAnswer(prediction));
  return Math.max(0, ...golds.map((g) => f1(p, answerTokens(g))));
}

/** Whether any gold answer occurs in the output, after normalization, on token boundaries. */
export function containsAnswer(output: string, golds: string[]): boolean {
  const o = ` ${compactForContainment(output)} `;
  return golds.some((g) => {
    const n = compactForContainment(g);
    if (!n) return false;
    return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(n) ? o.includes(n) : o.includes(` ${n} `);
  });
}

/** Whether the output declines to answer ("I don't know based on the provided documents", 不知道, …). */
export function isAbstention(output: string): boolean {
  const o = output.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'");
  return abstentionPatterns.some((p) => p.test(o));
}

/**
 * A document's key for matching against a QA item's doc_ids: its file name without
 * folder or extension, lower case ("docs/History.md" → "history").
 */
export function docKey(name: string): string {
  return (name.split(/[\\/]/).pop() ?? name).replace(/\.[^.]+$/, '').toLowerCase();
}

export interface RetrievalScores {
  hit: number;
  recall: number;
  mrr: number;
}

/** hit@k, recall@k (share of gold documents among the retrieved chunks' documents) and MRR (first chunk from a gold document). */
export function retrievalScores(retrievedDocs: string[], goldDocs: string[]): RetrievalScores | null {
  if (!goldDocs.length) return null;
  const gold = new Set(goldDocs.map(docKey));
  const got = retrievedDocs.map(docKey);
  const first = got.findIndex((d) => gold.has(d));
  const found = new Set(got.filter((d) => gold.has(d)));
  return { hit: first >= 0 ? 1 : 0, recall: found.size / gold.size, mrr: first >= 0 ? 1 / (first + 1) : 0 };
}

export interface CitationScores {
  /** Share of cited documents that are gold; null when nothing was cited. */
  precision: number | null;
  /** Share of gold documents that were cited. */
  recall: number;
}

/**
 * Citation precision and recall: the [n] in the output name what `cited[n - 1]` holds, a passage's document or a
 * reasoning path's documents (graph/prompt.ts citedDocuments); those documents are compared with doc_ids.
 */
export function citationScores(output: string, cited: readonly (string | readonly string[])[], goldDocs: string[]): CitationScores | null {
  if (!goldDocs.length) return null;
  const gold = new Set(goldDocs.map(docKey));
  const named = new Set<string>();
  for (const m of output.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    for (const part of m[1]!.split(',')) {
      for (const doc of [cited[Number(part.trim()) - 1] ?? []].flat()) named.add(docKey(doc));
    }
  }
  const right = [...named].filter((d) => gold.has(d)).length;
  return { precision: named.size ? right / named.size : null, recall: [...gold].filter((d) => named.has(d)).length / gold.size };
}
