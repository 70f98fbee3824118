// Mentions in one sentence: runs of content words (names, noun phrases,
// numbers with their units). Heuristic, no tagger: a word that is a function
// word or a verb ends the run, so does punctuation and a possessive.
import { titleAbbreviations } from '../ingest/sentences';
import { functionWords, verbWords } from './words';
import { kinNouns } from './relations';

const kinWords = new Set(kinNouns);

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: 'word' | 'num' | 'punct';
}

export interface Mention {
  text: string;
  start: number;
  end: number;
  /** Index of its first and one past its last token. */
  from: number;
  to: number;
  /** Holds a capitalised word or a number: a name rather than a common noun. */
  named: boolean;
  /** The preposition just before it ("of", "at"): such a mention is not a clause's subject. */
  governedBy: string | null;
}

// Words keep inner hyphens and apostrophes, and a plural possessive's apostrophe ("Growers'").
// A title's full stop before a name is part of the title's word ("the Rev. Elias Penhale": clauses.ts reads it off).
const tokenPattern = new RegExp(`(?:${titleAbbreviations})\\.(?=\\s+\\p{Lu})|\\d[\\d,.]*\\d|\\d|[\\p{L}\\p{M}][\\p{L}\\p{M}\\p{N}\\-’']*[\\p{L}\\p{M}\\p{N}](?:(?<=s)['’](?![\\p{L}\\p{N}]))?|[\\p{L}\\p{M}]|[^\\s\\p{L}\\p{M}\\p{N}]`, 'gu');

/** Tokens of text[from, to) with absolute offsets. A possessive "'s" is split off as punctuation. */
export function tokenize(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  for (const m of text.slice(from, to).matchAll(tokenPattern)) {
    let word = m[0];
    const start = from + m.index;
    const poss = /['’]s$/u.exec(word);
    if (poss && word.length > 2) word = word.slice(0, -2);
    // (Markdown's emphasis, "*Meirion*", "**Dafydd**", marks a word, and is none.)
    if (/^[*_]+$/u.test(word)) continue;
    // (… nor is the full stop of "Morris & Co.", "Bros.", "Ltd." inside a sentence.)
    if (word === '.' && /^(?:Co|Bros|Ltd|Inc|Jr|Sr)$/u.test(out[out.length - 1]?.text ?? '') && /^\s+\p{Ll}/u.test(text.slice(start + 1, to))) continue;
    // (… nor an initial's: "J. M. W. Turner" is one name.)
    if (word === '.' && /^\p{Lu}$/u.test(out[out.length - 1]?.text ?? '') && /^\s+\p{Lu}/u.test(text.slice(start + 1, to))) continue;
    const kind = /^\d/.test(word) ? 'num' : /^[\p{L}\p{M}]/u.test(word) ? 'word' : 'punct';
    out.push({ text: word, lower: word.toLowerCase(), start, end: start + word.length, kind });
    // "It's run by …", "she's": after a pronoun "'s" is the verb "is" ("has" before a participle reads the same here).
    if (poss && word !== m[0] && /^(?:it|he|she|that|there|who|what)$/iu.test(word)) out.push({ text: m[0].slice(word.length), lower: 'is', start: start + word.length, end: start + m[0].length, kind: 'word' });
    else if (poss && word !== m[0]) out.push({ text: "'s", lower: "'s", start: start + word.length, end: start + m[0].length, kind: 'punct' });
  }
  return out;
}

const isCap = (t: Token) => t.kind === 'word' && /^\p{Lu}/u.test(t.text);

/** A word that cannot be inside a mention. `verbs`, `adverbs`: start offsets of the words a tagger read as such. */
function isBreak(t: Token, i: number, tokens: Token[], verbs?: ReadonlySet<number>, adverbs?: ReadonlySet<number>): boolean {
  if (t.kind === 'punct') return true;
  if (t.kind === 'num') return false;
  // A contraction ("isn't", "don't", "we've") is a verb.
  if (/['’](?:t|ve|re|ll|d|m)$/u.test(t.lower)) return true;
  // An adverb is never an entity ("the wheel turned almost …", "rattle whenever …"); a capitalised word may be a name,
  // and a word after a determiner modifies a noun ("a soft blue cheese"), whatever the tagger says.
  const afterDeterminer = /^(?:the|a|an|all|its|their|his|her|our|every|each|this|that|these|those|no|any|some)$/.test(tokens[i - 1]?.lower ?? '');
  if (adverbs?.has(t.start) && !isCap(t) && !afterDeterminer) return true;
  // … nor these, whatever the tagger says ("Ann later married Tom": "later" is no part of her name).
  if (!isCap(t) && !afterDeterminer && /^(?:later|then|now|also|still|never|always|often|usually|again|once|soon|eventually|finally|already|afterwards|together)$/.test(t.lower)) return true;
  // The tagger's verbs ("rings", "born", "chairs"), except a capitalised word inside the sentence: a name.
  // After a determiner the word is a noun whatever the tagger says ("All rent from the cottage goes …").
  // So is a word after an agent's "by" ("run by volunteers from …"), unless it is a gerund ("by using …").
  const agentNoun = tokens[i - 1]?.lower === 'by' && !/ing$/u.test(t.lower);
  if (verbs?.has(t.start) && !(isCap(t) && i > 0) && !afterDeterminer && !agentNoun) return true;
  // Fixed phrases that connect two mentions: "in memory of", "on behalf of".
  if (/^(memory|honour|honor|behalf|front|charge|spite|place|case)$/.test(t.lower) && /^(in|on)$/.test(tokens[i - 1]?.lower ?? '') && tokens[i + 1]?.lower === 'of') return true;
  if (functionWords.has(t.lower) || verbWords.has(t.lower)) {
    // "May" the month, "Will" the name: capitalised mid-sentence words are names.
    return !(isCap(t) && i > 0 && !functionWords.has(t.lower));
  }
  if (isCap(t)) return false;
  // Past participles ("decorated", "elected") end a noun phrase; hyphenated words ("black-seeded") do not.
  // (Not one between an indefinite article and its noun after "is" or an apposition's comma: "is a restored watermill",
  // ", a retired lorry driver"; "runs a shared compost yard" keeps its participle apart.)
  const modifies = /^an?$/.test(tokens[i - 1]?.lower ?? '') && /^(?:is|was|are|were|,)$/.test(tokens[i - 2]?.lower ?? '') && tokens[i + 1]?.kind === 'word' && !functionWords.has(tokens[i + 1]!.lower) && !verbWords.has(tokens[i + 1]!.lower);
  // (Nor one before a kin noun: "the beloved husband of", "her devoted son".)
  const beforeKin = kinWords.has(tokens[i + 1]?.lower ?? '');
  if (/[a-z]ed$/.test(t.lower) && !t.lower.includes('-') && t.lower.length > 4 && !modifies && !beforeKin) return true;
  // "The mill still grinds the": a bare -s word after an adverb or before an article is a verb.
  const next = tokens[i + 1];
  // So is one after a comma that closes an apposition ("The harbourmaster, Teodric Vane, rings the bell").
  // Or before a number: "The company employs 85 people" (the tagger reads "employs" as a plural noun).
  if (/[^su]s$/.test(t.lower) && next && (next.lower === 'the' || next.lower === 'a' || next.lower === 'an' || next.kind === 'num') && i > 0 && (tokens[i - 1]!.kind === 'word' || tokens[i - 1]!.text === ',')) return true;
  return false;
}

const months = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** An occupation's noun (an agent's ending): "shipowner", "engineer", "potter", "organist", "architect", "merchant". */
export const kindNoun = (w: string) => /(?:er|or|ist|man|woman|smith|wright|keeper|ian|tect|ant|eon|ard|ier|yer|ee)$/u.test(w);
/** Titles that name a couple once: "Mr and Mrs Robert Ashby". */
const coupleTitle = /^(?:Mr|Mrs|Dr|Ms|Miss|Rev|Revd|Sir|Lady|Lord|Prof)$/u;

/**
 * Mentions in tokens. A sentence-initial capital is a name only if the document
 * never writes that word in lower case (`commonWords`: the lower-case words seen). `placeKinds`: the start offsets of
 * kind nouns the tagger read as naming a place with "of" ("county" in "the county of Westmarch").
 */
export function findMentions(tokens: Token[], text: string, commonWords: ReadonlySet<string>, verbs?: ReadonlySet<number>, adverbs?: ReadonlySet<number>, placeKinds?: ReadonlySet<number>, numbers?: ReadonlySet<number>): Mention[] {
  const out: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    // "son of Mr and Mrs Robert Ashby", "Dr and Mrs James Kellet": the couple is named once, after the second title.
    const lead = i;
    if (coupleTitle.test(tokens[i]!.text) && tokens[i + 1]?.lower === 'and' && coupleTitle.test(tokens[i + 2]?.text ?? '') && tokens[i + 3] && isCap(tokens[i + 3]!)) i += 2;
    const t = tokens[i]!;
    const sentenceInitialCommon = i === 0 && isCap(t) && (functionWords.has(t.lower) || verbWords.has(t.lower));
    if (sentenceInitialCommon || isBreak(t, i, tokens, verbs, adverbs)) {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && !isBreak(tokens[j]!, j, tokens, verbs, adverbs) && j - i < 6) {
      // An unknown lower-case word between two names is a verb: "Maren Ostgaard met Idris Fenwick".
      const w = tokens[j]!;
      // (Not a name's particle: "Robert de Vere", "Jan van Dijk".)
      // (… unless the tagger reads it as a noun: "the Saltmouth shipowner Edward Hale" is one phrase.)
      if (j > i && w.kind === 'word' && !isCap(w) && isCap(tokens[j - 1]!) && tokens[j + 1] && isCap(tokens[j + 1]!) && !/^(?:de|van|von|der|den|du|da|di|del|della|le|la|ten|ter)$/.test(w.text)
        && !(verbs && !verbs.has(w.start) && kindNoun(w.lower))) break;
      // "founded Kelsworth Infirmary thirteen years earlier": a spelled-out number after a name starts another phrase.
      if (j > i && numbers?.has(w.start) && isCap(tokens[j - 1]!)) break;
      // A number ends a run of words unless the run is a name ("Fendt 208"); words after a number are its unit.
      j++;
      if (tokens[j - 1]!.kind === 'num' && j - 1 > i && !isCap(tokens[j - 2]!)) break;
    }
    // A date is one mention: "10 May", "14 February 2025" ("May" is a modal elsewhere).
    if (j === i + 1 && t.kind === 'num' && /^(?:[1-9]|[12]\d|3[01])$/.test(t.text) && months.test(tokens[j]?.text ?? '')) {
      j++;
      if (tokens[j]?.kind === 'num' && /^\d{4}$/.test(tokens[j]!.text)) j++;
    }
    // "the county of Westmarch": the kind and its name are one mention (clauses.ts splitKind reads the kind off).
    if (j === i + 1 && placeKinds?.has(t.start) && tokens[j]?.lower === 'of' && tokens[j + 1] && isCap(tokens[j + 1]!) && !functionWords.has(tokens[j + 1]!.lower)) {
      j += 2;
      while (j < tokens.length && isCap(tokens[j]!) && !functionWords.has(tokens[j]!.lower) && j - i < 6) j++;
    }
    // "of" joins two capitalised runs into one name ("Bank of Skerrow").
    else if (tokens[j]?.lower === 'of' && isCap(tokens[j - 1]!) && tokens[j + 1] && isCap(tokens[j + 1]!) && !functionWords.has(tokens[j + 1]!.lower)) {
      j += 2;
      while (j < tokens.length && isCap(tokens[j]!) && !functionWords.has(tokens[j]!.lower)) j++;
    }
    // "Lark's Brewery", "St Guthlac's Church": a name's possessive before another capitalised word is part of one name;
    // so is "&" between capitalised words ("Joseph Bell & Sons", "Cobb & Ransome").
    while ((tokens[j]?.text === "'s" || tokens[j]?.text === '&') && isCap(tokens[j - 1]!) && tokens[j + 1] && isCap(tokens[j + 1]!) && !functionWords.has(tokens[j + 1]!.lower)) {
      j += 2;
      while (j < tokens.length && isCap(tokens[j]!) && !functionWords.has(tokens[j]!.lower) && !isBreak(tokens[j]!, j, tokens, verbs, adverbs)) j++;
    }
    const run = tokens.slice(i, j);
    const named = run.some((w, k) => w.kind === 'num' || (isCap(w) && !(k === 0 && i === 0 && commonWords.has(w.lower))));
    let p = lead - 1;
    while (p >= 0 && /^(the|a|an|its|their|his|her|our|every|each|all|any)$/.test(tokens[p]!.lower)) p--;
    const gov = p >= 0 && tokens[p]!.kind === 'word' && functionWords.has(tokens[p]!.lower) && /^(of|in|on|at|to|from|by|for|with|into|behind|beside|above|below|near|through|after|before|during|since|until|towards|outside|inside|per|than|as|over|under|across|along|around|beyond|opposite|beneath|among|between|throughout|via)$/.test(tokens[p]!.lower) ? tokens[p]!.lower : null;
    const start = run[0]!.start;
    const end = run[run.length - 1]!.end;
    out.push({ text: text.slice(start, end), start, end, from: lead, to: j, named, governedBy: gov });
    i = j;
  }
  return out;
}
