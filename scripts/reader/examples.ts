// Training and held-out examples for the reader: invented entities with a few facts each, cut into
// source chunks, and a question rendered exactly as the app renders a RAG prompt (buildRagMessages,
// formatSource, then the model's conv_template through formatPrompt). The target quotes the fact's
// sentence from its source and cites it as [n]; a question the sources cannot answer, or one asked
// without sources, gets the prompt's abstention sentence. Bundled for Node by make-data.mjs.
import { buildRagMessages, defaultRagTemplate } from '../../src/rag/prompt';
import { compressSources } from '../../src/rag/compress';
import { promptVariants } from '../../src/rag/prompt-variants';
import { formatPrompt, type ConvTemplate } from '../../src/llm/conv-template';
import { hashString, seededRandom } from '../../src/shared/random.mjs';
import type { RetrievedChunk } from '../../src/shared/search-api';
import * as W from './facts';
import * as F from './frames';
import { broad } from './broad';
import type { Lang, Relation } from './facts';

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
function shuffle<T>(r: Rand, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const ones = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
/** 1..99 in English words. */
export const enWords = (n: number) => (n < 20 ? ones[n]! : tens[Math.floor(n / 10)]! + (n % 10 ? `-${ones[n % 10]}` : ''));
const zhDigits = '零一二三四五六七八九';
/** 1..99 in Chinese numerals. */
export const zhWords = (n: number) => (n < 10 ? zhDigits[n]! : `${n >= 20 ? zhDigits[Math.floor(n / 10)] : ''}十${n % 10 ? zhDigits[n % 10] : ''}`);

function enName(r: Rand, syllables: number): string {
  let s = '';
  for (let i = 0; i < syllables; i++) s += pick(r, W.enSyllables);
  return cap(s);
}
const zhPerson = (r: Rand) => pick(r, W.zhSurnames) + pick(r, W.zhGiven) + (r() < 0.6 ? pick(r, W.zhGiven) : '');

function value(r: Rand, lang: Lang, kind: W.ValueKind, level: number): string {
  switch (kind) {
    case 'year': return lang === 'en' ? String(int(r, 1702, 2019)) : `${int(r, 1702, 2019)}年`;
    case 'person': return lang === 'en' ? `${enName(r, 2)} ${enName(r, int(r, 2, 3))}` : zhPerson(r);
    case 'town': return lang === 'en' ? enName(r, int(r, 1, 2)) + pick(r, W.enPlaceEnds) : `${pick(r, W.zhPlaceChars)}${pick(r, W.zhPlaceChars)}镇`;
    case 'count': {
      // Numbers as digits and as words (from level 1 on), as documents write them.
      const n = r() < 0.5 ? int(r, 2, 99) : int(r, 100, 980);
      const words = level > 0 && n < 100 && r() < 0.5;
      return words ? (lang === 'en' ? enWords(n) : zhWords(n)) : String(n);
    }
    case 'product': return pick(r, W.products[lang]);
    case 'color': return pick(r, W.colors[lang]);
    case 'month': return pick(r, W.months[lang]);
  }
}

interface Fact { rel: Relation; value: string; sentence: string }
interface Entity { name: string; stem: string; facts: Fact[] }

/** How many of a list's forms the curriculum allows at this level: the first only, then more, then all. */
const forms = <T>(xs: T[], level: number) => xs.slice(0, level === 0 ? 1 : level === 1 ? 2 : xs.length);

function entity(r: Rand, lang: Lang, level: number, nFacts: number, stem?: string): Entity {
  const s = stem ?? (lang === 'en' ? enName(r, int(r, 2, 3)) : pick(r, W.zhPlaceChars) + pick(r, W.zhPlaceChars) + (r() < 0.3 ? pick(r, W.zhPlaceChars) : ''));
  const name = lang === 'en' ? `the ${s} ${pick(r, W.kinds.en)}` : `${s}${pick(r, W.kinds.zh)}`;
  const rels = shuffle(r, [...W.relations]).slice(0, nFacts);
  const facts = rels.map((rel) => {
    const v = value(r, lang, rel.value, level);
    const sentence = pick(r, forms(rel.say[lang], level)).replace('{E}', name).replace('{V}', v);
    return { rel, value: v, sentence: lang === 'en' ? cap(sentence) : sentence };
  });
  return { name, stem: s, facts };
}

function chunk(r: Rand, lang: Lang, e: Entity, facts: Fact[]): RetrievedChunk {
  const doc = pick(r, W.docShapes[lang]).replace('{s}', lang === 'en' ? e.stem.toLowerCase() : e.stem);
  const text = facts.map((f) => f.sentence).join(lang === 'en' ? ' ' : '');
  return { docId: doc, docName: doc, ord: 0, text, headingPath: r() < 0.7 ? [pick(r, W.headings[lang])] : [], start: 0, end: text.length, score: 1, scores: {} };
}

export type Kind = 'answer' | 'absent-entity' | 'absent-relation' | 'no-retrieval' | 'no-sources' | 'compressed-away';

export interface Example {
  lang: Lang;
  level: number;
  kind: Kind;
  /** The prompt's parts as web-llm tokenizes them, each on its own (see formatPrompt). */
  parts: string[];
  /** The assistant's reply, without the stop token. */
  target: string;
  /** For scoring: the answer value and the 1-based number of the source holding it (0 when none). */
  answer: string;
  source: number;
  /** Invented names in the example, for the leakage check against the demo packs. */
  names: string[];
}

/** Sources per question, by curriculum level: one; up to three; up to five as the app's default k. */
const sourceCount = (r: Rand, level: number) => (level === 0 ? 1 : level === 1 ? int(r, 1, 3) : pick(r, [2, 3, 3, 4, 4, 5]));

/**
 * One example at curriculum `level` (0: one source with one or two facts, the question worded as the
 * fact; 1: up to three sources with distractors, some rewordings; 2: up to five sources, every
 * phrasing, distractors that share the asked relation or the entity's stem).
 */
export function makeExample(r: Rand, lang: Lang, level: number, template: ConvTemplate): Example {
  if (level >= 3) return makeReadingExample(r, lang, template, level);
  const v = promptVariants[lang];
  const u = r();
  const kind: Kind = u < (level === 0 ? 0.82 : 0.68) ? 'answer'
    : u < 0.86 ? (level === 0 || r() < 0.5 ? 'absent-entity' : 'absent-relation')
      : u < 0.95 ? 'no-retrieval' : 'no-sources';
  const k = sourceCount(r, level);
  const maxFacts = level === 0 ? 2 : 3;
  const target = entity(r, lang, level, int(r, 1, maxFacts) + (kind === 'absent-relation' ? 1 : 0));
  // Distractors: other entities, at level 2 sometimes with the same stem (the "Foo Museum" beside the "Foo Library").
  const others = Array.from({ length: kind === 'absent-entity' ? k : k - 1 }, () => entity(r, lang, level, int(r, 1, maxFacts), level === 2 && r() < 0.2 ? target.stem : undefined))
    .filter((o) => o.name !== target.name);
  const asked = target.facts[0]!;
  const question = (() => {
    const q = pick(r, forms(asked.rel.ask[lang], level)).replace('{E}', target.name);
    return lang === 'en' ? cap(q) : q;
  })();
  // The chunk about the target: in 'absent-relation' it keeps the other facts, not the asked one.
  const targetFacts = kind === 'absent-relation' ? target.facts.slice(1) : shuffle(r, [...target.facts]);
  const held = kind === 'answer' || kind === 'absent-relation' ? chunk(r, lang, target, targetFacts) : null;
  const chunks = shuffle(r, [...others.map((o) => chunk(r, lang, o, o.facts)), ...(held ? [held] : [])]);
  const sources = kind === 'no-retrieval' ? null : kind === 'no-sources' ? [] : chunks;
  const messages = buildRagMessages(defaultRagTemplate, sources, [], question);
  const { parts } = formatPrompt(template, messages);
  let answerText = v.abstention;
  let source = 0;
  if (kind === 'answer') {
    source = chunks.indexOf(held!) + 1;
    const end = lang === 'en' ? '.' : '。';
    answerText = `${asked.sentence.slice(0, -1)} [${source}]${end}`;
  }
  const names = [target.stem, ...others.map((o) => o.stem), ...target.facts.filter((f) => f.rel.value === 'person' || f.rel.value === 'town').map((f) => f.value)];
  return { lang, level, kind, parts, target: answerText, answer: kind === 'answer' ? asked.value : '', source, names };
}

/** `n` examples of one level, seeded by (seed, split, level): the same arguments give the same examples. */
export function makeExamples(n: number, level: number, seed: number, split: string, template: ConvTemplate, zhShare = 0.45, variant = readingVariants): Example[] {
  const r = seededRandom(hashString(`reader:${seed}:${split}:${level}`));
  return Array.from({ length: n }, () => {
    const lang = r() < zhShare ? 'zh' : 'en';
    return level === 4 ? makeReadingExample(r, lang, template, 4, variant) : makeExample(r, lang, level, template);
  });
}

// Level 3: broad reading (frames.ts). Sources of three to five sentences about one place or organisation, later ones
// saying "It"/"Its" (该馆…) for its name; 2–5 sources, distractors that share the asked relation or the name's stem;
// rendered with the app's compression to two sentences a source (the shipped mlc-chat-config.json's source_sentences).

/** The shipped reader's `source_sentences` (public/builtin/rag-lab-reader/mlc-chat-config.json). */
export const readerSourceSentences = 2;
/** Level 4's budget (the reader's `source_limit`; its `source_sentences` is then 1). */
export const readerSourceLimit = 1;
/**
 * Level 4 grew in four steps, each trained on in turn (phases 4a-4d of the shipped run, train-shipped.sh): 1, up to
 * three sources of broad vocabulary; 2, + longer sentences and headings (lengthen, broadHeading); 3, + common-noun
 * entities; 4, one source (readerSourceLimit) and fewer unanswerable questions; 5, Chinese names and values of any
 * CJK characters (hanzi), most of them outside the tokenizer's merges, as a Chinese document's words are (the variant-4
 * reader abstained on every question of the Chinese demo pack's train split). The latest is the default.
 */
export const readingVariants = 5;

/** n characters drawn uniformly from the CJK Unified Ideographs block (U+4E00-U+9FA5). */
const hanzi = (r: Rand, n: number) => String.fromCodePoint(...Array.from({ length: n }, () => 0x4e00 + Math.floor(r() * (0x9fa5 - 0x4e00 + 1))));

/** Level 4's English fillers: half the time a word of the broad vocabulary (broad.ts) instead of frames.ts's tables. */
const wide = (r: Rand, lang: Lang, variant: number) => variant > 0 && lang === 'en' && r() < 0.5;
const article = (w: string) => `${/^[aeiou]/.test(w) ? 'an' : 'a'} ${w}`;

function frameValue(r: Rand, lang: Lang, kind: F.FrameValue, variant = 0): string {
  const n = (lo: number, hi: number) => int(r, lo, hi);
  if (variant >= 5 && lang === 'zh' && (kind === 'person' || kind === 'town' || kind === 'material' || kind === 'item') && r() < 0.5) {
    if (kind === 'person') return pick(r, W.zhSurnames) + hanzi(r, int(r, 1, 2));
    return kind === 'town' ? hanzi(r, 2) + pick(r, ['镇', '村']) : hanzi(r, 2);
  }
  if ((kind === 'person' || kind === 'town' || kind === 'material' || kind === 'item') && wide(r, lang, variant)) {
    if (kind === 'person') return `${pick(r, broad.firstNames)} ${pick(r, broad.lastNames)}`;
    if (kind === 'town') return pick(r, broad.places);
    return pick(r, kind === 'material' ? broad.mass : broad.plurals);
  }
  switch (kind) {
    case 'year': case 'person': case 'town': case 'month': case 'color': return value(r, lang, kind, 2);
    case 'count': {
      const c = r() < 0.6 ? n(2, 99) : n(100, 950);
      return c < 100 && r() < 0.3 ? (lang === 'en' ? enWords(c) : zhWords(c)) : String(c);
    }
    case 'time': return `${String(n(5, 11)).padStart(lang === 'en' && r() < 0.5 ? 1 : 2, '0')}:${pick(r, ['00', '05', '10', '15', '20', '25', '30', '35', '40', '45', '50', '55'])}`;
    case 'weekday': return pick(r, F.weekdays[lang]);
    case 'price': return lang === 'en' ? pick(r, [`${n(2, 60)} dollars`, `${n(2, 60)} euros`, `${n(2, 9)}.${n(1, 9)}0 pounds`]) : pick(r, [`${n(2, 60)}元`, `${n(2, 9)}.${n(1, 9)}元`]);
    case 'duration': return lang === 'en' ? pick(r, [`${n(5, 55)} minutes`, `${n(2, 9)} hours`, `${enWords(n(2, 12))} minutes`]) : pick(r, [`${n(5, 55)}分钟`, `${n(2, 9)}小时`, `${zhWords(n(2, 12))}分钟`]);
    case 'distance': return lang === 'en' ? pick(r, [`${n(2, 40)} kilometres`, `${n(2, 25)} miles`, `${enWords(n(2, 19))} kilometres`]) : pick(r, [`${n(2, 40)}公里`, `${zhWords(n(2, 19))}公里`]);
    case 'material': return pick(r, F.materials[lang]);
    case 'item': return pick(r, F.items[lang]);
  }
}

interface Fact3 { frame: F.Frame; value: string; answerPhrase: string; role: string; noun: string; form: number }
interface Entity3 { name: string; stem: string; facts: Fact3[]; names: string[] }

function entity3(r: Rand, lang: Lang, frames: F.Frame[], stem?: string, variant = 0): Entity3 {
  const zhWide = variant >= 5 && lang === 'zh' && !stem && r() < 0.5;
  if (zhWide) stem = hanzi(r, int(r, 2, 3));
  const s = stem ?? (wide(r, lang, variant) ? pick(r, r() < 0.5 ? broad.lastNames : broad.places) : lang === 'en' ? enName(r, int(r, 2, 3)) : pick(r, W.zhPlaceChars) + pick(r, W.zhPlaceChars) + (r() < 0.3 ? pick(r, W.zhPlaceChars) : ''));
  // Level 4: half the entities are common nouns ("the drying shed", "the old ferry"), as documents and their readers'
  // questions name things: a reader trained on proper names only abstained when a question named none ("Who is the
  // treasurer of the cooperative?", with "Treasurer: …" in source 1).
  const common = variant >= 3 && !stem && r() < 0.5;
  const name = common
    ? (lang === 'en' ? `the ${r() < 0.5 ? `${pick(r, broad.adjectives)} ` : ''}${pick(r, broad.kinds).toLowerCase()}${r() < 0.3 ? ` of the ${pick(r, broad.kinds).toLowerCase()}` : ''}` : `${pick(r, ['老', '新', '东', '西', '南', '北', '小', ''])}${pick(r, F.kinds3.zh)}`)
    : lang === 'en' ? `the ${s} ${pick(r, wide(r, lang, variant) ? broad.kinds : F.kinds3.en)}` : `${s}${pick(r, F.kinds3.zh)}`;
  const names = common ? [] : [s];
  const facts = frames.map((frame) => {
    const v = frameValue(r, lang, frame.value, variant);
    if (frame.value === 'person' || frame.value === 'town') names.push(v);
    // A person is sometimes introduced by apposition, as documents do: "Anna Vek, a weaver from Dorholt,".
    let phrase = v;
    if (frame.value === 'person' && r() < 0.35) {
      const town = frameValue(r, lang, 'town', variant);
      names.push(town);
      const job = wide(r, lang, variant) ? article(pick(r, broad.roles)) : pick(r, F.occupations[lang]);
      phrase = lang === 'en' ? `${v}, ${job} from ${town},` : `${town}的${job}${v}`;
    }
    const role = wide(r, lang, variant) ? pick(r, broad.roles) : pick(r, F.roles[lang]);
    const noun = wide(r, lang, variant) ? pick(r, broad.plurals) : pick(r, F.nouns[lang]);
    return { frame, value: v, answerPhrase: phrase, role, noun, form: int(r, 0, frame.say[lang].length - 1) };
  });
  return { name, stem: s, facts, names };
}

/** A fact's sentence: the first sentence of a source names the entity; later ones may say "It"/"Its" or 该…. */
function say3(lang: Lang, e: Entity3, f: Fact3, first: boolean, r: Rand): string {
  const forms = f.frame.say[lang];
  let form = forms[f.form]!;
  const pronounForm = lang === 'en' ? !form.includes('{E}') : form.includes('{I}');
  if (first && pronounForm) form = forms.find((x) => (lang === 'en' ? x.includes('{E}') : !x.includes('{I}')))!;
  let text = form.replace('{R}', f.role).replace('{N}', f.noun).replace('{V}', f.answerPhrase);
  if (lang === 'en') {
    if (!first && text.startsWith('{E} ') && r() < 0.5) text = text.replace('{E}', 'It');
    text = cap(text.replace('{E}', e.name));
  } else {
    text = text.replace('{E}', e.name).replace('{I}', first ? e.name : F.zhPronoun(e.name));
  }
  return text.replace(/,\s*,/g, ',').replace(/,([.?])/, '$1');
}

function chunk3(r: Rand, lang: Lang, e: Entity3, facts: Fact3[], long = false): { chunk: RetrievedChunk; sentences: string[] } {
  const sentences = facts.map((f, i) => (long ? lengthen(r, lang, say3(lang, e, f, i === 0, r)) : say3(lang, e, f, i === 0, r)));
  const doc = pick(r, W.docShapes[lang]).replace('{s}', lang === 'en' ? e.stem.toLowerCase() : e.stem);
  const text = sentences.join(lang === 'en' ? ' ' : '');
  // (Level 3 draws whether there is a heading first, level 4 which heading: the order each was generated in.)
  let headingPath: string[];
  if (long) {
    const heading = lang === 'en' && r() < 0.6 ? broadHeading(r) : pick(r, W.headings[lang]);
    headingPath = r() < 0.7 ? [heading] : [];
  } else headingPath = r() < 0.7 ? [pick(r, W.headings[lang])] : [];
  return { chunk: { docId: doc, docName: doc, ord: 0, text, headingPath, start: 0, end: text.length, score: 1, scores: {} }, sentences };
}

/**
 * Level 4: most sentences get a clause of broad words before their full stop (", near the quiet harbour of Tulsa"), as
 * documents write facts: the English demo pack's sentences run to 15-30 words, the frames' to about 8, and a reader
 * trained on short ones garbled long quotes. The clause never holds the fact's value.
 */
function lengthen(r: Rand, lang: Lang, sentence: string): string {
  if (r() < 0.3) return sentence;
  const end = lang === 'en' ? '.' : '。';
  const body = sentence.replace(/[.。]$/, '');
  if (lang === 'zh') {
    const town = frameValue(r, lang, 'town');
    return body + pick(r, [`，靠近${town}`, `，离${town}不远`, `，就在${town}的${pick(r, F.kinds3.zh)}旁边`, `，${town}的人都知道`]) + end;
  }
  const noun = () => pick(r, broad.kinds).toLowerCase();
  const tail = pick(r, [
    () => `, near the ${pick(r, broad.adjectives)} ${noun()} of ${pick(r, broad.places)}`,
    () => ` after ${pick(r, broad.firstNames)} ${pick(r, broad.lastNames)} ${pick(r, broad.verbs)} the ${noun()}`,
    () => `, which ${pick(r, broad.verbs)} the ${pick(r, broad.plurals)} of ${pick(r, broad.places)}`,
    () => ` together with the ${noun()} from ${pick(r, broad.places)}`,
    () => ` during the ${pick(r, broad.adjectives)} ${noun()} and the ${noun()}`,
    () => `, as the ${pick(r, broad.roles)} of ${pick(r, broad.places)} ${pick(r, broad.verbs)} in the ${noun()}`,
  ])();
  return body + tail + end;
}

const broadHeading = (r: Rand) => {
  const noun = () => pick(r, broad.kinds);
  return pick(r, [() => `${cap(pick(r, broad.adjectives))} ${noun()}`, () => `The ${noun()} of ${pick(r, broad.places)}`, () => `${noun()} and ${noun()}`, () => `About the ${noun()}`])();
};

/**
 * Level 3: sources of 2-5, two sentences each as the app compresses them for the shipped reader (readerSourceSentences).
 * Level 4, short reading: 1-3 sources of one sentence each (the reader's `source_sentences: 1`, `source_limit: 3`),
 * the source holding the answer first half the time (as retrieval ranks it: the English demo pack's train split had
 * the answer in source 1 for 43 of its 55 items that had it in the first three), and the broad vocabulary (broad.ts).
 */
export function makeReadingExample(r: Rand, lang: Lang, template: ConvTemplate, level = 3, variant = readingVariants): Example {
  const short = level === 4;
  if (!short) variant = 0;
  const sentences = short ? 1 : readerSourceSentences;
  const v = promptVariants[lang];
  const u = r();
  // Level 4 asks fewer unanswerable questions: its one-sentence sources already turn about a fifth of the answerable
  // ones into abstentions (the compression keeps another sentence than the answer's).
  const kind: Kind = variant >= 4
    ? (u < 0.84 ? 'answer' : u < 0.88 ? 'absent-relation' : u < 0.92 ? 'absent-entity' : u < 0.96 ? 'no-retrieval' : 'no-sources')
    : short ? (u < 0.8 ? 'answer' : u < 0.87 ? 'absent-relation' : u < 0.92 ? 'absent-entity' : u < 0.96 ? 'no-retrieval' : 'no-sources')
      : (u < 0.72 ? 'answer' : u < 0.82 ? 'absent-relation' : u < 0.9 ? 'absent-entity' : u < 0.96 ? 'no-retrieval' : 'no-sources');
  const limit = variant >= 4 ? readerSourceLimit : 3;
  const k = variant >= 4 ? limit : short ? pick(r, [1, 2, 2, 3, 3, 3, 3]) : pick(r, [2, 3, 3, 4, 4, 5, 5]);
  const frames = shuffle(r, [...F.frames]);
  const asked = frames[0]!;
  const nFacts = () => int(r, short ? 2 : 3, short ? 4 : 5);
  const target = entity3(r, lang, [asked, ...frames.slice(1, short ? int(r, 1, 3) : nFacts())], undefined, variant);
  // Distractors: other entities; some state the asked relation (for their own name), some share the stem.
  const others = Array.from({ length: kind === 'absent-entity' ? k : k - 1 }, () => {
    const own = shuffle(r, [...F.frames]).slice(0, nFacts()).filter((f) => f.id !== asked.id);
    return entity3(r, lang, r() < 0.5 ? [asked, ...own.slice(1)] : own, r() < 0.2 ? target.stem : undefined, variant);
  }).filter((o) => o.name !== target.name);
  const fact = target.facts[0]!;
  const question = (() => {
    const q = pick(r, asked.ask[lang]).replace('{E}', target.name).replace('{R}', fact.role).replace('{N}', fact.noun);
    return lang === 'en' ? cap(q) : q;
  })();
  const targetFacts = kind === 'absent-relation' ? target.facts.slice(1) : shuffle(r, [...target.facts]);
  const held = kind === 'answer' || kind === 'absent-relation' ? chunk3(r, lang, target, targetFacts, variant >= 2) : null;
  const chunks = shuffle(r, [...others.map((o) => chunk3(r, lang, o, shuffle(r, [...o.facts]), variant >= 2).chunk), ...(held ? [held.chunk] : [])]);
  if (short && held && r() < 0.5) chunks.unshift(...chunks.splice(chunks.indexOf(held.chunk), 1));
  const sources = kind === 'no-retrieval' ? null : kind === 'no-sources' ? [] : chunks;
  const messages = buildRagMessages(defaultRagTemplate, sources, [], question, short ? { sentences, sources: limit } : { sentences });
  const { parts } = formatPrompt(template, messages);
  let out: Kind = kind;
  let answerText = v.abstention;
  let source = 0;
  if (kind === 'answer') {
    const sentence = held!.sentences[targetFacts.indexOf(fact)]!;
    const at = chunks.indexOf(held!.chunk);
    // The app's compression keeps two sentences a source (buildRagMessages applies the same): if it dropped the
    // answer from the source that holds it, the model cannot see it there.
    if (!compressSources(chunks, question, sentences)[at]!.text.includes(sentence)) out = 'compressed-away';
    else {
      source = at + 1;
      const end = lang === 'en' ? '.' : '。';
      answerText = `${sentence.replace(/[.。]$/, '')} [${source}]${end}`;
    }
  }
  const names = [...target.names, ...others.flatMap((o) => o.names)];
  // A value that opens its sentence is capitalised there ("Pine logs were used …"): the answer is as written.
  const written = out === 'answer' && !answerText.includes(fact.value) ? cap(fact.value) : fact.value;
  return { lang, level, kind: out, parts, target: answerText, answer: out === 'answer' ? written : '', source, names };
}
