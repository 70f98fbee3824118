// English verbs through compromise (a part-of-speech tagger and lemmatiser, docs/decisions.md): which words of a
// sentence are verbs, and a word's root ("rings" → "ring", "built" → "build"), for relation labels that name the verb.
// compromise is about 345 kB and takes about a second to load, so it is imported on first use (`loadTagger`): the main
// bundle and the code that never extracts or scores triples do without it.
import type compromise from 'compromise';

let nlp: typeof compromise | null = null;

/** Loads compromise once; extraction (`extractTriples`) and scoring (`extractionScores`) need it loaded. */
export async function loadTagger(): Promise<void> {
  nlp ??= (await import('compromise')).default;
}

function tagger(): typeof compromise {
  if (!nlp) throw new Error('The English tagger (compromise) is not loaded: await loadTagger() before extracting or scoring triples.');
  return nlp;
}

/** `compute` remembered per key: asking compromise is slow (the cache is dropped past 20,000 keys). */
function remembered<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(key);
    if (cache.size > 20_000) cache.clear();
    cache.set(key, value);
    return value;
  };
}

const rootOf = remembered((lower) => {
  const doc = tagger()(lower);
  doc.compute('root');
  return (doc.json()[0]?.terms?.[0]?.root as string | undefined) ?? lower;
});

/** A word's root as compromise gives it, lower case; the word itself when it has none ("born", "mill"). */
export function wordRoot(word: string): string {
  return rootOf(word.toLowerCase());
}

/** Whether compromise reads a name as a person's ("Bill Gorran", "Brenda"; not "Calloway Wharf"). */
export const isPersonName = remembered((name) => tagger()(name).has('#Person'));

/** Whether compromise reads one word as a state, not a kind: an adjective, a number in words, a gerund or a participle ("old", "first", "sixteen", "including", "retired"). */
export const isStateWord = remembered((word) => {
  const tags = new Set<string>((tagger()(word).json()[0]?.terms?.[0]?.tags as string[] | undefined) ?? []);
  return !tags.has('Noun') && ['Adjective', 'Value', 'Gerund', 'PastTense'].some((t) => tags.has(t));
});

/** Whether compromise reads one word as a number, an ordinal or a degree, and not as a noun: "two", "half", "first", "two-row", "youngest", "better". */
export const isDegreeWord = remembered((word) => {
  const tags = new Set<string>((tagger()(word).json()[0]?.terms?.[0]?.tags as string[] | undefined) ?? []);
  return !tags.has('Noun') && ['Value', 'Superlative', 'Comparative'].some((t) => tags.has(t));
});

/** A person's gender as compromise reads it from the first name ("Ruth Ambrey" → f, "Dennis Pascoe" → m), else null. */
export const nameGender = remembered((name): 'f' | 'm' | null => {
  const doc = tagger()(name);
  return doc.has('#FemaleName') ? 'f' : doc.has('#MaleName') ? 'm' : null;
});

/** A person's name whose first name compromise knows ("Harold Crake"; not "St Wilfrid's Church", which it tags #Person). */
export const isKnownPerson = (name: string) => isPersonName(name) && !!nameGender(name.split(' ')[0]!);

interface Term {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
}

/**
 * The start offsets (absolute) of the words in text[from, to) that the tagger reads as verbs, other than "be",
 * auxiliaries and modals, and of those it reads as adverbs ("almost", "hardly", "whenever"). Offsets come from walking
 * the terms' own text and the whitespace and punctuation around them (4× faster than asking compromise for JSON with
 * offsets); none when that walk loses its place. Also the kind nouns of "the county of Westmarch" (`placeKinds`) and
 * spelled-out numbers (`numbers`).
 */
export function wordClasses(text: string, from: number, to: number): WordClasses {
  const verbs = new Set<number>();
  const adverbs = new Set<number>();
  const placeKinds = new Set<number>();
  const numbers = new Set<number>();
  const dates = new Set<number>();
  let at = from;
  for (const sentence of (tagger()(text.slice(from, to)) as unknown as { docs: Term[][] }).docs) {
    for (const [k, t] of sentence.entries()) {
      const start = at + t.pre.length;
      at = start + t.text.length + t.post.length;
      if (text.slice(start, start + t.text.length) !== t.text) return { verbs: new Set(), adverbs: new Set(), placeKinds: new Set(), numbers: new Set(), dates: new Set() };
      const tags = t.tags;
      if (tags.has('Verb') && !tags.has('Copula') && !tags.has('Auxiliary') && !tags.has('Modal') && !nounAfterDeterminer(sentence, k)) verbs.add(start);
      else if (tags.has('Adverb') && !tags.has('Noun') && !tags.has('Adjective')) adverbs.add(start);
      if (tags.has('Date') && !tags.has('Value')) dates.add(start);
      // compromise reads "the county of Westmarch", "the village of Otterby" as one place: the noun is its kind.
      const of = sentence[k + 1];
      if (tags.has('Place') && !tags.has('ProperNoun') && of?.text.toLowerCase() === 'of' && of.tags.has('Place') && !t.post.trim()) placeKinds.add(start);
      // "thirteen years earlier" after a name: a spelled-out number opens a new phrase (mentions.ts).
      if (tags.has('TextValue') && tags.has('Cardinal') && /^\p{Ll}/u.test(t.text)) numbers.add(start);
    }
  }
  return { verbs, adverbs, placeKinds, numbers, dates };
}

const determiners = /^(a|an|the|his|her|its|their|our|my|your)$/i;

/**
 * A word the tagger reads as a verb that is the head of a noun phrase: right after an article or possessive ("found
 * the works in a maltings"), or ending the noun phrase after a copula ("is a printing works in Kelsworth"), where no
 * finite verb can stand. Not after a preposition: "On the hill stands the chapel" inverts its subject.
 */
function nounAfterDeterminer(sentence: Term[], k: number): boolean {
  if (determiners.test(sentence[k - 1]?.text ?? '') && !sentence[k - 1]!.post.trim()) return true;
  let j = k - 1;
  while (j > 0 && (sentence[j]!.tags.has('Noun') || sentence[j]!.tags.has('Adjective')) && !sentence[j]!.tags.has('ProperNoun') && !sentence[j]!.post.trim()) j--;
  return j < k - 1 && j > 0 && determiners.test(sentence[j]!.text) && !sentence[j]!.post.trim() && sentence[j - 1]!.tags.has('Copula');
}

export interface WordClasses {
  /** Start offsets (absolute) of the words read as verbs. */
  verbs: Set<number>;
  /** … as adverbs. */
  adverbs: Set<number>;
  /** … as the kind of a place named after "of" ("county" in "the county of Westmarch"). */
  placeKinds: Set<number>;
  /** … as spelled-out numbers ("thirteen"). */
  numbers: Set<number>;
  /** … as days and times in words ("Today", "Yesterday"). */
  dates: Set<number>;
}

/** The verbs of wordClasses. */
export function verbStarts(text: string, from: number, to: number): Set<number> {
  return wordClasses(text, from, to).verbs;
}

const participleOf = remembered((lower): string | null => {
  const forms = tagger()(lower).verbs().conjugate()[0] as { Participle?: string; PastTense?: string } | undefined;
  return forms?.Participle ?? forms?.PastTense ?? null;
});

/** A verb's past participle ("build" → "built", "write" → "written"); null when compromise does not read it as a verb. */
export function pastParticiple(verb: string): string | null {
  return participleOf(verb.toLowerCase());
}
