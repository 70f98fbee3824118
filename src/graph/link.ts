// Entity linking: the question's word n-grams looked up by entity key (exact or
// alias), longest first and without overlaps. CJK has no word breaks, so CJK
// entity keys are looked up as substrings of the question.
import type { KnowledgeGraph } from './knowledge-graph';
import { entityKey, hasCjk } from './normalize';
import { functionWords, verbWords } from './words';

export interface LinkedEntity {
  key: string;
  name: string;
  /** The question's words that matched. */
  mention: string;
  /** `exact`: the key or an alias; `suffix`: the words end a longer name ("seed bank" → "cooperative seed bank"). */
  how: 'exact' | 'suffix';
}

/** Names that end in at least two words, by those last words: "cooperative seed bank" under "seed bank". */
const suffixCache = new WeakMap<KnowledgeGraph, { version: number; index: Map<string, string[]> }>();
function suffixIndex(kg: KnowledgeGraph): Map<string, string[]> {
  const cached = suffixCache.get(kg);
  if (cached?.version === kg.version) return cached.index;
  const index = new Map<string, string[]>();
  kg.graph.forEachNode((key) => {
    const words = key.split(' ');
    for (let n = 2; n < words.length; n++) {
      const suffix = words.slice(-n).join(' ');
      const list = index.get(suffix) ?? [];
      list.push(key);
      index.set(suffix, list);
    }
  });
  suffixCache.set(kg, { version: kg.version, index });
  return index;
}

/** A suffix shared by more names than this names nothing in particular. */
const maxSuffixMatches = 3;

const wordPattern = /[\p{L}\p{N}][\p{L}\p{N}'’\-.]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Entities named in the question; `maxWords` bounds the n-grams tried. */
export function linkEntities(kg: KnowledgeGraph, question: string, maxWords = 6): LinkedEntity[] {
  const text = question.normalize('NFKC');
  const words = [...text.matchAll(wordPattern)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const taken = new Array<boolean>(words.length).fill(false);
  const out: LinkedEntity[] = [];
  const seen = new Set<string>();
  const suffixes = suffixIndex(kg);
  for (let n = Math.min(maxWords, words.length); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      if (taken.slice(i, i + n).some(Boolean)) continue;
      const span = words.slice(i, i + n);
      const lower = span.map((w) => w.text.toLowerCase());
      // A lone function word or verb is never an entity, whatever the graph holds.
      if (n === 1 && (functionWords.has(lower[0]!) || verbWords.has(lower[0]!) || lower[0]!.length < 2)) continue;
      if (functionWords.has(lower[0]!) && n > 1 && !/^\p{Lu}/u.test(span[0]!.text)) continue;
      const surface = text.slice(span[0]!.start, span[n - 1]!.end);
      const key = kg.resolve(surface);
      if (!key) continue;
      for (let k = i; k < i + n; k++) taken[k] = true;
      if (!seen.has(key)) seen.add(key), out.push({ key, name: kg.name(key), mention: surface, how: 'exact' });
    }
    // Then, at the same length, n-grams of two or more words that end a longer name:
    // "seed bank" must win over "seed" alone.
    if (n < 2) continue;
    for (let i = 0; i + n <= words.length; i++) {
      if (taken.slice(i, i + n).some(Boolean) || functionWords.has(words[i]!.text.toLowerCase())) continue;
      const surface = text.slice(words[i]!.start, words[i + n - 1]!.end);
      const keys = suffixes.get(entityKey(surface));
      if (!keys || keys.length > maxSuffixMatches) continue;
      for (let k = i; k < i + n; k++) taken[k] = true;
      for (const key of keys) if (!seen.has(key)) seen.add(key), out.push({ key, name: kg.name(key), mention: surface, how: 'suffix' });
    }
  }
  if (hasCjk(text)) {
    const q = entityKey(text);
    const cjkKeys = kg.graph.nodes().filter(hasCjk).sort((a, b) => b.length - a.length);
    let rest = q;
    for (const key of cjkKeys) {
      if (key.length < 2 || !rest.includes(key) || seen.has(key)) continue;
      rest = rest.split(key).join('\u0000');
      seen.add(key);
      out.push({ key, name: kg.name(key), mention: key, how: 'exact' });
    }
  }
  return out;
}
