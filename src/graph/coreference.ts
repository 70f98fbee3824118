// Definite descriptions across a document: after "The Dunmore masons are a guild of stonemasons", "the guild" is the
// Dunmore masons; after "Lise Aamot, the master of the Dunmore masons, …", "the master" is Lise Aamot. A bare common
// noun that heads exactly one named entity's kind (is_a) or role (holds_role) in the document stands for that entity.
// A noun two entities share ("the guild" in a document about two guilds) stays as it is.
import type { Triple } from './types';

/** The head noun of a kind or role phrase: "guild of stonemasons" → guild, "master of the Dunmore masons" → master, "ferry" → ferry. */
function headNoun(phrase: string): string | null {
  // The part before the first preposition, without its article: at most three lower-case words, the last the head.
  const core = phrase.trim().split(/\s+(?:of|for|in|at|on|from|with)\s+/u)[0]!.replace(/^(?:the|a|an)\s+/iu, '');
  const words = core.split(/\s+/);
  if (words.length > 3 || !words.every((w) => /^\p{Ll}[\p{L}'’-]*$/u.test(w))) return null;
  return words[words.length - 1]!;
}

/** A name: a capital first, or a capitalised word later in a phrase that does not start with a digit. */
const isNamed = (text: string) => /^\p{Lu}/u.test(text) || (!/^\d/.test(text) && /\s\p{Lu}/u.test(text));

/** The map from a bare noun ("guild") to the one named entity whose kind or role it heads in these triples. */
export function kindNouns(triples: readonly Triple[]): Map<string, string> {
  const owners = new Map<string, Set<string>>();
  const parts = new Map<string, Set<string>>();
  for (const t of triples) {
    if (t.relation !== 'is_a' && t.relation !== 'holds_role') continue;
    // Prose only: a glossary's "Ley: a field sown with clover" defines a term, it does not make every field the Ley.
    if (t.prov.extractor !== 'pattern' && t.prov.extractor !== 'apposition') continue;
    if (!isNamed(t.head) || /\p{Script=Han}/u.test(t.tail)) continue;
    const noun = headNoun(t.tail);
    if (!noun || noun.length < 3) continue;
    owners.set(noun, (owners.get(noun) ?? new Set()).add(t.head));
    // A closed compound is also named by its last part: after "X is a boatyard", "the yard" is X (a prefix of three
    // letters or more, a part of four or more: "lighthouse" → "house").
    for (let k = 3; noun.length - k >= 4; k++) {
      const part = noun.slice(k);
      parts.set(part, (parts.get(part) ?? new Set()).add(t.head));
    }
  }
  // A name ends with what it names: after "Otterby Mill" or "the Brede Hill apiary", "the mill" and "the apiary" are
  // they, when no other name in the document ends so and no kind or role says otherwise.
  const namedBy = new Map<string, Set<string>>();
  for (const t of triples) {
    for (const name of [t.head, t.tail]) {
      const words = name.split(/\s+/);
      const last = words[words.length - 1]!.toLowerCase();
      if (words.length < 2 || !/^\p{Lu}/u.test(name) || !/^\p{L}{3,}$/u.test(last) || /\p{Script=Han}/u.test(name)) continue;
      namedBy.set(last, (namedBy.get(last) ?? new Set()).add(name));
      // (… and with its last two words: after "the Fenwick Rope Works", "the rope works" is it.)
      const two = words.slice(-2).join(' ').toLowerCase();
      if (words.length >= 3 && /^\p{L}+ \p{L}{3,}$/u.test(two) && words.slice(-2).every((w) => /^\p{Lu}/u.test(w))) namedBy.set(two, (namedBy.get(two) ?? new Set()).add(name));
    }
  }
  // A lower-case compound the text names is what its last word names: after "the rope walk", "the walk" (no other
  // compound, name, kind or role ends so).
  const compounds = new Map<string, Set<string>>();
  for (const t of triples) {
    for (const name of [t.head, t.tail]) {
      const words = name.split(/\s+/);
      if (words.length === 2 && words.every((w) => /^\p{Ll}{3,}$/u.test(w))) compounds.set(words[1]!, (compounds.get(words[1]!) ?? new Set()).add(name));
    }
  }
  const out = new Map<string, string>();
  for (const [noun, names] of compounds) if (names.size === 1 && !owners.has(noun) && !namedBy.has(noun) && !parts.has(noun)) out.set(noun, [...names][0]!);
  for (const [noun, heads] of parts) if (heads.size === 1 && !owners.has(noun)) out.set(noun, [...heads][0]!);
  // (Of two, the one whose last word is capitalised: "Marsh Lane Bakery" over a headline's "Local bakery".)
  const proper = (names: Set<string>) => (names.size === 1 ? [...names] : [...names].filter((n) => /\s\p{Lu}[\p{L}'’-]*$/u.test(n)));
  for (const [noun, names] of namedBy) if (proper(names).length === 1 && !owners.has(noun)) out.set(noun, proper(names)[0]!);
  for (const [noun, heads] of owners) if (heads.size === 1) out.set(noun, [...heads][0]!);
  return out;
}

/**
 * Replaces, in place, each head or tail that is exactly such a bare noun by its entity (the defining triples stay).
 * `indefinite`: whether the triple's sentence writes the noun as "a …", which refers back to nothing (unless the
 * sentence names the entity too: "the son of a builder, Thomas Marrable").
 */
export function resolveKindNouns(triples: Triple[], indefinite: (t: Triple, noun: string, entity: string) => boolean = () => false): void {
  const nouns = kindNouns(triples);
  if (!nouns.size) return;
  for (const t of triples) {
    const defining = (t.relation === 'is_a' || t.relation === 'holds_role') && nouns.get(headNoun(t.tail) ?? '') === t.head;
    if (nouns.has(t.head) && !indefinite(t, t.head, nouns.get(t.head)!)) t.head = nouns.get(t.head)!;
    // (A role or a kind stays one: "Amos Kitto (Secretary)" does not hold Maggie Trewin, the secretary now.)
    if (!defining && nouns.has(t.tail) && t.relation !== 'holds_role' && t.relation !== 'is_a' && !indefinite(t, t.tail, nouns.get(t.tail)!)) t.tail = nouns.get(t.tail)!;
    // "first bandmaster of band" ("the band's first bandmaster"): the role of the one band.
    const of = t.relation === 'holds_role' ? / of (?:the )?(\p{Ll}[\p{Ll} ]*)$/u.exec(t.tail) : null;
    if (of && nouns.has(of[1]!)) t.tail = `${t.tail.slice(0, of.index)} of ${nouns.get(of[1]!)!}`;
  }
}
