// The terms of lexical search (BM25) and of source compression: MiniSearch's default tokenizer keeps a whole CJK run
// as one "word", so no query ever matches it. Here CJK runs become overlapping character bigrams.
const cjkRun = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u3005]+/gu;
const word = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lower-cased words for alphabetic scripts; character bigrams (a unigram for a lone character) for CJK. */
export function tokenize(text: string): string[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const tokens: string[] = [];
  for (const m of normalized.replace(cjkRun, ' ').matchAll(word)) tokens.push(m[0]);
  for (const m of normalized.matchAll(cjkRun)) {
    const chars = Array.from(m[0]);
    if (chars.length === 1) tokens.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  }
  return tokens;
}
