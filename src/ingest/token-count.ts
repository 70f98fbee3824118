// Token counting is the cost of chunking (one tokenizer call per sentence).
// Tokenizers split on whitespace first, so a text's count is the sum of its
// whitespace-separated pieces' counts: memoizing per piece makes repeated
// words free. Exact for WordPiece (BERT, MiniLM); for SentencePiece and
// byte-level BPE a piece keeps its leading space, which keeps it exact in
// practice. chunkDocument re-checks chunks near the model's hard limit with
// the real tokenizer, so the limit holds either way.
import type { TokenCounter } from './chunk';

export function memoizedCounter(count: TokenCounter, maxEntries = 200_000): TokenCounter {
  const cache = new Map<string, number>();
  return (text) => {
    let total = 0;
    for (const m of text.matchAll(/\s*\S+/g)) {
      const piece = m[0];
      const key = piece[0] === ' ' || piece[0] === '\n' || piece[0] === '\t' ? ` ${piece.trimStart()}` : piece;
      let c = cache.get(key);
      if (c === undefined) {
        c = count(key);
        if (cache.size < maxEntries) cache.set(key, c);
      }
      total += c;
    }
    return total;
  };
}
