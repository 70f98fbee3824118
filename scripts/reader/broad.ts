// The reader's broad vocabulary (curriculum level 4): English words of many kinds from compromise's lexicon (the NLP
// library the app already ships for the graph extractor), so that the generated sentences use thousands of ordinary
// words, first names, surnames and cities instead of the few dozen of frames.ts. A reader trained only on the latter
// turned demo-pack text, made of words it had rarely seen, into garbled replies (README.md in the model folder).
// Chinese keeps frames.ts's tables: there is no Chinese word list among the project's dependencies.
// Nothing here comes from the demo packs; make-data.mjs still drops an example whose names occur in them.
import nlp from 'compromise';

const lexicon = (nlp as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } }).world().model.one.lexicon;

/** The lexicon's words with this tag, sorted (so the tables do not depend on the lexicon's key order). */
function tagged(tag: string, shape: RegExp): string[] {
  const out: string[] = [];
  for (const [word, tags] of Object.entries(lexicon)) {
    if ((Array.isArray(tags) ? tags[0] : tags) === tag && shape.test(word)) out.push(word);
  }
  return out.sort();
}
const cap = (s: string) => s.replace(/(^|[\s-])([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase());

const word = /^[a-z]{3,11}$/;
export const broad = {
  /** Nouns for kinds of organisation or place: "the Harlow Lantern Society" takes "Lantern". */
  kinds: tagged('Singular', word).map(cap),
  /** Roles (people by what they do): "its first welder". */
  roles: tagged('Actor', /^[a-z]{4,12}( [a-z]{4,10})?$/).filter((w) => !/s$/.test(w)),
  /** Counted things: "forty lanterns". */
  plurals: tagged('Plural', /^[a-z]{4,11}s$/),
  /** Materials and produce: "leather", "horseradish". */
  mass: tagged('Uncountable', word),
  firstNames: [...tagged('FemaleName', word), ...tagged('MaleName', word)].map(cap),
  lastNames: tagged('LastName', word).map(cap),
  places: [...tagged('City', /^[a-z]{4,11}$/), ...tagged('Place', /^[a-z]{4,11}$/)].map(cap),
  adjectives: tagged('Adjective', /^[a-z]{4,10}$/),
  /** Regular past tenses: "repaired". */
  verbs: tagged('PastTense', /^[a-z]{4,10}ed$/),
};
