// Keys for merging entities and labels for relations. Both must give the same
// answer for the same name however it was written: NFKC folds full-width forms
// (ＡＢＣ, １２３) and compatibility characters, so CJK text merges too.
import { kinNouns, labelSynonyms } from './relations';

const leadingArticle = /^(?:the|a|an)\s+/u;
const possessive = /['’]s\b/gu;
const punctuation = /[\p{P}\p{S}]+/gu;
const notPlural = new Set(['this', 'was', 'has', 'does', 'yes', 'thus', 'plus', 'gas', 'chaos', 'always', 'perhaps', 'whereas', 'atlas', 'canvas', 'lens', 'news', 'physics']);
const cjk = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;

/** Parenthesised parts of a name: "Tractor (Fendt 208)" → ["Fendt 208"]. */
export function parenthetical(name: string): { base: string; aliases: string[] } {
  const aliases = [...name.matchAll(/[(（]([^()（）]+)[)）]/gu)].map((m) => m[1]!.trim()).filter(Boolean);
  const base = name.replace(/\s*[(（][^()（）]*[)）]\s*/gu, ' ').trim();
  return { base: base || name, aliases };
}

/** The key two names must share to be one entity: NFKC, lower case, no punctuation, no leading article. */
export function entityKey(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().replace(possessive, '').replace(punctuation, ' ').replace(/\s+/gu, ' ').trim();
  while (leadingArticle.test(s)) s = s.replace(leadingArticle, '');
  // English plurals fold onto the singular ("windrows", "Tolsey fields"): a question rarely uses the text's number.
  s = s.replace(/\b([a-z]{3,}?)(?<![su])s\b/g, (word, stem: string) => (notPlural.has(word) ? word : stem));
  // CJK has no spaces between words; a space that survived from punctuation would split one name two ways.
  if (cjk.test(s)) s = s.replace(/\s+/gu, '');
  return s;
}

/** A relation label: snake_case of the words (at most four), mapped onto the vocabulary's canonical labels. */
export function relationLabel(raw: string): string {
  const words = raw.normalize('NFKC').toLowerCase().replace(possessive, '').match(/[\p{L}\p{N}]+/gu) ?? [];
  const label = words.filter((w, i) => !(i === 0 && /^(the|a|an|is|are|was|were)$/.test(w))).slice(0, 4).join('_');
  const kin = kinOrder.exec(label)?.[1];
  return labelSynonyms[label] ?? (kin ? labelSynonyms[kin] ?? kin : label);
}

/**
 * A kin label with its order, age or a notice's fond word: "eldest_daughter_of", "only_son_of", "younger_brother_of",
 * "beloved_husband_of" are daughter_of, son_of, brother_of, married_to.
 */
const kinOrder = new RegExp(`^(?:elder|eldest|younger|youngest|oldest|only|first|second|third|fourth|fifth|late|beloved|dear|dearest|devoted|loving|adored|much_loved)_((?:${kinNouns.join('|')})_of)$`, 'u');

/**
 * The label of "holds the role R of an owner" one hop away: 董事长 of X is chair_of X (the vocabulary's own label for the
 * role), 会长 of X is 会长_of X.
 */
export const roleOfLabel = (role: string): string => (relationLabel(role) === 'chair_of' ? 'chair_of' : relationLabel(`${role} of`));

/** Whether a name holds CJK characters (CJK names are matched as substrings: no word breaks). */
export function hasCjk(text: string): boolean {
  return cjk.test(text);
}
