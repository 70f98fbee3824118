// Triples from one sentence: the phrase between two neighbouring mentions names
// their relation ("belongs to" → owned_by), a lone preposition attaches a place
// or a part, a comma makes an apposition or continues a list, "X is the Y of Z"
// names a role, and named mentions left unconnected co-occur.
import { relationLabel } from './normalize';
import { kinNouns, prepositionRules, verbRules } from './relations';
import { findMentions, kindNoun, tokenize, type Mention, type Token } from './mentions';
import { isKnownPerson, isPersonName, nameGender, wordClasses, wordRoot } from './verbs';
import { irregularVerbs, subjectPronouns, verbWords } from './words';

export interface Found {
  head: string;
  relation: string;
  tail: string;
  extractor: 'pattern' | 'apposition' | 'co-occurrence';
}

const auxiliaries = /^(?:is|are|was|were|be|been|being|may|must|can|could|will|would|should|shall|has|have|had|do|does|did)$/;
// (And the -ly adverbs between a subject and its verb: "Ms Lusk previously managed …", "was originally built by".)
const adverbs = /^(?:also|only|still|now|today|nowadays|never|always|often|usually|first|then|later|again|once|all|both|itself|themselves|soon|already|just|[a-z]{3,}ly)$/;
const determiners = /^(?:the|a|an|its|their|his|her|our|my|your|every|each|all|any|that|this|these|those)$/;
/** Adverbs of time that open a sentence, which the tagger may read as nouns ("Today"). */
const sentenceAdverbs = /^(?:today|now|later|then|afterwards|since|nowadays|meanwhile|still|also)$/;
const isYear = (text: string) => /^(1[0-9]|20)\d\d$/.test(text.trim());
const timeWords = /^(?:(?:\d+(?:st|nd|rd|th)?\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|winter|easter|midwinter|day|week|month|year|morning|evening|night|weekend)s?(?:\s+\d+)?|\d{1,2}[:.]\d\d|(1[0-9]|20)\d\d)$/i;
/** Months, weekdays, seasons, years, clock times: a place after one belongs to the mention before it. */
const isTime = (text: string) => timeWords.test(text.trim());
/** A time a preposition can govern that is no place: "on feast days", "in the 1930s", "at his age", "on Friday evenings". */
const timeSpan = /^(?:\d{1,2}[.:]\d{2}\s*(?:am|pm)|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?|(?:[\p{L}-]+\s+)*(?:days?|evenings?|mornings?|afternoons?|nights?|weekends?|holidays?|hours?|weeks?|months?|years?|age|times?|seasons?)|(?:the\s+)?\d{2,4}s|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))$/iu;
const isTimeSpan = (text: string) => isTime(text) || timeSpan.test(text.trim());

/** A part of a place named by where it lies: "the north shore", "the eastern edge", "the top" (of a named place). */
const partOfPlace = /^(?:(?:north|south|east|west|northern|southern|eastern|western|north-west|north-east|south-west|south-east|upper|lower|far)\s+)?(?:shore|side|end|edge|bank|coast|corner|outskirts|centre|center|heart|middle|top|foot|bottom|tip|fringe|border)$/;

/** Marks the owner of a kin role read from "his"/"her" (extract.ts `personsKin`). */
export const kinMark = '\u0002';
/** … and, after the owner, one read from "their": the owner's spouse is the kin's too. */
export const coupleMark = '\u0003';

/** A kinship noun ends the phrase: "son", "younger brother", "great-granddaughter". */
const kinNoun = new RegExp(`(?:^|[\\s-])(?:${kinNouns.join('|')})$`);

/** A person's name as a page's title gives it: two or three capitalised words. */
export const personName = /^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){1,2}$/u;

/** The connecting phrase, lower case: relative pronoun, auxiliaries, adverbs and a trailing article removed. */
function connector(tokens: Token[]): { words: string[]; article: string | null; comma: boolean; relative: boolean; possessive: boolean; whose: boolean } {
  const raw = tokens.map((t) => t.lower);
  const comma = raw[0] === ',';
  // ("Ostby Ferries, whose owner, Dan Oake, …" is "Ostby Ferries' owner, Dan Oake".)
  const whose = raw.join(' ') === ', whose';
  const possessive = (raw[0] === "'s" && raw.slice(1).every((w) => w === 'own')) || whose;
  let words = raw.filter((w) => w !== ',');
  // "the spring, which belongs to …": the clause is about the mention just before it.
  const relative = !!words[0] && /^(who|which|that)$/.test(words[0]);
  if (relative) words = words.slice(1);
  // "is written down and given to": the last verb group names the relation.
  const and = words.lastIndexOf('and');
  if (and > 0 && and < words.length - 1) words = words.slice(and + 1);
  let article: string | null = null;
  // ("was the only son of": "only" after an article is the noun's, not an adverb of the verb.)
  if (words.length > 1 && words[words.length - 1] === 'only' && determiners.test(words[words.length - 2]!)) words.pop();
  if (words.length && determiners.test(words[words.length - 1]!)) article = words.pop()!;
  // "has been a member of", "had been": the perfect is the copula.
  const perfect = words.filter((w) => !adverbs.test(w));
  if (perfect.length === 2 && /^(?:has|have|had)$/.test(perfect[0]!) && perfect[1] === 'been') words = [perfect[0] === 'had' ? 'was' : 'is'];
  // "was then the minister of", "is now a museum": the copula with its adverbs left out.
  const bare = words.filter((w) => !adverbs.test(w));
  const copula = bare.length === 1 && /^(is|are|was|were)$/.test(bare[0]!);
  if (copula) words = bare;
  if (!copula) words = words.filter((w, i) => !(adverbs.test(w) || (auxiliaries.test(w) && i < words.length - 1) || (auxiliaries.test(w) && words.length > 1)));
  return { words, article, comma, relative, possessive, whose };
}

/** A mention "ferry MV Kittiwake" is the name "MV Kittiwake" with its kind in front; so is "county of Westmarch". */
function splitKind(m: Mention, tokens: Token[]): { kind: string | null; name: string } {
  // "Dr Matthew Corran" is Matthew Corran: a title before a name is no part of it.
  const titled = /^(?:Dr|Mr|Mrs|Ms|Miss|Sir|Dame|Rev|Revd|Reverend|Canon|Prof|Professor|Councillor|Cllr|Alderman|Captain|Capt|Colonel|Col|Major|Lieutenant|Lt|Sergeant|Sgt)\.?\s+(?=\p{Lu}\p{Ll})/u.exec(m.text);
  if (titled && m.text.length > titled[0].length + 2) return { kind: null, name: m.text.slice(titled[0].length) };
  const run = tokens.slice(m.from, m.to);
  // "the Saltmouth shipowner Edward Hale": a place, an occupation, then the name.
  const lastLower = run.findLastIndex((t) => t.kind === 'word' && /^\p{Ll}/u.test(t.text));
  if (lastLower > 0 && /^\p{Lu}/u.test(run[0]!.text) && kindNoun(run[lastLower]!.lower) && lastLower < run.length - 1
    && run.slice(lastLower + 1).every((t) => t.kind === 'word' && /^\p{Lu}/u.test(t.text)) && run.slice(lastLower + 1).length >= 2) {
    return { kind: m.text.slice(0, run[lastLower]!.end - m.start), name: m.text.slice(run[lastLower + 1]!.start - m.start) };
  }
  const firstCap = run.findIndex((t) => /^\p{Lu}/u.test(t.text));
  if (firstCap <= 0 || run[0]!.kind === 'num' || run.slice(firstCap).some((t) => t.kind === 'word' && !/^\p{Lu}/u.test(t.text))) return { kind: null, name: m.text };
  // "county of Westmarch" (mentions.ts placeKinds): the kind without its "of".
  const kind = run.slice(0, firstCap).map((t) => t.text);
  if (kind.length > 1 && kind[kind.length - 1] === 'of') kind.pop();
  return { kind: kind.join(' '), name: m.text.slice(run[firstCap]!.start - m.start) };
}

const beForms = /^(?:is|are|was|were|be|been|being)$/;
/** The labels the vocabulary maps verbs onto (relations.ts): "keeps", "serves", "produces". */
const vocabularyLabels = new Set(verbRules.map((r) => r.label));
const particles = /^(?:to|in|at|on|by|from|with|for|into|as|of|after|about|over|under|near|onto|across|through)$/;
/** The particles between a participle and its agent's "by": "was paid for by", "was taken over by". */
const agentParticles = /^(?:for|after|up|over|out|off)$/;
/** Verbs whose object takes a role "as" something: "appointed Sarah Lusk as its chief executive". */
const appointing = /^(?:appoint|elect|name|choose|hire|employ|make|select|nominate|co-opt)/;
/** A founding date's word in brackets: "The Tarrow Choir (founded 1921)". */
const foundingWord = /^(?:founded|built|opened|established|est)$/;

/**
 * An open relation label for a connecting phrase that holds a verb and nothing after it but one preposition: the
 * verb's root ("chairs" → chair, "works at" → work_at), or, after a form of "be", its participle as written ("was born
 * in" → born_in, "is married to" → married_to, "was built by" → built_by). Null for anything else, and for a negation.
 */
function openLabel(between: Token[], verbs: ReadonlySet<number>, beforeNumber = false): string | null {
  let words = between.filter((t) => t.kind === 'word');
  if (words[0] && /^(who|which|that)$/.test(words[0].lower)) words = words.slice(1);
  // ("… in 1952 when she married Harold Olds": a clause of time whose subject is the sentence's.)
  if (words.length > 2 && /^(?:when|after|before|until|once|where|while)$/.test(words[0]!.lower) && /^(?:he|she|they|we)$/.test(words[1]!.lower)) words = words.slice(2);
  // "… is a great-grandson of Eli Thorne and works at the slate company": a second verb of the same subject.
  if (words[0]?.lower === 'and' && words.length > 1) words = words.slice(1);
  if (words.some((w) => /^(not|never|no)$/.test(w.lower))) return null;
  // ("led by retired engineer Colin Ashworth", "by the late Amos Thorne": a participle after the agent's "by" is the
  // agent's adjective.)
  const n = words.length;
  if (n >= 3 && /[a-z]ed$/.test(words[n - 1]!.lower) && (words[n - 2]!.lower === 'by' || (n >= 4 && determiners.test(words[n - 2]!.lower) && words[n - 3]!.lower === 'by'))) words = words.slice(0, words[n - 2]!.lower === 'by' ? -1 : -2);
  const beforeArticle = !!words.length && determiners.test(words[words.length - 1]!.lower);
  if (beforeArticle) words = words.slice(0, -1);
  let v = -1;
  words.forEach((w, k) => {
    // The tagger's verbs, and the frequent verbs it may read as nouns after a comma ("Teodric Vane, rings the bell").
    // A frequent verb or an -ed word just before "by" is a participle whatever the tagger says ("is run by": Noun).
    // (So is one before a particle and "by": "was taken over by", "was paid for by".)
    const byAt = k === words.length - 2 || (k === words.length - 3 && agentParticles.test(words[k + 1]!.lower));
    const agentParticiple = byAt && words[words.length - 1]!.lower === 'by' && (verbWords.has(w.lower) || /[a-z]ed$/.test(w.lower));
    // ("were cast at": a frequent verb after a form of "be" is its participle, whatever the tagger says.)
    const afterBe = k > 0 && beForms.test(words[k - 1]!.lower) && verbWords.has(w.lower) && (/[a-z](?:ed|en)$/.test(w.lower) || w.lower in irregularVerbs);
    const verb = verbs.has(w.start) || agentParticiple || afterBe || (k === words.length - 1 && (beforeArticle || beforeNumber) && /[^su]s$/.test(w.lower) && wordRoot(w.lower) !== w.lower);
    // ("taken over by": the tagger may read the particle as a verb too.)
    if (verb && !beForms.test(w.lower) && !auxiliaries.test(w.lower) && !(k > 0 && /^(?:over|up|out|off|after)$/.test(w.lower))) v = k;
  });
  if (v < 0) return null;
  const after = words.slice(v + 1);
  // ("was paid for by", "was looked after by": a particle and an agent's "by".)
  const particleBy = after.length === 2 && agentParticles.test(after[0]!.lower) && after[1]!.lower === 'by';
  // ("grew up in", "moved back to", "set up at": a phrasal verb's particle, then its preposition.)
  // (Not "up to" a number, which is at most: "carries up to 240 passengers".)
  const phrasal = after.length === 2 && /^(?:up|back|out|down|away|over|off)$/.test(after[0]!.lower) && particles.test(after[1]!.lower) && after[1]!.lower !== 'by'
    && !(beforeNumber && after[0]!.lower === 'up' && after[1]!.lower === 'to');
  if (!particleBy && !phrasal && (after.length > 1 || (after.length === 1 && !particles.test(after[0]!.lower)))) return null;
  const before = words.slice(0, v);
  // ("… before marrying George Ellison", "after leaving school": a gerund after a subordinator is the subject's verb.)
  const gerund = before.length === 1 && /^(?:before|after|since|while|without|on)$/.test(before[0]!.lower) && /[a-z]ing$/.test(words[v]!.lower);
  if (!gerund && before.some((w) => !(auxiliaries.test(w.lower) || adverbs.test(w.lower)))) return null;
  const verb = words[v]!.lower;
  // The word before an agent's "by" is a participle, with or without "was" ("a school founded by"): founded_by.
  const byAgent = (after.length === 1 && after[0]!.lower === 'by') || particleBy;
  const stem = before.some((w) => beForms.test(w.lower)) || byAgent ? verb : wordRoot(verb);
  return relationLabel([stem, ...after.map((w) => w.lower)].join(' '));
}

export interface SentenceResult {
  found: Found[];
  /** The first mention that is not a preposition's object: what a following "It …" refers to. */
  subject: string | null;
}

/** Triples in text[start, end). `previousSubject` resolves a leading pronoun. */
export function analyzeSentence(text: string, start: number, end: number, commonWords: ReadonlySet<string>, previousSubject: string | null, page: string | null = null, owner = false, speaker: string | null = null): SentenceResult {
  let tokens = tokenize(text, start, end);
  let { verbs, adverbs: adverbAt, placeKinds, numbers, dates } = wordClasses(text, start, end);
  // "Today it is run by …", "Later, she moved to …": an opening adverb before a pronoun subject says when, not who.
  // So does an opening phrase closed by a comma: "Known to everyone as Peg, she was born in Hexley", "In 1958, he …".
  // ("When she retired she was succeeded by …": with no comma, an opening clause ends before its second pronoun.)
  const second = /^(?:when|after|before|once|while|since|until|as)$/i.test(tokens[0]?.text ?? '') && subjectPronouns.has(tokens[1]?.lower ?? '')
    ? tokens.findIndex((t, k) => k > 1 && k <= 8 && subjectPronouns.has(t.lower)) : -1;
  const lead = second > 0 && !tokens.slice(0, second).some((t) => t.text === ',') ? second : tokens.findIndex((t) => subjectPronouns.has(t.lower));
  const opened = lead > 1 && lead <= 10 && (tokens[lead - 1]!.text === ',' || lead === second) && !tokens.slice(0, lead - 1).some((t, k) => t.text === ',' || (subjectPronouns.has(t.lower) && !(lead === second && k === 1)));
  if (previousSubject && lead > 0 && (opened || (lead <= 2 && tokens.slice(0, lead).every((t) => t.text === ',' || (adverbAt.has(t.start) || sentenceAdverbs.test(t.lower)))))) {
    start = tokens[lead]!.start;
    tokens = tokenize(text, start, end);
    ({ verbs, adverbs: adverbAt, placeKinds, numbers, dates } = wordClasses(text, start, end));
  }
  // "Jean Pike, 74, who grew up …", "Dennis Marsh, 61, chairman of …": an age between commas after a name is no
  // entity; what follows is the name's (the age and its first comma are left out).
  tokens = tokens.filter((t, k) => !(/^\d{1,3}$/.test(t.text) && tokens[k - 1]?.text === ',' && tokens[k + 1]?.text === ',' && /^\p{Lu}/u.test(tokens[k - 2]?.text ?? ''))
    && !(t.text === ',' && /^\d{1,3}$/.test(tokens[k + 1]?.text ?? '') && tokens[k + 2]?.text === ',' && /^\p{Lu}/u.test(tokens[k - 1]?.text ?? '')));
  // "Walter Ibbotson (1896–1971) was …", "Clare Fairweather (born 1961), …": life dates in brackets are no part of the
  // sentence.
  // So is a founding date: "The Tarrow Choir (founded 1921) rehearses …" dates the name before it.
  const open = tokens.findIndex((t, k) => t.text === '(' && (/^\d{4}$/.test(tokens[k + 1]?.text ?? '') || ((/^(?:born|b|died|d|c)$/.test(tokens[k + 1]?.lower ?? '') || foundingWord.test(tokens[k + 1]?.lower ?? '')) && /^\d{4}$/.test(tokens[k + (tokens[k + 2]?.text === '.' ? 3 : 2)]?.text ?? ''))));
  const close = open >= 0 ? tokens.findIndex((t, k) => k > open && t.text === ')') : -1;
  const founding = open >= 0 && foundingWord.test(tokens[open + 1]?.lower ?? '') ? tokens.slice(open, close).find((t) => /^\d{4}$/.test(t.text))?.text ?? null : null;
  const foundedBefore = close > open && close - open <= 6 && founding ? tokens[open - 1] : undefined;
  if (close > open && close - open <= 6) tokens = [...tokens.slice(0, open), ...tokens.slice(close + 1)];
  const mentions = findMentions(tokens, text, commonWords, verbs, adverbAt, placeKinds, numbers);
  const foundedMention = foundedBefore ? mentions.find((m) => tokens[m.to - 1] === foundedBefore) : undefined;
  // "When he isn't at the ovens, Sam is …": the first comma closes the opening clause; what follows is no apposition.
  const firstWord = tokens.findIndex((t) => t.kind === 'word');
  // (So does an opening phrase of a preposition, with no verb before its comma: "Under Edith, the works supplied …"; not
  // "Among the first boats through was the Kestrel, a former coal barge".)
  const firstComma = tokens.findIndex((t) => t.text === ',');
  const prepositionOpening = /^(?:under|at|in|on|for|with|during|from|by|like|unlike|despite|beyond|near|outside|inside)$/i.test(tokens[firstWord]?.text ?? '')
    && firstComma > 0 && !tokens.slice(0, firstComma).some((t) => verbs.has(t.start) || beForms.test(t.lower));
  const subordinate = prepositionOpening || /^(?:when|while|whenever|after|before|although|though|if|because|since|as|once|until|unless)$/i.test(tokens[firstWord]?.text ?? '');
  const names = mentions.map((m) => splitKind(m, tokens));
  const found: Found[] = [];
  const add = (head: string, relation: string, tail: string, extractor: Found['extractor'] = 'pattern') => {
    if (head && tail && head !== tail) found.push({ head, relation, tail, extractor });
  };
  if (foundedMention) add(names[mentions.indexOf(foundedMention)]!.name, 'in_year', founding!);
  names.forEach((n, i) => {
    if (n.kind) add(n.name, 'is_a', n.kind, 'apposition');
    else if (/^\p{Lu}/u.test(mentions[i]!.text) && /\s\p{Ll}+$/u.test(mentions[i]!.text) && mentions[i]!.named && !isTimeSpan(mentions[i]!.text)) {
      const cap = mentions[i]!.text.match(/^(?:\p{Lu}[\p{L}'’-]*\s)+/u)?.[0]?.trim();
      // At a sentence's start a capital proves nothing: "Drinking water" is not named after "Drinking".
      if (cap && (mentions[i]!.from > firstWord || cap.includes(' '))) add(mentions[i]!.text, 'named', cap);
    }
  });
  const label = (i: number) => names[i]!.name;
  const isNamed = (i: number) => mentions[i]!.named && /^\p{Lu}/u.test(label(i));
  /** "miller of Otterby" when mention k is a name governed by "of" right after a common noun: a role phrase. */
  const ofRole = (k: number): string | null => {
    // The "of" part is a name or a definite description ("the warden of the trust, Peggy Lowther,"): coreference.ts
    // later reads "the trust" as the document's one trust.
    const definite = !mentions[k]!.named && tokens[mentions[k]!.from - 1]?.lower === 'the' && mentions[k]!.to - mentions[k]!.from === 1;
    if (k < 1 || mentions[k]!.governedBy !== 'of' || isNamed(k - 1) || !(isNamed(k) || definite)) return null;
    if (connector(tokens.slice(mentions[k - 1]!.to, mentions[k]!.from)).words.join(' ') !== 'of') return null;
    return text.slice(mentions[k - 1]!.start, mentions[k]!.end);
  };
  // A pronoun opening the sentence stands for the previous sentence's subject.
  // ("He'd worked at …": a contraction keeps its pronoun.)
  const pronoun = tokens[0] && subjectPronouns.has(tokens[0].lower.replace(/['’](?:d|s|ll|ve|re)$/u, '')) && previousSubject ? previousSubject : null;
  /** Mentions folded into a role or kind phrase ("of Otterby" in "miller of Otterby"): no part_of of their own. */
  const absorbed = new Set<number>();
  /** Places named in a role at them ("Thwaite Bank Dairy" in "head cheesemaker at Thwaite Bank Dairy"): the person's, not the role noun's. */
  const roleAt = new Set<number>();
  /** The latest triple that ends at mention k (a role's "of" part absorbed into the role too). */
  const lastTo = (k: number): Found | null => {
    const last = lastRelation[k] ?? (absorbed.has(k) ? found[found.length - 1] : null);
    return last && last.tail === label(k) ? last : null;
  };
  /** The triple of an open verb whose object is mention k ("plays fiddle"; an opening pronoun's verb too). */
  const verbObject = (k: number): Found | null => {
    const object = lastRelation[k] ?? (k === 0 ? pronounObject : null);
    return object && object.tail === label(k) && /^[a-z]+$/.test(object.relation) && !vocabularyLabels.has(object.relation) ? object : null;
  };
  /** The first mention at or before i that no preposition governs (the clause's subject); -1 when none. */
  const subjectIndex = (i: number): number => {
    for (let k = i; k >= 0; k--) if (!mentions[k]!.governedBy) return k;
    return -1;
  };
  /** The clause's subject and those joined to it by "and" before it ("Sela and Dov run the ferry"). */
  const coSubjects = (i: number): string[] => {
    let k = subjectIndex(i);
    if (k < 0) return [subjectOf(i)];
    const out = [label(k)];
    // ("The granary and the kiln were built by …": an article after "and" too.)
    while (k > 0 && !mentions[k - 1]!.governedBy && /^(?:and(?: the| a| an)?|,)$/.test(tokens.slice(mentions[k - 1]!.to, mentions[k]!.from).map((t) => t.lower).join(' ').replace(/^, and$/, 'and'))) {
      k--;
      out.unshift(label(k));
    }
    return out;
  };
  const subjectOf = (i: number): string => {
    const k = subjectIndex(i);
    return k >= 0 ? label(k) : pronoun ?? label(i);
  };
  /** Whether "and" or "or" joins mention k to the next: a list goes on ("Saint Brede, Otterby Mill and the North Mole"). */
  const listGoesOn = (k: number) => !!mentions[k + 1] && /^(and|or)$/.test(connector(tokens.slice(mentions[k]!.to, mentions[k + 1]!.from)).words.join(' '));
  /** Whether a verb follows mention k before the next mention: ", and a new edition comes out" starts a clause. */
  const clauseAfter = (k: number) => {
    const after = tokens.slice(mentions[k]!.to, mentions[k + 1]?.from ?? tokens.length);
    const stop = after.findIndex((t) => t.kind === 'punct');
    return after.slice(0, stop < 0 ? after.length : stop).some((t) => verbs.has(t.start) && !auxiliaries.test(t.lower));
  };
  /** "Our conductor" on a page that speaks for the body its title names (extract.ts): that body's conductor. */
  // … and "The head brewer, Sol Penrose," "Its conductor, Owen Pryor," on a page about a body (`owner`): a definite role
  // with no "of" part is that body's.
  // (Only before the name: after one, "Brackwick Lifeboat Station, the granite boathouse," describes it.)
  // ("My grandmother, Ada Lumb," is the page's person's only on a person's page, an interview; a blog's "my" is its
  // writer's.)
  const ours = (k: number, beforeName = true): boolean => {
    if (isNamed(k)) return false;
    if (beforeName && its(k)) return true;
    if (!page) return false;
    // (Past an order word the tagger reads apart: "The last keeper, Arthur Nance," on Tregony Lighthouse's page.)
    let before = mentions[k]!.from - 1;
    while (before > 0 && /^(?:last|first|present|current|former|late)$/i.test(tokens[before]!.text)) before--;
    const word = tokens[before]?.text ?? '';
    return /^our$/i.test(word) || (/^my$/i.test(word) && personName.test(page) && isPersonName(page)) || (owner && beforeName && /^(the|its)$/i.test(word));
  };
  /** Takes back (head, part_of, tail): a phrase read whole ("miller of Otterby", "men of Crayle") has no part_of. */
  const dropPartOf = (head: string, tail: string) => {
    const at = found.findIndex((f) => f.head === head && f.relation === 'part_of' && f.tail === tail);
    if (at >= 0) found.splice(at, 1);
  };
  /**
   * (person, holds_role, "<role> of <owner>") and (person, <role>_of, owner), for a role whose owner the sentence gives
   * another way than "of": "our conductor", "the brewery's owner", "Hiram's great-granddaughter". The possessive's
   * own (role, part_of, owner) goes.
   */
  const roleOf = (person: string, role: string, owner: string, extractor: Found['extractor'] = 'pattern') => {
    dropPartOf(role, owner);
    add(person, 'holds_role', `${role} of ${owner}`, extractor);
    add(person, relationLabel(`${role} of`), owner, extractor);
  };
  // ("Its headteacher, Claire Dyson," after a sentence about Hobbeck Primary School is the school's: "its" is the
  // previous sentence's subject when there is one.)
  // (Never a person's. Or a common noun of two words or more: "The village school was built … . Its first headmaster was …"; a bare one,
  // "The club grew quickly. Its best-known runner …", may be the page's own body, which `ours` then gives.)
  const its = (k: number) => /^its$/i.test(tokens[mentions[k]!.from - 1]?.text ?? '') && !!previousSubject && (/^\p{Lu}/u.test(previousSubject) || /^\p{Ll}+(?:\s\p{Ll}+)+$/u.test(previousSubject))
    && !isKnownPerson(previousSubject);
  /**
   * Whose kin "his son", "Her younger brother" (mention k) is: the sentence's first name before it ("Brenda retired …,
   * and the bakery is run by her son, Sam"), else the previous sentence's named subject.
   */
  const kinOwner = (k: number, noun = label(k), self: string | null = null): string | null => {
    const word = tokens[mentions[k]!.from - 1]?.text ?? '';
    if (!/^(?:his|her|their|my)$/i.test(word) || !kinNoun.test(noun)) return null;
    // ("DAFYDD: My uncle, Emrys Morgan, …": the speaker's, whom extract.ts names.)
    // (Only a speaker's: a memoir's writer is nobody the graph names.)
    if (/^my$/i.test(word)) return speaker ? `${kinMark}${speaker}` : null;
    // ("He married Alice Carr … . Their son, Henry Roe, …": the one the text was about, and (extract.ts) the one married
    // to them.)
    // (Not a family or a firm: "the Birkbecks", "Hollins & Vey"; "Ada Hollins" is one person whose name ends in s.)
    if (/^their$/i.test(word)) return pronoun ?? (previousSubject && /^\p{Lu}/u.test(previousSubject) && !/\s&\s|^\S+s$|\sBrothers$/u.test(previousSubject) ? `${kinMark}${previousSubject}${coupleMark}` : null);
    // (Not the kin itself: "The mill's miller is Beth Oakley, his daughter" is no one's daughter of Beth.)
    const first = mentions.findIndex((x, j) => j < k && !x.governedBy && isNamed(j) && label(j) !== self && !dates.has(tokens[x.from]!.start) && !isTimeSpan(x.text));
    // ("bought in 1964 by Edmund Fairweather; by descent to his daughter, Clare Fairweather": the latest name of the
    // pronoun's gender, as compromise reads first names, when the sentence has one.)
    const gender = /^his$/i.test(tokens[mentions[k]!.from - 1]!.text) ? 'm' : 'f';
    const same = mentions.findLastIndex((x, j) => j < k && isNamed(j) && nameGender(label(j)) === gender);
    // ("She is survived by her son, Peter, and her daughter, Ruth Oake": a sentence opened by "she" is about the one she
    // stands for, not the son named before the daughter.)
    const opener = tokens[firstWord]?.lower;
    const pronounOwner = pronoun && (opener === (gender === 'm' ? 'he' : 'she')) ? pronoun : null;
    const owner = same >= 0 ? label(same) : pronounOwner ?? (first >= 0 ? label(first) : previousSubject && /^\p{Lu}/u.test(previousSubject) ? previousSubject : null);
    // (Marked for extract.ts, which keeps it only when the document shows the owner to be a person.)
    return owner ? `${kinMark}${owner}` : null;
  };
  const addOurRole = (person: number, role: number, extractor: Found['extractor'] = 'pattern') => roleOf(label(person), label(role), its(role) ? previousSubject! : page!, extractor);
  /** The verb before mention k (after the mention before it) and who does it: "and we rehearse every [Monday evening]". */
  const verbBefore = (k: number): { head: string; verb: string } | null => {
    const between = tokens.slice(k > 0 ? mentions[k - 1]!.to : 0, mentions[k]!.from);
    const verb = [...between].reverse().find((t) => verbs.has(t.start) && !auxiliaries.test(t.lower));
    if (!verb) return null;
    const said = between.slice(0, between.indexOf(verb)).map((t) => t.lower);
    const head = said.some((w) => subjectPronouns.has(w)) && previousSubject ? previousSubject : k > 0 ? subjectOf(k - 1) : pronoun;
    return head ? { head, verb: wordRoot(verb.lower) } : null;
  };
  const lastRelation: (Found | null)[] = [];
  /** Mentions inside a comma-closed relative clause. */
  const inRelative = new Set<number>();
  /** Years a relative clause has already given to its antecedent. */
  const datedAlready = new Set<number>();
  /** What an opening pronoun's verb reached: its triple, for the place after it (`verbAt`). */
  let pronounObject: Found | null = null;
  /** Mentions a rule has read ahead of the loop ("is home to X and Y"). */
  const taken = new Set<number>();
  /** How many triples were found before mention i was read. */
  const foundAt: number[] = [];
  const appositionOf: (number | null)[] = mentions.map(() => null);
  /** Who a "<role> of <name> is <person>" sentence names: the subject a following pronoun refers to. */
  let roleHolder: string | null = null;

  /**
   * The role noun mention k names, taken by each capitalised head, with its "of" part when one follows (only a name's
   * when `namedOf`): "was elected secretary of the band", "became harbour master of Whitfield".
   */
  const takeRole = (k: number, heads: string[], namedOf: boolean) => {
    const next = mentions[k + 1];
    const link = next ? connector(tokens.slice(mentions[k]!.to, next.from)) : null;
    const of = !!link && link.words.join(' ') === 'of' && !link.comma && (!namedOf || isNamed(k + 1));
    for (const head of heads.filter((h) => /^\p{Lu}/u.test(h))) {
      if (of) roleOf(head, label(k), label(k + 1));
      else add(head, 'holds_role', label(k));
    }
    if (of) absorbed.add(k + 1);
  };
  /** Whether mention j is a possessor: "'s" joins it to the mention after ("The club's captain"). */
  const possessor = (j: number) => !!mentions[j + 1] && connector(tokens.slice(mentions[j]!.to, mentions[j + 1]!.from)).possessive;
  /** The label of "was founded in 1859 by", "was set up in 1994 by": the participle just before the year's "in". */
  const yearAgent = (i: number): string | null => {
    const before = tokens.slice(i >= 2 ? mentions[i - 2]!.to : 0, mentions[i - 1]!.from).filter((t) => t.kind === 'word').map((t) => t.lower);
    // ("was set up in 1994 by": the participle with its particle.)
    const particle = /^(?:up|out|over|off|down)$/.test(before[before.length - 2] ?? '') ? before[before.length - 2]! : null;
    const verb = before[before.length - (particle ? 3 : 2)];
    return verb && /^(?:in|on|at|during)$/.test(before[before.length - 1]!) && (/[a-z]ed$/.test(verb) || verbWords.has(verb)) ? (particle ? `${verb}_${particle}_by` : `${verb}_by`) : null;
  };
  /** Whether "is"/"was" joins a name to mention k ("Miriam Lark is [Hiram]'s …"). */
  const copulaBefore = (k: number) => k >= 1 && /^(?:is|was)$/.test(connector(tokens.slice(mentions[k - 1]!.to, mentions[k]!.from)).words.join(' ')) && isNamed(k - 1);
  // "Her nephew Arthur Pell married …": a kin noun before a name with no comma is the name's kin role, whose owner
  // "her" or "his" says, not its kind.
  names.forEach((n, k) => {
    const kin = n.kind ? kinOwner(k, n.kind) : null;
    if (!kin) return;
    found.splice(found.findIndex((f) => f.head === n.name && f.relation === 'is_a' && f.tail === n.kind), 1);
    roleOf(n.name, n.kind!, kin, 'apposition');
  });
  for (let i = 0; i < mentions.length; i++) {
    lastRelation[i] = null;
    foundAt[i] = found.length;
    const m = mentions[i]!;
    if (i === 0) {
      const before = found.length;
      if (pronoun) {
        const c = connector(tokens.slice(1, m.from));
        const rule = verbRules.find((r) => r.pattern.test(c.words.join(' ')));
        const next = mentions[1];
        const ofNamed = !!next && isNamed(1) && connector(tokens.slice(m.to, next.from)).words.join(' ') === 'of';
        // The copula with any adverbs left out ("She is also a member of …").
        // ("He has been a member of …": the perfect's "has" goes too.)
        const be = tokens.slice(1, m.from).map((t) => t.lower).filter((w) => !adverbs.test(w) && !determiners.test(w) && w !== ',' && !/^(?:has|have|had)$/.test(w));
        if (be.length === 1 && /^(is|are|was|were|been)$/.test(be[0]!) && !isNamed(0)) {
          // "She is also a member of the Otterby Trust": the pronoun's entity is member_of it; "She is a weaver": a kind.
          if (ofNamed) {
            add(pronoun, relationLabel(`${label(0)} of`), label(1));
            absorbed.add(1);
          } else add(pronoun, c.article === 'the' ? 'holds_role' : 'is_a', label(0));
        } else if (c.words.length >= 1 && c.words[c.words.length - 1] === 'in' && isYear(m.text)) {
          // "It was opened in 1874 by Josiah Penhale": a year first (not the place "opened in" would give), then its agent.
          add(pronoun, 'in_year', m.text);
          lastRelation[0] = found[found.length - 1] ?? null;
        } else if (be.length === 2 && /^(?:is|are|was|were|been)$/.test(be[0]!) && appointing.test(be[1]!) && /ed$/.test(be[1]!) && !c.article && !m.named && !isYear(m.text)) {
          // "He was appointed resident engineer of the Saltmouth Harbour Company": a bare role the pronoun's one takes.
          takeRole(0, [pronoun], false);
        } else if (rule) add(rule.inverse ? label(0) : pronoun, rule.label, rule.inverse ? pronoun : label(0));
        else {
          const open = openLabel(tokens.slice(1, m.from), verbs, tokens[m.from]?.kind === 'num' || numbers.has(tokens[m.from]?.start ?? -1));
          if (open) add(pronoun, open, label(0));
        }
      }
      // ("She trained as a nurse at Keldwick Infirmary": what the pronoun's verb reached, for the place after it.)
      if (found.length > before && !lastRelation[0]) pronounObject = found[found.length - 1]!;
      continue;
    }
    if (datedAlready.has(i) || taken.has(i)) continue;
    const prev = mentions[i - 1]!;
    const c = connector(tokens.slice(prev.to, m.from));
    const phrase = c.words.join(' ');
    const before = found.length;
    // ("Josiah Metcalfe, a sheep breeder who was born in Thornby": the relative clause is about the one the apposition
    // describes.)
    // ("Joseph was a sailmaker, born in Crickstead, who moved to Pellhaven": "who" is no place's; it is the nearest
    // name before that no preposition governs.)
    const who = c.relative && /^(?:in|at|on|from|near|to|into)$/.test(prev.governedBy ?? '') && tokens.slice(prev.to, m.from).some((t) => t.lower === 'who') && !isPersonName(prev.text)
      ? mentions.findLastIndex((x, j) => j < i - 1 && !x.governedBy && isNamed(j)) : -1;
    // ("The diaries of Edith Dray, which were given to …": "which" is no person's; it is the thing "of" her.)
    const whichOf = c.relative && i >= 2 && prev.governedBy === 'of' && !isNamed(i - 2) && isKnownPerson(label(i - 1))
      && tokens.slice(prev.to, m.from).some((t) => t.lower === 'which') && connector(tokens.slice(mentions[i - 2]!.to, prev.from)).words.join(' ') === 'of';
    const clauseHead = c.relative ? (who >= 0 ? label(who) : whichOf ? label(i - 2) : label(appositionOf[i - 1] ?? i - 1)) : subjectOf(i - 1);
    // "The Powder House, which the band has used …, is owned by …": the relative clause's subject (the band) is not the
    // subject of the verb after the clause's closing comma.
    // Nor is its object the subject ("Ruth, who has chaired the band since 2019, thanked the players").
    if (c.relative && c.comma) {
      const close = tokens.findIndex((t, k) => k >= m.to && t.text === ',');
      if (close >= 0) for (let k = i; k < mentions.length && mentions[k]!.to <= close; k++) {
        mentions[k]!.governedBy ??= 'which';
        inRelative.add(k);
      }
    }
    // "the Orrin Press, which Aldous Merrit founded in 1887", "the boathouse that the Vell brothers built in 1910": the
    // antecedent is the verb's object, and a year in the clause dates it.
    if (c.relative && phrase === '' && /^(?:which|that)$/.test(tokens[c.comma ? prev.to + 1 : prev.to]?.lower ?? '')) {
      // ("which Edmund Vey's son founded in 1971": the clause's subject is the son of Edmund Vey.)
      const owned = mentions[i + 1] && !mentions[i + 1]!.named && connector(tokens.slice(m.to, mentions[i + 1]!.from)).possessive ? i + 1 : i;
      const next = mentions[owned + 1];
      const verb = tokens.slice(mentions[owned]!.to, next ? next.from : tokens.length).find((t) => verbs.has(t.start));
      if (verb && (!next || next.governedBy)) {
        const who = owned > i ? `${label(owned)} of ${label(i)}` : label(i);
        add(who, wordRoot(verb.lower), label(i - 1));
        if (next && isYear(next.text) && next.governedBy === 'in') {
          add(label(i - 1), 'in_year', next.text);
          datedAlready.add(owned + 1);
        }
        if (owned > i) taken.add(owned);
      }
    }
    if (c.possessive && copulaBefore(i - 1) && !m.named) {
      // "Miriam Lark is Hiram's great-granddaughter": the role of the name before "is", with its "of" part.
      roleOf(label(i - 2), label(i), label(i - 1));
    } else if (c.possessive && i === 1 && pronoun && !m.named && tokens.slice(1, prev.from).map((t) => t.lower).join(' ').match(/^(?:is|was|are|were)$/)) {
      // "He was Richard's great-great-grandfather": the pronoun's entity holds the role.
      roleOf(pronoun, label(i), label(i - 1));
    } else if (c.possessive && i >= 2 && isNamed(i - 2) && !m.named && /^, (?:the|,)$|^,$/.test(tokens.slice(mentions[i - 2]!.to, prev.from).map((t) => t.lower).join(' ')) && (tokens.slice(mentions[i - 2]!.to, prev.from).length > 1 || kinNoun.test(label(i)))
      && /^[,.;]?$/.test(tokens[m.to]?.text ?? '')) {
      // "Eli Rowse, the band's first bandmaster, worked at the quarry": an appositive role of the name before it, with
      // its owner, and no subject of the verb after it.
      // (What ", the band" gave as an apposition of its own goes.)
      found.splice(foundAt[i - 1]!);
      roleOf(label(i - 2), label(i), label(i - 1), 'apposition');
      mentions[i - 1]!.governedBy = mentions[i]!.governedBy = ',';
    } else if (c.possessive && names[i]!.kind && m.named && /^\p{Lu}/u.test(label(i))) {
      // "Walter Penn's daughter Ada married …", "the club's captain Jory Thorne": the name holds the role (or is the
      // kin) of the owner, not a kind of its own, and no part of the owner.
      const kind = found.findIndex((f) => f.head === label(i) && f.relation === 'is_a' && f.tail === names[i]!.kind);
      if (kind >= 0) found.splice(kind, 1);
      roleOf(label(i), names[i]!.kind!, label(i - 1), 'apposition');
    } else if (c.possessive && /^(?:headquarters|head office|offices?|base|premises|home ground|clubhouse)$/.test(label(i)) && !c.whose) {
      // "The club's headquarters are in the old lifeguard hut": where the club is; the seat is no entity of its own.
      names[i] = { kind: null, name: label(i - 1) };
    } else if (c.possessive) {
      // "the island's barley": the barley is the mention; what pointed at the island points at it.
      add(label(i), 'part_of', label(i - 1));
      // (Not after "whose", which opens a clause: "operated by Ostby Ferries, whose owner" is still Ostby Ferries.)
      const owner = c.whose ? undefined : lastRelation[i - 1];
      if (owner) {
        found.splice(found.indexOf(owner), 1);
        if (owner.tail === label(i - 1)) add(owner.head, owner.relation, label(i));
        else add(label(i), owner.relation, owner.tail);
      }
    } else if (phrase === '' && c.comma && !c.article && isNamed(i - 1) && /^(?:of|at|in|from|on|near)$/.test(prev.governedBy ?? '') && isNamed(i) && !isPersonName(label(i)) && !/\d/u.test(label(i)) && !isTimeSpan(m.text)
      // (Not a role's holder: "The harbourmaster of Quellmoor, Teodric Vane," unless the role's "of" part is someone's
      // address, "son of Robert Ashby of Hollin Lane, Brindle".)
      && (!ofRole(i - 1) || / of \p{Lu}/u.test(label(i - 1)))
      && (!tokens[m.to] || /^[,.;]$/.test(tokens[m.to]!.text)) && !listGoesOn(i)) {
      // An address: "based in Brindle, North Yorkshire", "of Fernside, Wetherby": the second place holds the first (the
      // place a person is "of", for "Robert Ashby of Hollin Lane, Brindle").
      const place = / of (\p{Lu}[\p{L}' ]*)$/u.exec(label(i - 1))?.[1] ?? label(i - 1);
      add(place, 'located_in', label(i));
      // (… and no subject of the verb after it: "Peter, son of …, Tarnby, married Ruth Hale".)
      m.governedBy ??= 'in';
    } else if (phrase === '' && c.comma && ofRole(i - 1) && /^\p{Lu}/u.test(label(i)) && m.named && tokens[m.to]?.text !== 'and' && !listGoesOn(i)) {
      // (Not in a list: "built the chapel of Saint Brede, Otterby Mill and the North Mole" names three works.)
      // "The harbourmaster of Quellmoor, Teodric Vane, …": the role with its "of" part, held by the name.
      const role = ofRole(i - 1)!;
      dropPartOf(label(i - 2), label(i - 1));
      add(label(i), 'holds_role', role, 'apposition');
      add(label(i), relationLabel(`${label(i - 2)} of`), label(i - 1), 'apposition');
      appositionOf[i - 1] = i;
    } else if (phrase === '' && (c.comma || !/\s/u.test(label(i - 1))) && i >= 2 && !isNamed(i - 1) && isNamed(i) && connector(tokens.slice(mentions[i - 2]!.to, prev.from)).possessive) {
      // "The brewery's owner, Miriam Lark,": she holds the role with its owner, as "the owner of the brewery, X," would.
      // (So does a one-word role with no comma: "Walter Penn's daughter Ada married …".)
      roleOf(label(i), label(i - 1), label(i - 2), 'apposition');
      appositionOf[i - 1] = i;
    } else if (phrase === '' && c.comma && !c.relative && !isTimeSpan(m.text) && !(subordinate && tokens.findIndex((t) => t.text === ',') === tokens.findIndex((t, k) => k >= prev.to && t.text === ','))) {
      // Apposition ("Maren Ostgaard, a barley farmer") or the next item of a list; not the subject of a relative clause
      // ("The Powder House, which the band has used …").
      const prevNamed = /^\p{Lu}/u.test(label(i - 1)) && prev.named;
      const curNamed = /^\p{Lu}/u.test(label(i)) && m.named;
      let listed = lastRelation[i - 1]?.tail === label(i - 1) ? lastRelation[i - 1] : null;
      // "built the chapel of Saint Brede, Otterby Mill …": the list continues the verb's object, not the "of" part.
      if (listed?.relation === 'part_of' && i >= 2 && lastRelation[i - 2]?.tail === label(i - 2) && lastRelation[i - 2]!.relation !== 'part_of') listed = lastRelation[i - 2]!;
      // "Lindmoor, a hamlet of net-makers": an indefinite common noun after a name describes it, whatever came before.
      // ("founded by Harriet Brent, the daughter of Josiah Brent": a comma and "the" describe a name that is an object.)
      // (… so does bare kin: "married Lucy Hale, daughter of the shipowner Edward Hale".)
      const describes = prevNamed && !curNamed && (c.article === 'a' || c.article === 'an' || (c.article === 'the' && c.comma && !c.words.length) || (c.article === null && c.comma && !c.words.length && kinNoun.test(label(i))));
      // "owned by his granddaughter, Ilse Halden": the name is who the role noun is; the relation ends at the name.
      const closes = !mentions[i + 1] || connector(tokens.slice(m.to, mentions[i + 1]!.from)).words.length > 0 || tokens[m.to]?.text === '.';
      const namedRole = !prevNamed && curNamed && listed && listed.tail === label(i - 1) && listed.relation !== 'is_a' && listed.relation !== 'part_of'
        && /^(?:his|her|its|their|the|my|our|a|an)$/.test(tokens[prev.from - 1]?.lower ?? '') && closes;
      if (namedRole) {
        found.splice(found.indexOf(listed!), 1);
        add(listed!.head, listed!.relation, label(i));
        const kin = kinOwner(i - 1);
        if (kin) roleOf(label(i), label(i - 1), kin, 'apposition');
        // ("sold to a Norwegian firm, Brødrene Olsen": a kind, as "Lindmoor, a hamlet" is.)
        else if (/^an?$/u.test(tokens[prev.from - 1]!.lower)) add(label(i), 'is_a', label(i - 1), 'apposition');
        else add(label(i), 'holds_role', label(i - 1), 'apposition');
        appositionOf[i - 1] = i;
      } else if (prevNamed !== curNamed && (!listed || listed.relation === 'is_a' || describes)) {
        // ("Crewe was born in Thornbury, Gloucestershire, the son of a mill-owner": kin after a place is the subject's.)
        const placeBefore = prevNamed && /^(?:in|at|on|near|from)$/u.test(prev.governedBy ?? '') && kinNoun.test(label(i)) && subjectIndex(i - 1) >= 0;
        const [person, role] = placeBefore ? [subjectIndex(i - 1), i] : prevNamed ? [i - 1, i] : [i, i - 1];
        // "Lindmoor, a hamlet of net-makers": the kind keeps its "of" part.
        const next = mentions[role + 1];
        const link = role === i && next ? connector(tokens.slice(m.to, next.from)) : null;
        const ofEnd = link && link.words.join(' ') === 'of' && !link.comma ? next!.end : null;
        if (ofEnd !== null) absorbed.add(role + 1);
        // "Margaret Harker, head cheesemaker at Thwaite Bank Dairy": a role at a named place is the role's whole name (the
        // place is also where the person works, read at the next mention).
        // (A lone word with no article may be a verb read as a noun: "Maja Rusk, works at the Dunmore Bakery".)
        const atEnd = link && link.words.join(' ') === 'at' && !link.comma && isNamed(role + 1) && (c.article !== null || /\s/u.test(m.text)) ? next!.end : null;
        if (atEnd !== null) roleAt.add(role + 1);
        // The role's own article decides: "a launch, the Marsh Queen" names a kind (is_a) as "Lindmoor, a hamlet" does.
        // With no article, a phrase with its "of" part is a role ("Helen Quayle, managing director of Skerrow Ferries").
        const kind = role === i ? c.article !== 'the' && !(c.article === null && ofEnd !== null && isNamed(role + 1)) : /^an?$/.test(tokens[prev.from - 1]?.lower ?? '');
        // ("Beth Oakley, his daughter": kin after the name too, whatever its article.)
        const kin = ofEnd === null && (role < person ? !kind && kinOwner(role) : /^(?:his|her)$/i.test(c.article ?? '') && kinOwner(role, label(role), label(person))) || null;
        if (kin) roleOf(label(person), label(role), kin, 'apposition');
        else if (!kind && ofEnd === null && ours(role, role < person)) addOurRole(person, role, 'apposition');
        else {
          add(label(person), kind && atEnd === null ? 'is_a' : 'holds_role', ofEnd !== null || atEnd !== null ? text.slice(m.start, ofEnd ?? atEnd!) : label(role), 'apposition');
          // (… and the body one hop away: (Dennis Marsh, chairman_of, Shuttleby Canal Trust).)
          if (!kind && ofEnd !== null) add(label(person), relationLabel(`${label(role)} of`), label(role + 1), 'apposition');
        }
        appositionOf[role] = person;
        // "Brackwick Lifeboat Station, the granite boathouse, was built by …": an apposition closed by a comma is no
        // subject of the verb after it.
        // Nor is one a participle follows ("the Kestrel, a former coal barge owned by the trust").
        // (… nor one whose place closes it: "Ferncliffe Brewery, the independent brewery in Hebden Royd, will open …".)
        const placeCloses = /^(?:in|at|on|near)$/u.test(tokens[m.to]?.lower ?? '') && !!next && isNamed(role + 1) && next.from === m.to + 1 && tokens[next.to]?.text === ',';
        if (role === i && ofEnd === null && (tokens[m.to]?.text === ',' || /[a-z](?:ed|en)$/.test(tokens[m.to]?.lower ?? '') || placeCloses)) m.governedBy ??= ',';
      } else if (listed && prevNamed === curNamed) add(listed.head, listed.relation, label(i));
    } else if (phrase === 'and' && !m.named && lastTo(i - 1) && /^\p{Lu}/u.test(lastTo(i - 1)!.head)
      && mentions[i + 1] && isNamed(i + 1) && connector(tokens.slice(m.to, mentions[i + 1]!.from)).words.join(' ') === 'of' && !clauseAfter(i)) {
      // "Josiah Brent, engineer and founder of Ludgrave Locomotive Works", "X, an orchardist at Hollin Court and
      // president of Ludgrave Cricket Club,": a second role with its "of" part is the same person's.
      // (… "X was the husband of Dorothy and father of Anne" too.)
      const who = lastTo(i - 1)!.head;
      add(who, 'holds_role', text.slice(m.start, mentions[i + 1]!.end), 'apposition');
      add(who, relationLabel(`${label(i)} of`), label(i + 1), 'apposition');
      absorbed.add(i + 1);
      appositionOf[i] = mentions.findIndex((x, j) => j < i && label(j) === who);
    } else if (/^(and|or)$/.test(phrase) && lastRelation[i - 1]?.tail === label(i - 1) && !clauseAfter(i)) {
      const listed = lastRelation[i - 1]!;
      add(listed.head, listed.relation, label(i));
    } else if (/^(and|or)$/.test(phrase) && lastRelation[i - 1]?.head === label(i - 1) && lastRelation[i - 1]!.tail !== label(i - 1) && i >= 2
      && lastRelation[i - 1]!.tail === label(i - 2) && !clauseAfter(i)) {
      // "The Holm Trust owns the old school and the chapel": a verb read the other way round ((old school, owned_by,
      // Holm Trust)) lists its objects too.
      const listed = lastRelation[i - 1]!;
      add(label(i), listed.relation, listed.tail);
    } else if (phrase === 'as' && !m.named && lastRelation[i - 1]?.tail === label(i - 1) && !isTimeSpan(m.text)
      && (/^\p{Lu}/u.test(lastRelation[i - 1]!.head) || (appointing.test(lastRelation[i - 1]!.relation) && /^\p{Lu}/u.test(label(i - 1))))
      && !/\b(?:man|woman|girl|boy|child|children|youngster|teenager|lad|lass|baby|student|pupil|apprentice)$/.test(label(i))) {
      // (Not a time of life: "moved to Otterby as a young man".)
      // "Ada Quill succeeded Peter Oake as chairman of the trust": the role is the subject's, with its "of" part.
      const next = mentions[i + 1];
      const link = next ? connector(tokens.slice(m.to, next.from)) : null;
      // (Whom a body appoints, elects or names takes the role, the body's when "its": "The trust has appointed Sarah Lusk as
      // its new chief executive".)
      const appointed = appointing.test(lastRelation[i - 1]!.relation);
      const who = appointed ? lastRelation[i - 1]!.tail : lastRelation[i - 1]!.head;
      const its = appointed && /^(?:its|their)$/i.test(tokens[m.from - 1]?.text ?? '') ? lastRelation[i - 1]!.head : null;
      if (link && link.words.join(' ') === 'of' && !link.comma && next!.named) {
        roleOf(who, label(i), label(i + 1));
        absorbed.add(i + 1);
      } else if (its) roleOf(who, label(i).replace(/^(?:new|present|current|first)\s+/u, ''), its);
      else add(who, 'holds_role', label(i));
    } else if (phrase === 'at' && /^(?:[a-z]+teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty(?:-[a-z]+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})$/.test(m.text)) {
      // "joined the crew at seventeen": an age, no place.
    } else if (phrase === 'of' && !c.comma && partOfPlace.test(label(i - 1)) && isNamed(i) && !isNamed(i - 1) && lastRelation[i - 1]?.tail === label(i - 1)) {
      // "Askeby lies on the north shore of Vennmere", "a village on the south shore of Vennmere": the relation reaches
      // the named place; the shore is where on it.
      const at = lastRelation[i - 1]!;
      found.splice(found.indexOf(at), 1);
      add(at.head, at.relation, label(i), at.extractor);
    } else if (phrase === 'from' && /^(?:gift|present|donation|bequest|legacy)$/.test(label(i - 1)) && lastRelation[i - 1]?.relation === 'is_a' && lastRelation[i - 1]!.tail === label(i - 1)) {
      // "Great Aidan was a gift from Sir Henry Brackley": who gave it.
      const gift = lastRelation[i - 1]!;
      found.splice(found.indexOf(gift), 1);
      add(gift.head, 'given_by', label(i));
    } else if (phrase === 'for' && lastRelation[i - 1]?.relation.endsWith('_by') && lastRelation[i - 1]!.tail === label(i - 1) && isNamed(i) && !c.comma) {
      // "It was built in 1781 by the millwright Samuel Whitby for the Earl of Harbury": whom it was built for.
      add(lastRelation[i - 1]!.head, lastRelation[i - 1]!.relation.replace(/_by$/, '_for'), label(i));
    } else if (phrase === 'for' && lastRelation[i - 1]?.relation === 'in_year' && yearAgent(i) && isNamed(i) && !c.comma) {
      // ("It was built in 1822 for the miller John Cork".)
      add(lastRelation[i - 1]!.head, yearAgent(i)!.replace(/_by$/, '_for'), label(i));
    } else if (phrase === 'from' && isYear(m.text)) {
      // "served as its president from 1978 to 1990": a span of years dates no thing.
    } else if (phrase in prepositionRules || (phrase === 'in' && isYear(m.text))) {
      const rel = isYear(m.text) ? 'in_year' : prepositionRules[phrase]!;
      // "the course held each April at Brennock Hall": the place is the course's, not April's.
      // A year dates the clause's subject, not the agent or object before it ("was built by the guild in 1841").
      // "Askeby lies on the north shore of Vennmere, in the county of Harnmoor": after a comma, the place is the subject's.
      // "Carrow is a harbour town in the county of Westmarch": the place of a kind is the place of what is that kind.
      // ("Ashdown & Vane is a printing works in Kelsworth, on Mill Lane": after the comma too.)
      // ("Hetty Marr, who founded the choir in 1921, …": inside a relative clause, the year dates the clause's object, as
      // "Hetty Marr founded the choir in 1921" does, not the antecedent.)
      const relativeObject = rel === 'in_year' && inRelative.has(i) && inRelative.has(i - 1) && mentions[i - 1]!.governedBy === 'which';
      // ("She came to Brackley from Durham": where she came from, not where Brackley did.)
      const fromAfterTo = rel === 'comes_from' && /^(?:to|into)$/.test(prev.governedBy ?? '');
      // ("who joined us in 2016 from Marsden Junior School": where one came from, past the time, is the one's.)
      const host = relativeObject ? i - 1 : rel === 'in_year' || (rel === 'located_in' && c.comma) || fromAfterTo ? subjectIndex(i - 1) : (rel === 'located_in' || rel === 'comes_from') && isTimeSpan(prev.text) && i >= 2 ? i - 2 : i - 1;
      // ("a family firm of boatbuilders based at Pike Wharf": the kind keeps its "of" part.)
      const kindOf = host >= 0 && lastRelation[host]?.relation === 'is_a' && (lastRelation[host]!.tail === label(host) || lastRelation[host]!.tail.startsWith(`${label(host)} of `)) ? lastRelation[host]!.head : null;
      // ("a ceilidh band formed by Ewan Renwick in 1994": the year dates what the agent formed.)
      const agented = rel === 'in_year' && !c.comma && lastRelation[i - 1]?.tail === label(i - 1) && /^[a-z]+_by$/.test(lastRelation[i - 1]!.relation) ? lastRelation[i - 1]!.head : null;
      const hostName = agented ?? (rel === 'located_in' && kindOf ? kindOf : host < 0 ? pronoun ?? label(i - 1) : label(host));
      // "on feast days", "in the 1930s": when, not where.
      // ("from Easter", "from 1 March 2026": when, not where from.)
      const when = (rel === 'located_in' || rel === 'serves' || rel === 'comes_from') && (isTimeSpan(m.text) || /^\d{1,2}\s+\p{Lu}\p{Ll}+(?:\s+\d{4})?$/u.test(m.text));
      // Where the verb happens: "teaches music at Wrenfold School" (the verb's common-noun object), "we rehearse every
      // Monday evening at the hall" (a time): the subject's verb with the preposition, (X, teach_at, Wrenfold School).
      // (The vocabulary's own labels, "keeps", "serves", are no verb to add a preposition to.)
      const object = lastRelation[i - 1] ?? (i === 1 ? pronounObject : null);
      const verbAt = rel !== 'located_in' || when ? null
        // ("worked as a drover at X": the verb of "work_as" works at X.)
        : object && object.tail === label(i - 1) && /^[a-z]+(?:_as)?$/.test(object.relation) && !vocabularyLabels.has(object.relation) && !isNamed(i - 1) ? { head: object.head, verb: object.relation.replace(/_as$/, '') }
        : isTimeSpan(prev.text) ? verbBefore(i - 1) : null;
      if (verbAt && verbAt.head !== hostName) add(verbAt.head, relationLabel(`${verbAt.verb} ${phrase}`), label(i));
      // After a time, the place is the verb's: not that of whatever came before the time ("46 members … every Monday").
      const timeVerb = verbAt && isTimeSpan(prev.text) && verbAt.head !== hostName;
      // "Harold Crake, a boilersmith at Ludgrave Locomotive Works": a person's occupation at a name is where they work.
      const worksAt = (who: string) => phrase === 'at' && rel === 'located_in' && isNamed(i) && isKnownPerson(who);
      if (!(rel === 'part_of' && absorbed.has(i)) && !roleAt.has(i) && !when && !timeVerb && !isTimeSpan(hostName)) add(hostName, kindOf === hostName && worksAt(hostName) ? 'works_at' : rel, label(i));
      // "built by the men of Crayle": an agent that is a common noun "of" a name is the whole phrase.
      const agentOf = rel === 'part_of' && !c.comma && object && object.tail === label(i - 1) && /_by$/.test(object.relation) && !isNamed(i - 1) && isNamed(i) ? object : null;
      if (agentOf) {
        // ("made by the firm of Morris & Co.": a firm's name is the firm.)
        found.splice(found.indexOf(agentOf), 1, { ...agentOf, tail: /^(?:firm|company|house|partnership)$/u.test(label(i - 1)) ? label(i) : `${label(i - 1)} of ${label(i)}` });
        dropPartOf(label(i - 1), label(i));
      }
      // "The works prints the first issue of the Kelsworth Courier": a verb's common-noun object "of" a name is also
      // the name's (the works prints the Courier).
      if (rel === 'part_of' && !absorbed.has(i) && !c.comma && object && object.tail === label(i - 1) && /^[a-z]+$/.test(object.relation)
        && !vocabularyLabels.has(object.relation) && !isNamed(i - 1) && isNamed(i)) add(object.head, object.relation, label(i));
      const person = appositionOf[i - 1];
      if (person !== null && person !== undefined && rel !== 'part_of' && !when) add(label(person), worksAt(label(person)) ? 'works_at' : rel, label(i));
    } else if (/^(is|are|was|were)$/.test(phrase)) {
      // "Margaret Alder, who has died aged 88, was matron of …": after a relative clause's closing comma, the copula's
      // subject is the clause's antecedent.
      const hd = c.comma && inRelative.has(i - 1) && subjectIndex(i - 1) >= 0 ? subjectIndex(i - 1) : i - 1;
      const headNamed = mentions[hd]!.named && /^\p{Lu}/u.test(label(hd));
      // ("an English weaver": a name takes no indefinite article; the capital is an adjective's.)
      const tailNamed = m.named && /^\p{Lu}/u.test(label(i)) && !/^an?$/.test(c.article ?? '');
      const next = mentions[i + 1];
      const nextLink = next ? connector(tokens.slice(m.to, next.from)) : null;
      const ofNext = next !== undefined && nextLink?.words.join(' ') === 'of';
      // "The bee warden is Saoirse Quinlan" names a role; "The sheep are the Skerrow Grey" a kind.
      const role = /^(is|was)$/.test(phrase) ? 'holds_role' : 'is_a';
      // "X is the archivist of Fenwick Abbey": X holds the role "archivist of Fenwick Abbey"; "X is a guild of masons": a kind.
      // "X is a member of the Otterby Trust": one of the trust's members, (X, member_of, Otterby Trust).
      const roleOfName = ofRole(i - 1);
      if (label(i) === 'home' && c.article === null && nextLink?.words.join(' ') === 'to' && !nextLink.comma) {
        // "Marrowby is home to the Fenwick Rope Works and to a lifeboat station": each is in it.
        for (let k = i + 1; k < mentions.length; k++) {
          add(label(k), isKnownPerson(label(k)) ? 'lives_in' : 'located_in', label(hd));
          taken.add(k);
          const link = mentions[k + 1] ? connector(tokens.slice(mentions[k]!.to, mentions[k + 1]!.from)) : null;
          if (!link || !/^(?:and|and to|to|)$/.test(link.words.join(' ')) || (!link.words.length && !link.comma)) break;
        }
      } else if (headNamed && !tailNamed && ofNext && c.article !== 'the' && isNamed(i + 1)) {
        add(label(hd), relationLabel(`${label(i)} of`), label(i + 1));
        absorbed.add(i + 1);
      } else if (headNamed && !tailNamed && ofNext) {
        // ("X was foreman of the rope walk": a role with no article is a role too.)
        const held = c.article === 'the' || c.article === null;
        add(label(hd), held ? 'holds_role' : 'is_a', text.slice(m.start, next.end));
        // … and, so that Fenwick Abbey stays one hop away, (X, archivist_of, Fenwick Abbey).
        if (held) add(label(hd), relationLabel(`${label(i)} of`), label(i + 1));
        absorbed.add(i + 1);
      } else if (roleOfName && tailNamed && i >= 2) {
        // "The harbour master of Carrow is Edda Quill": she holds the role, and is the sentence's subject.
        dropPartOf(label(i - 2), label(i - 1));
        add(label(i), 'holds_role', roleOfName);
        add(label(i), relationLabel(`${label(i - 2)} of`), label(i - 1));
        roleHolder = label(i);
      }
      // ("who has been the island's harbourmaster": the island is the role's owner, read at the next mention.)
      else if (headNamed && !tailNamed && !nextLink?.possessive) add(label(hd), c.article === 'the' ? role : 'is_a', label(i));
      else if (!headNamed && tailNamed && role === 'holds_role' && ours(i - 1)) addOurRole(i, i - 1);
      else if (!headNamed && tailNamed && role === 'holds_role' && i >= 2 && connector(tokens.slice(mentions[i - 2]!.to, prev.from)).possessive) {
        // "The garden's curator is Dr Imogen Pask": the curator of the garden, as "the brewery's owner, X," is its owner.
        roleOf(label(i), label(i - 1), label(i - 2));
        roleHolder = label(i);
      }
      else if (!headNamed && tailNamed) add(label(i), role, label(i - 1));
    } else if (c.words.length && c.words[c.words.length - 1] === 'in' && isYear(m.text) && c.words.length <= 3) {
      // ("the Corris Bank Railway Society, a charity founded in 1967 by …": a participle's year right after an appositive
      // kind dates the named one.)
      const appositive = !c.comma && c.words.length === 2 && /[a-z](?:ed|en)$/u.test(c.words[0]!) && mentions[i - 1]!.governedBy === ',' ? appositionOf[i - 1] ?? null : null;
      add(appositive !== null ? label(appositive) : clauseHead, 'in_year', label(i));
    } else if (phrase === 'by' && lastRelation[i - 1]?.relation === 'in_year' && yearAgent(i)) {
      // "was founded in 1859 by Amos Thorne": the agent of the participle before the year.
      add(lastRelation[i - 1]!.head, yearAgent(i)!, label(i));
    } else if (phrase === 'by' && ((prev.governedBy && prev.governedBy !== 'by') || isTimeSpan(prev.text) || isYear(prev.text)) && !c.comma) {
      // (… and "The mill was given to the society in 1975 by Margaret Cork": past the place and the year.)
      // "She will be named on Brackwick quay on 10 May by Nell Gorran": the agent of the passive verb before the places
      // and times, whose subject is the clause's.
      // (Or a participle after a comma: "Crayle Cricket Club, captained this season by Sam Oakes,".)
      let k = prev.from - 1;
      while (k > 0 && !(verbs.has(tokens[k]!.start) && /^(?:be|been|being|is|are|was|were|,)$/.test(tokens[k - 1]!.lower))) k--;
      if (k > 0) {
        const before = mentions.findLastIndex((x) => x.to <= k - 1);
        const head = before >= 0 ? subjectOf(before) : pronoun;
        if (head) add(head, `${tokens[k]!.lower}_by`, label(i));
      }
    } else if (phrase === 'with' && !c.comma && isNamed(i) && !isNamed(i - 1) && verbObject(i - 1)) {
      // "She plays fiddle with the Wendle Ramblers": the verb's common-noun object, then whom it is done with.
      add(verbObject(i - 1)!.head, `${verbObject(i - 1)!.relation}_with`, label(i));
    } else if (phrase === 'to' && found.some((f) => f.relation === 'departs_from' && f.tail === label(i - 1))) {
      add(found.find((f) => f.relation === 'departs_from')!.head, 'travels_to', label(i));
    } else {
      // ("was opened on Saturday": a time is no place.)
      const rule = verbRules.find((r) => r.pattern.test(phrase) && !(r.label === 'located_in' && isTimeSpan(m.text)));
      // ("Hollins & Vey is a family firm of boatbuilders based at Pike Wharf": a participle after the subject's kind is
      // the subject's.)
      const kindHead = (h: string) => found.find((f) => f.relation === 'is_a' && f.tail !== f.head && (f.tail === h || f.tail.startsWith(`${h} of `)))?.head ?? h;
      if (rule) {
        for (const head of c.relative ? [clauseHead] : coSubjects(i - 1).map(kindHead)) {
          if (rule.inverse) add(label(i), rule.label, head);
          else add(head, rule.label, label(i));
        }
      } else if (/^(sails?|sailed|leaves?|departs?) from$/.test(phrase)) add(clauseHead, 'departs_from', label(i));
      else if (/^(?:became|become|becomes)$/.test(phrase) && c.article !== 'a' && c.article !== 'an' && !m.named && !isYear(m.text) && !isTimeSpan(m.text)) {
        // "Henry Roe became harbour master of Whitfield in 1912": the role he took, with its "of" part (a name).
        takeRole(i, c.relative ? [clauseHead] : coSubjects(i - 1), true);
      }
      else if (c.words.length === 1 && /\p{Ll}ed$/u.test(phrase) && !c.article && (!m.named || (appointing.test(phrase) && /^\p{Lu}\p{Ll}+$/u.test(label(i)) && !isPersonName(label(i)))) && !isYear(m.text)
        && tokens.slice(prev.to, m.from).some((t) => /^(?:is|was|were|are|been)$/.test(t.lower)) && tokens[m.from - 1]?.lower === phrase) {
        // "Maggie Trewin was elected secretary of the band": a bare noun after a passive verb (no article: "was
        // appointed director", "was made captain") is a role the subject takes, with its "of" part.
        // (… a capitalised one too after an appointing verb: "Ann Fisk was elected Treasurer".)
        takeRole(i, c.relative ? [clauseHead] : coSubjects(i - 1), false);
      } else {
        const open = openLabel(tokens.slice(prev.to, m.from), verbs, tokens[m.from]?.kind === 'num' || numbers.has(tokens[m.from]?.start ?? -1));
        if (open) {
          // "X is a niece of Y and works at Z": a verb after "and" is the sentence subject's (named by its apposition, if any).
          // (Not a possessor: in "The club's captain, Jory Thorne, … and works at …" the captain, Jory Thorne, works.)
          const first = c.words[0] === 'and' ? mentions.findIndex((x, j) => !x.governedBy && !possessor(j)) : -1;
          const sentenceSubject = c.words[0] === 'and' ? pronoun ?? (first < 0 ? null : label(appositionOf[first] ?? first)) : null;
          // ("the Wendle Ramblers, a ceilidh band formed by Ewan Renwick": a participle right after an appositive kind is
          // the named one's, whatever the clause's subject.)
          const appositive = !c.comma && /_by$/.test(open) && mentions[i - 1]!.governedBy === ',' ? appositionOf[i - 1] ?? null : null;
          // "launched by a group of volunteers led by Colin Ashworth": the leader of an agent that is no name is the agent, in
          // its place ("a group" says nothing, and would join every document's groups; leading verbs only: "built by masons
          // trained by X" was not built by X).
          // ("a group of volunteers": the agent is the noun before "of".)
          const led = i >= 2 && mentions[i - 1]!.governedBy === 'of' && !isNamed(i - 1) ? i - 2 : i - 1;
          const agent = /^(?:led|headed|chaired|organi[sz]ed)_by$/.test(open) && !isNamed(led) && lastRelation[led]?.tail === label(led) && /^[a-z]+_by$/.test(lastRelation[led]!.relation) ? lastRelation[led]! : null;
          const heads = c.relative ? [clauseHead] : appositive !== null ? [label(appositive)] : sentenceSubject ? [sentenceSubject] : coSubjects(i - 1);
          // "… a founder member of the Pennock Women's Institute and served as its president": a role "as its" noun is
          // the role of the last body the sentence named.
          const body = /_as$/.test(open) && /^(?:its|their)$/.test(c.article ?? '') && !m.named ? mentions.findLastIndex((x, j) => j < i && isNamed(j) && !isKnownPerson(label(j))) : -1;
          // ("An old shipwright called Ifor Jenkins": the name says who the kind is.)
          const called = c.words.length === 1 && /^(?:called|named)$/u.test(c.words[0]!) && !isNamed(i - 1) && isNamed(i);
          if (called) {
            add(label(i), 'is_a', label(i - 1));
            appositionOf[i - 1] = i;
            // (… and what was said of the kind is the name's: "kept by a cheerful woman called Mary Tallon".)
            const said = lastTo(i - 1);
            if (said && said.relation !== 'is_a') found.splice(found.indexOf(said), 1, { ...said, tail: label(i) });
          } else if (agent) found.splice(found.indexOf(agent), 1, { ...agent, tail: label(i) });
          else if (body >= 0) for (const head of heads) roleOf(head, label(i), label(body));
          // (A time is no object: "captained this season by …", "rehearse every Monday".)
          else if (!isTimeSpan(m.text)) for (const head of heads) add(head, open, label(i));
        }
      }
    }
    if (found.length > before) lastRelation[i] = found[found.length - 1]!;
  }
  // "Castlebury Castle is a Norman castle built by Robert de Vere in 1086", "William Roe was a master mariner from
  // Whitfield": what the sentence says of the kind it gives a name, it says of the name.
  const kindOfName = new Map(found.filter((f) => f.relation === 'is_a' && /^\p{Lu}/u.test(f.head) && !/^[\d一二三四五六七八九十]/u.test(f.tail) && !/^\p{Lu}/u.test(f.tail.replace(/^[\p{Lu}][\p{Ll}]+ (?=\p{Ll})/u, ''))).map((f) => [f.tail, f.head]));
  for (const f of found) {
    const name = kindOfName.get(f.head);
    if (name && f.relation !== 'is_a' && f.relation !== 'named' && f.relation !== 'mentioned_with' && f.tail !== name) f.head = name;
  }
  // "She is the niece of the club's president, Martin Pascoe": kin "of" a role whose holder the sentence names is that
  // holder's kin.
  for (const f of [...found]) {
    if (f.relation !== 'holds_role' || !kinNoun.test(f.tail) || / of /.test(f.tail)) continue;
    const at = mentions.findIndex((x, j) => label(j) === f.tail && !x.named);
    const ofNext = at >= 0 && mentions[at + 1] && connector(tokens.slice(mentions[at]!.to, mentions[at + 1]!.from)).words.join(' ') === 'of';
    const holder = ofNext ? mentions.findIndex((x, j) => j > at + 1 && isNamed(j) && isKnownPerson(label(j)) && tokens[x.from - 1]?.text === ',') : -1;
    if (holder < 0 || label(holder) === f.head) continue;
    found.splice(found.indexOf(f), 1);
    for (const g of found.filter((x) => x.relation === 'part_of' && x.head === f.head && x.tail === label(holder))) found.splice(found.indexOf(g), 1);
    roleOf(f.head, f.tail, label(holder));
  }
  // "run by volunteers from the Ludgrave Railway Society": the agent is the body the people come from.
  for (const f of [...found]) {
    if (!f.relation.endsWith('_by') || !/^\p{Ll}[\p{Ll} -]*s$/u.test(f.tail)) continue;
    const from = found.find((g) => g.head === f.tail && g.relation === 'comes_from' && /^\p{Lu}/u.test(g.tail));
    if (!from) continue;
    f.tail = from.tail;
    found.splice(found.indexOf(from), 1);
  }
  // Named mentions in one sentence that no rule connected.
  // Pairs already connected here, directly or through one shared mention (items of one list), are skipped.
  const near = new Map<string, Set<string>>();
  const link = (a: string, b: string) => (near.get(a) ?? near.set(a, new Set()).get(a)!).add(b);
  for (const f of found) link(f.head, f.tail), link(f.tail, f.head);
  const linked = new Set<string>();
  for (const [a, ns] of near) for (const b of ns) for (const c of [b, ...(near.get(b) ?? [])]) linked.add(`${a}\u0000${c}`);
  // (A time is no name: "Monday evening" shares a sentence with everything.)
  const named = mentions.map((m, i) => (m.named && /\p{Lu}/u.test(label(i)) && !isTimeSpan(m.text) ? label(i) : null));
  for (let a = 0; a < named.length; a++) {
    for (let b = a + 1; b < named.length; b++) {
      const x = named[a];
      const y = named[b];
      if (!x || !y || x === y || linked.has(`${x}\u0000${y}`) || linked.has(`${y}\u0000${x}`)) continue;
      linked.add(`${x}\u0000${y}`);
      add(x, 'mentioned_with', y, 'co-occurrence');
    }
  }
  // (Not a possessor: "The trust's chairman, Peter Oakley, led …" is about the chairman.)
  // (Nor an opening time: "Most days our oldest engine, Meirion, hauls the trains" is about the engine.)
  const first = mentions.findIndex((m, j) => !m.governedBy && !(possessor(j) && !mentions[j + 1]!.governedBy) && !(j === 0 && isTimeSpan(m.text) && mentions.length > 1));
  // ("The head brewer, Ada Quill, came in 2004": the role's appositive name is the subject.)
  const firstHolder = first >= 0 ? appositionOf[first] : null;
  return { found, subject: pronoun ?? roleHolder ?? (first >= 0 ? label(firstHolder !== null && firstHolder !== undefined && firstHolder > first ? firstHolder : first) : previousSubject) };
}
