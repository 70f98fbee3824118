// Which parts of a source an answer quotes: runs of 4+ words that appear in
// both, as character ranges of the source, for highlighting.

const wordRe = /[\p{L}\p{N}]+/gu;

export function quotedRanges(source: string, answer: string, minWords = 4): [number, number][] {
  const words = [...source.matchAll(wordRe)].map((m) => ({ w: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length }));
  const answerWords = [...answer.matchAll(wordRe)].map((m) => m[0].toLowerCase());
  const grams = new Set<string>();
  for (let i = 0; i + minWords <= answerWords.length; i++) grams.add(answerWords.slice(i, i + minWords).join(' '));
  const hit = new Uint8Array(words.length);
  for (let i = 0; i + minWords <= words.length; i++) {
    if (grams.has(words.slice(i, i + minWords).map((x) => x.w).join(' '))) hit.fill(1, i, i + minWords);
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    if (!hit[i]) continue;
    let j = i;
    while (j + 1 < words.length && hit[j + 1]) j++;
    ranges.push([words[i]!.start, words[j]!.end]);
    i = j;
  }
  return ranges;
}
