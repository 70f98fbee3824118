// SQuAD-style answer normalization, extended to Chinese and Japanese: those
// scripts have no spaces between words, so they are compared per character.

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const tokenPattern = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Lower case, no punctuation or symbols, no English articles, single spaces (the SQuAD evaluation script, Unicode-aware). */
export function normalizeAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Tokens of a normalized answer: words, except that each CJK character is a token of its own. */
export function answerTokens(text: string): string[] {
  return normalizeAnswer(text).match(tokenPattern) ?? [];
}

/** Whether the text has Chinese or Japanese characters. */
export function hasCjk(text: string): boolean {
  return cjk.test(text);
}

/** The normalized text with no spaces around CJK characters, for containment checks ("3 月" and "3月" match). */
export function compactForContainment(text: string): string {
  return answerTokens(text).join(' ').replace(/ ?([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]) ?/gu, '$1');
}
