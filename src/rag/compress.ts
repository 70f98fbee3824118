// Extractive source compression for small-context models (as RECOMP's extractive compressor, Xu et al. 2023, but
// unsupervised): each retrieved chunk keeps only its sentences that share the most words with the question, in their
// own order. A model whose mlc-chat-config.json sets `source_sentences` (the built-in reader, trained on sources of one
// to three sentences, with a 1,024-token context) gets its sources this way; five 256-token chunks would not fit.
// Citations are unchanged: source n is still chunk n, and the Sources list shows the whole chunk.
import { sentenceRanges } from '../ingest/sentences';
import { tokenize } from '../shared/lexical-terms';

/**
 * The chunks with their text cut to at most `sentences` sentences each: those with the highest overlap with the
 * question, each shared term weighted by its inverse frequency among all the retrieved sentences (so that a word
 * every sentence has counts for little), ties kept in reading order. A sentence that is part of `quote`, or holds it,
 * is always kept (a RAFT example's oracle must keep the sentence its target quotes).
 */
export function compressSources<C extends { text: string }>(chunks: C[], question: string, sentences: number, quote?: string): C[] {
  const asked = new Set(tokenize(question));
  const split = chunks.map((c) => sentenceRanges(c.text).map(([s, e]) => c.text.slice(s, e)));
  const terms = split.map((xs) => xs.map((x) => new Set(tokenize(x))));
  const all = terms.flat();
  const df = new Map<string, number>();
  for (const set of all) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + all.length / (df.get(t) ?? 1));
  return chunks.map((chunk, i) => {
    const xs = split[i]!;
    if (xs.length <= sentences) return chunk;
    const quoted = (x: string) => !!quote && (quote.includes(x) || x.includes(quote));
    const score = terms[i]!.map((set, j) => (quoted(xs[j]!) ? Infinity : [...set].reduce((sum, t) => sum + (asked.has(t) ? idf(t) : 0), 0)));
    const keep = xs.map((_, j) => j).sort((a, b) => (score[b] === score[a] ? a - b : score[b]! - score[a]!)).slice(0, sentences).sort((a, b) => a - b);
    // Chinese sentences end in 。 and are joined as written; others with a space.
    return { ...chunk, text: keep.map((j) => xs[j]!).reduce((text, x) => text + (text && !/[。！？]$/.test(text) ? ' ' : '') + x, '') };
  });
}
