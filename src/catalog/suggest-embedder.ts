// Which embedder to suggest for the library's documents: when most of them
// are Chinese and the chosen embedder is not listed as covering Chinese, the
// first offered one that is (the built-in multilingual-e5-small, or a pack's).
// Pure; the UI words the reason from the returned counts.
import type { EmbedderChoice, EmbedderEntry } from '../shared/catalog-types';
import type { PromptLanguage } from '../shared/language';

/** Whether an entry says it covers Chinese: its `languages` names Chinese (or 中文), or says it is multilingual. */
export const coversChinese = (entry: EmbedderEntry) => /chinese|中文|multilingual/i.test(entry.languages ?? '');

export interface EmbedderSuggestion {
  /** The embedder to switch to. */
  entry: EmbedderEntry;
  /** Why: so many of the library's documents are Chinese. */
  reason: { kind: 'chinese-documents'; chinese: number; total: number };
}

/**
 * The suggestion for a library whose documents are in `languages` (one per document), or null when
 * the documents are not mostly Chinese, the current embedder covers Chinese, or no offered one does.
 */
export function suggestEmbedder(choices: readonly EmbedderChoice[], languages: readonly PromptLanguage[], currentId: string | null): EmbedderSuggestion | null {
  const chinese = languages.filter((l) => l === 'zh').length;
  if (chinese * 2 <= languages.length) return null;
  const current = choices.find((c) => c.entry.id === currentId);
  if (current && coversChinese(current.entry)) return null;
  const pick = choices.find((c) => coversChinese(c.entry));
  return pick ? { entry: pick.entry, reason: { kind: 'chinese-documents', chinese, total: languages.length } } : null;
}
