// Triples from one sentence: the phrase between two neighbouring mentions names
// their relation ("belongs to" → owned_by), a lone preposition attaches a place
// or a part, a comma makes an apposition or continues a list, "X is the Y of Z"
// names a role, and named mentions left unconnected co-occur.
import { relationLabel } from './normalize';
import { prepositionRules, verbRules } from './relations';
import { findMentions, tokenize, type Mention, type Token } from './mentions';
import { subjectPronouns } from './words';

export interface Found {
  head: string;
  relation: string;
  tail: string;
  extractor: 'pattern' | 'apposition' | 'co-occurrence';
}

const auxiliaries = /^(?:is|are|was|were|be|been|being|may|must|can|could|will|would|should|shall|has|have|had|do|does|did)$/;
const adverbs = /^(?:also|only|still|now|never|always|often|usually|first|then|later|again|once|all|both|itself|themselves)$/;
const determiners = /^(?:the|a|an|its|their|his|her|our|every|each|all|any|that|this|these|those)$/;
const isYear = (text: string) => /^(1[0-9]|20)\d\d$/.test(text.trim());
const timeWords = /^(?:(?:\d+(?:st|nd|rd|th)?\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|winter|easter|midwinter|day|week|month|year|morning|evening|night|weekend)s?(?:\s+\d+)?|\d{1,2}[:.]\d\d|(1[0-9]|20)\d\d)$/i;
/** Months, weekdays, seasons, years, clock times: a place after one belongs to the mention before it. */
const isTime = (text: string) => timeWords.test(text.trim());

/** The connecting phrase, lower case: relative pronoun, auxiliaries, adverbs and a trailing article removed. */
function connector(tokens: Token[]): { words: string[]; article: string | null; comma: boolean; relative: boolean; possessive: boolean } {
  const raw = tokens.map((t) => t.lower);
  const comma = raw[0] === ',';
  const possessive = raw[0] === "'s" && raw.slice(1).every((w) => w === 'own');
  let words = raw.filter((w) => w !== ',');
  // "the spring, which belongs to …": the clause is about the mention just before it.
  const relative = !!words[0] && /^(who|which|that)$/.test(words[0]);
  if (relative) words = words.slice(1);
  // "is written down and given to": the last verb group names the relation.
  const and = words.lastIndexOf('and');
  if (and > 0 && and < words.length - 1) words = words.slice(and + 1);
  let article: string | null = null;
  if (words.length && determiners.test(words[words.length - 1]!)) article = words.pop()!;
  const copula = words.length === 1 && /^(is|are|was|were)$/.test(words[0]!);
  if (!copula) words = words.filter((w, i) => !(adverbs.test(w) || (auxiliaries.test(w) && i < words.length - 1) || (auxiliaries.test(w) && words.length > 1)));
  return { words, article, comma, relative, possessive };
}

/** A mention "ferry MV Kittiwake" is the name "MV Kittiwake" with its kind in front. */
function splitKind(m: Mention, tokens: Token[]): { kind: string | null; name: string } {
  const run = tokens.slice(m.from, m.to);
  const firstCap = run.findIndex((t) => /^\p{Lu}/u.test(t.text));
  if (firstCap <= 0 || run[0]!.kind === 'num' || run.slice(firstCap).some((t) => t.kind === 'word' && !/^\p{Lu}/u.test(t.text))) return { kind: null, name: m.text };
  return { kind: run.slice(0, firstCap).map((t) => t.text).join(' '), name: m.text.slice(run[firstCap]!.start - m.start) };
}

export interface SentenceResult {
  found: Found[];
  /** The first mention that is not a preposition's object: what a following "It …" refers to. */
  subject: string | null;
}

/** Triples in text[start, end). `previousSubject` resolves a leading pronoun. */
export function analyzeSentence(text: string, start: number, end: number, commonWords: ReadonlySet<string>, previousSubject: string | null): SentenceResult {
  const tokens = tokenize(text, start, end);
  const mentions = findMentions(tokens, text, commonWords);
  const names = mentions.map((m) => splitKind(m, tokens));
  const found: Found[] = [];
  const add = (head: string, relation: string, tail: string, extractor: Found['extractor'] = 'pattern') => {
    if (head && tail && head !== tail) found.push({ head, relation, tail, extractor });
  };
  names.forEach((n, i) => {
    if (n.kind) add(n.name, 'is_a', n.kind, 'apposition');
    else if (/^\p{Lu}/u.test(mentions[i]!.text) && /\s\p{Ll}+$/u.test(mentions[i]!.text) && mentions[i]!.named) {
      const cap = mentions[i]!.text.match(/^(?:\p{Lu}[\p{L}'’-]*\s)+/u)?.[0]?.trim();
      // At a sentence's start a capital proves nothing: "Drinking water" is not named after "Drinking".
      if (cap && (mentions[i]!.from > 0 || cap.includes(' '))) add(mentions[i]!.text, 'named', cap);
    }
  });
  const label = (i: number) => names[i]!.name;
  // A pronoun opening the sentence stands for the previous sentence's subject.
  const pronoun = tokens[0] && subjectPronouns.has(tokens[0].lower) && previousSubject ? previousSubject : null;
  const subjectOf = (i: number): string => {
    for (let k = i; k >= 0; k--) if (!mentions[k]!.governedBy) return label(k);
    return pronoun ?? label(i);
  };
  const lastRelation: (Found | null)[] = [];
  const appositionOf: (number | null)[] = mentions.map(() => null);

  for (let i = 0; i < mentions.length; i++) {
    lastRelation[i] = null;
    const m = mentions[i]!;
    if (i === 0) {
      if (pronoun) {
        const c = connector(tokens.slice(1, m.from));
        const rule = verbRules.find((r) => r.pattern.test(c.words.join(' ')));
        if (rule) add(rule.inverse ? label(0) : pronoun, rule.label, rule.inverse ? pronoun : label(0));
        else if (c.words.length >= 1 && c.words[c.words.length - 1] === 'in' && isYear(m.text)) add(pronoun, 'in_year', m.text);
      }
      continue;
    }
    const prev = mentions[i - 1]!;
    const c = connector(tokens.slice(prev.to, m.from));
    const phrase = c.words.join(' ');
    const before = found.length;
    const clauseHead = c.relative ? label(i - 1) : subjectOf(i - 1);
    if (c.possessive) {
      // "the island's barley": the barley is the mention; what pointed at the island points at it.
      add(label(i), 'part_of', label(i - 1));
      const owner = lastRelation[i - 1];
      if (owner) {
        found.splice(found.indexOf(owner), 1);
        if (owner.tail === label(i - 1)) add(owner.head, owner.relation, label(i));
        else add(label(i), owner.relation, owner.tail);
      }
    } else if (phrase === '' && c.comma) {
      // Apposition ("Maren Ostgaard, a barley farmer") or the next item of a list.
      const prevNamed = /^\p{Lu}/u.test(label(i - 1)) && prev.named;
      const curNamed = /^\p{Lu}/u.test(label(i)) && m.named;
      const listed = lastRelation[i - 1]?.tail === label(i - 1) ? lastRelation[i - 1] : null;
      if (prevNamed !== curNamed && (!listed || listed.relation === 'is_a')) {
        const [person, role] = prevNamed ? [i - 1, i] : [i, i - 1];
        add(label(person), c.article === 'the' || (!prevNamed) ? 'holds_role' : 'is_a', label(role), 'apposition');
        appositionOf[role] = person;
      } else if (listed && prevNamed === curNamed) add(listed.head, listed.relation, label(i));
    } else if (/^(and|or)$/.test(phrase) && lastRelation[i - 1]?.tail === label(i - 1)) {
      const listed = lastRelation[i - 1]!;
      add(listed.head, listed.relation, label(i));
    } else if (phrase in prepositionRules || (phrase === 'in' && isYear(m.text))) {
      const rel = isYear(m.text) ? 'in_year' : prepositionRules[phrase]!;
      // "the course held each April at Brennock Hall": the place is the course's, not April's.
      const host = rel === 'located_in' && isTime(prev.text) && i >= 2 ? i - 2 : i - 1;
      add(label(host), rel, label(i));
      const person = appositionOf[i - 1];
      if (person !== null && person !== undefined && rel !== 'part_of') add(label(person), rel, label(i));
    } else if (/^(is|are|was|were)$/.test(phrase)) {
      const headNamed = prev.named && /^\p{Lu}/u.test(label(i - 1));
      const tailNamed = m.named && /^\p{Lu}/u.test(label(i));
      const next = mentions[i + 1];
      const ofNext = next && connector(tokens.slice(m.to, next.from)).words.join(' ') === 'of';
      // "The bee warden is Saoirse Quinlan" names a role; "The sheep are the Skerrow Grey" a kind.
      const role = /^(is|was)$/.test(phrase) ? 'holds_role' : 'is_a';
      if (headNamed && !tailNamed && ofNext) add(label(i - 1), relationLabel(`${label(i)} of`), label(i + 1));
      else if (headNamed && !tailNamed) add(label(i - 1), c.article === 'the' ? role : 'is_a', label(i));
      else if (!headNamed && tailNamed) add(label(i), role, label(i - 1));
    } else if (c.words.length && c.words[c.words.length - 1] === 'in' && isYear(m.text) && c.words.length <= 3) {
      add(clauseHead, 'in_year', label(i));
    } else if (phrase === 'to' && found.some((f) => f.relation === 'departs_from' && f.tail === label(i - 1))) {
      add(found.find((f) => f.relation === 'departs_from')!.head, 'travels_to', label(i));
    } else {
      const rule = verbRules.find((r) => r.pattern.test(phrase));
      if (rule) {
        const head = clauseHead;
        if (rule.inverse) add(label(i), rule.label, head);
        else add(head, rule.label, label(i));
      } else if (/^(sails?|sailed|leaves?|departs?) from$/.test(phrase)) add(clauseHead, 'departs_from', label(i));
    }
    if (found.length > before) lastRelation[i] = found[found.length - 1]!;
  }
  // Named mentions in one sentence that no rule connected.
  // Pairs already connected here, directly or through one shared mention (items of one list), are skipped.
  const near = new Map<string, Set<string>>();
  const link = (a: string, b: string) => (near.get(a) ?? near.set(a, new Set()).get(a)!).add(b);
  for (const f of found) link(f.head, f.tail), link(f.tail, f.head);
  const linked = new Set<string>();
  for (const [a, ns] of near) for (const b of ns) for (const c of [b, ...(near.get(b) ?? [])]) linked.add(`${a}\u0000${c}`);
  const named = mentions.map((m, i) => (m.named && /\p{Lu}/u.test(label(i)) ? label(i) : null));
  for (let a = 0; a < named.length; a++) {
    for (let b = a + 1; b < named.length; b++) {
      const x = named[a];
      const y = named[b];
      if (!x || !y || x === y || linked.has(`${x}\u0000${y}`) || linked.has(`${y}\u0000${x}`)) continue;
      linked.add(`${x}\u0000${y}`);
      add(x, 'mentioned_with', y, 'co-occurrence');
    }
  }
  const first = mentions.findIndex((m) => !m.governedBy);
  return { found, subject: pronoun ?? (first >= 0 ? label(first) : previousSubject) };
}
