// Which language a question is in, for choosing the prompt variant sent to the
// model. Only English and Simplified Chinese have variants; anything else gets
// the English one. Pure: no Intl.Segmenter, so it runs the same in Node and
// in every browser.

/** The languages that have their own prompt variant. */
export type PromptLanguage = 'en' | 'zh';
export const promptLanguages: readonly PromptLanguage[] = ['en', 'zh'];

const han = /\p{Script=Han}/gu;
const kana = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const latinWord = /\p{Script=Latin}+/gu;

/**
 * Share of Han characters among the text's "units": each Han character counts
 * as one, each run of Latin letters (a word) as one. Digits, spaces and
 * punctuation do not count. 0 for a text with neither.
 */
export function hanShare(text: string): number {
  const h = text.match(han)?.length ?? 0;
  const w = text.match(latinWord)?.length ?? 0;
  return h + w === 0 ? 0 : h / (h + w);
}

/**
 * 'zh' when more than half of the text's units are Han characters ("RAG 是什么？"
 * is Chinese, "What is 海螺?" is not), and the text has no kana (Japanese also
 * writes Han characters; it gets the English variant, as any other language).
 */
export function detectPromptLanguage(text: string): PromptLanguage {
  return !kana.test(text) && hanShare(text) > 0.5 ? 'zh' : 'en';
}

