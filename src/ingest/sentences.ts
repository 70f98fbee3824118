// Sentence boundaries for English and CJK text. A full stop ends a sentence
// only before whitespace (so "3.8" and "e.g.x" stay whole); 。！？ end one at
// once, as Chinese and Japanese put no space after them.

const cjkEnd = new Set(['。', '！', '？', '．']);
const latinEnd = new Set(['.', '!', '?', '…']);
const closers = new Set(['"', '\'', '”', '’', '」', '』', '）', ')', ']', '】', '》']);

/** Titles written with a full stop before a name ("the Rev. Elias Penhale", "Dr. Pask"); graph/mentions.ts reads them too. */
export const titleAbbreviations = 'Mr|Mrs|Ms|Dr|Rev|Revd|Prof|St|Capt|Col|Gen|Lt|Sgt|Fr|Mt';
// A title's or an initial's full stop before a name ends no sentence: "the Rev. Elias Penhale", "Dr. Pask", "J. R. Vane".
const titleStop = new RegExp(`(?:^|[\\s(])(?:${titleAbbreviations}|Messrs|\\p{Lu})$`, 'u');

/** [start, end) ranges of the sentences in text[from, to), trimmed of surrounding whitespace. */
export function sentenceRanges(text: string, from = 0, to = text.length): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  const emit = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push([s, e]);
    start = end;
  };
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    let end = -1;
    if (cjkEnd.has(c)) end = i + 1;
    else if (latinEnd.has(c) && (i + 1 >= to || /\s/.test(text[i + 1]!) || closers.has(text[i + 1]!))) {
      if (c === '.' && / \p{Lu}/u.test(text.slice(i + 1, i + 3)) && titleStop.test(text.slice(Math.max(from, i - 8), i))) continue;
      // (Nor an abbreviation's before a word in lower case: "made by Morris & Co. to designs by …".)
      if (c === '.' && /^ \p{Ll}/u.test(text.slice(i + 1, i + 3)) && /\p{Lu}\p{Ll}?$/u.test(text.slice(Math.max(from, i - 3), i))) continue;
      end = i + 1;
    }
    else if (c === '\n') end = i + 1;
    if (end < 0) continue;
    while (end < to && (closers.has(text[end]!) || latinEnd.has(text[end]!) || cjkEnd.has(text[end]!))) end++;
    emit(end);
    i = end - 1;
  }
  emit(to);
  return out;
}

const cjkChar = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/** Split points for text too long to be one chunk: after whitespace, or between CJK characters. */
export function softBreaks(text: string, from: number, to: number): number[] {
  const points: number[] = [];
  for (let i = from + 1; i < to; i++) {
    if (/\s/.test(text[i - 1]!) && !/\s/.test(text[i]!)) points.push(i);
    else if (cjkChar.test(text[i]!) || cjkChar.test(text[i - 1]!)) points.push(i);
  }
  return points;
}
