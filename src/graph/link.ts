// Entity linking: the question's word n-grams looked up by entity key (exact or
// alias), longest first and without overlaps. CJK has no word breaks, so CJK
// entity keys are looked up as substrings of the question. Then, when the caller
// has the library embedder's vectors, the embedding route: short spans of the
// question against the vectors of entity names, above a threshold.
import { answerHead } from './answer-type';
import type { KnowledgeGraph } from './knowledge-graph';
import { entityKey, hasCjk } from './normalize';
import { nearestKeys, type VectorRows } from './similarity';
import { kinNouns } from './relations';
import { functionWords, verbWords } from './words';
import { escapeRegExp } from '../shared/regexp';

export interface LinkedEntity {
  key: string;
  name: string;
  /** The question's words that matched. */
  mention: string;
  /**
   * `exact`: the key or an alias; `suffix`: the words end a longer name ("seed bank" → "cooperative seed bank");
   * `embedding`: the words' vector is close to the name's (or an alias's).
   */
  how: 'exact' | 'suffix' | 'embedding';
  /** The cosine, for `embedding` links. */
  score?: number;
}

/** The embedding route's inputs: plain vectors of one embedder, L2-normalised. */
export interface LinkVectors {
  /** One row per span of `questionSpans(question)`, in its order. */
  spans: Float32Array;
  /** Entity names and aliases, each row keyed by its entity's key. */
  names: VectorRows;
  /** A span links to an entity when their cosine reaches this. */
  threshold: number;
  /** Entities linked by embedding, at most. */
  maxLinks: number;
}

export interface LinkOptions {
  /** Longest n-gram looked up by key. */
  maxWords: number;
  vectors?: LinkVectors;
}

export const defaultLinkOptions: LinkOptions = { maxWords: 6 };

/** Names that end in at least two words, by those last words: "cooperative seed bank" under "seed bank". */
const suffixCache = new WeakMap<KnowledgeGraph, { version: number; index: Map<string, string[]> }>();
function suffixIndex(kg: KnowledgeGraph): Map<string, string[]> {
  const cached = suffixCache.get(kg);
  if (cached?.version === kg.version) return cached.index;
  const index = new Map<string, string[]>();
  kg.graph.forEachNode((key) => {
    const words = key.split(' ');
    for (let n = 2; n < words.length; n++) {
      // ("foreman of ambrey rope walk" is no "rope walk": words after its "of" name the owner, not the role.)
      if (words.slice(0, -n).includes('of')) continue;
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

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(wordPattern)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Words that never start, end or make up a name on their own. */
const edgeWord = (w: string) => functionWords.has(w) || verbWords.has(w) || w.length < 2;

/** Names are short: spans of up to three words are embedded, at most 32 of them, the shorter first. */
const maxSpanWords = 3;
const maxSpans = 32;

interface Span {
  text: string;
  first: number;
  last: number;
}

function spansOf(text: string, words: Word[]): Span[] {
  const out: Span[] = [];
  for (let n = 1; n <= maxSpanWords; n++) {
    for (let i = 0; i + n <= words.length && out.length < maxSpans; i++) {
      if (edgeWord(words[i]!.text.toLowerCase()) || edgeWord(words[i + n - 1]!.text.toLowerCase())) continue;
      const span = text.slice(words[i]!.start, words[i + n - 1]!.end);
      // A CJK run is a whole clause to the word pattern, not a name: CJK stays with the substring lookup.
      if (!hasCjk(span)) out.push({ text: span, first: i, last: i + n - 1 });
    }
  }
  return out;
}

/**
 * The question's spans that the embedding route compares with entity names: runs of one to three words that
 * neither start nor end with a function word or a frequent verb. The caller embeds them, in this order.
 */
export function questionSpans(question: string): string[] {
  const text = question.normalize('NFKC');
  return spansOf(text, wordsOf(text)).map((s) => s.text);
}

/** Entities named in the question: by key or alias first, then (with vectors) by embedding. */
export function linkEntities(kg: KnowledgeGraph, question: string, options: LinkOptions = defaultLinkOptions): LinkedEntity[] {
  const maxWords = options.maxWords;
  const text = question.normalize('NFKC');
  const words = wordsOf(text);
  const taken = new Array<boolean>(words.length).fill(false);
  // "Which village …", "What plot …": that noun describes the answer, not an entity the question starts from.
  const head = answerHead(text);
  const afterWhich = (i: number) => i > 0 && /^(?:which|what)$/i.test(words[i - 1]!.text);
  const headAt = head ? words.findIndex((w, i) => afterWhich(i) && w.text.toLowerCase().startsWith(head)) : -1;
  if (headAt >= 0) taken[headAt] = true;
  // "Who chairs the organisation …": the word after an opening "who" is its verb, not an entity ("chairs" may be one).
  const who = words.findIndex((w) => /^who$/i.test(w.text));
  if (who >= 0 && who <= 1 && words[who + 1] && /^\p{Ll}/u.test(words[who + 1]!.text)) taken[who + 1] = true;
  // "In which year …", "what kind of …": the question's own words for its answer type name no entity ("year" may be one).
  words.forEach((w, i) => {
    if (afterWhich(i) && /^(?:year|date|day|time|kind|sort|type)s?$/i.test(w.text)) taken[i] = true;
  });
  const out: LinkedEntity[] = [];
  const seen = new Set<string>();
  const suffixes = suffixIndex(kg);
  for (let n = Math.min(maxWords, words.length); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      if (taken.slice(i, i + n).some(Boolean)) continue;
      const span = words.slice(i, i + n);
      const lower = span.map((w) => w.text.toLowerCase());
      // A lone function word or verb is never an entity, whatever the graph holds.
      if (n === 1 && edgeWord(lower[0]!)) continue;
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
    // A name the question writes bare that the graph holds with a modifier in front ("文昌阁" for 镇东的文昌阁, "顾秀兰"
    // for 现任校长顾秀兰), as English suffixes link above: the longest run of the question's text (two characters or
    // more) that ends at most `maxSuffixMatches` names. Only when nothing else linked: a kind noun ends names too
    // ("修建白石灯塔的营造社" would start from 海安营造社, the entity the question asks the way to).
    if (!out.length) for (const run of rest.split('\u0000')) {
      for (let len = Math.min(run.length, 8); len >= 2; len--) {
        let linked = false;
        for (let i = 0; i + len <= run.length && !linked; i++) {
          const piece = run.slice(i, i + len);
          if (!hasCjk(piece)) continue;
          const keys = cjkKeys.filter((k) => k.length > piece.length && k.endsWith(piece) && !seen.has(k));
          if (!keys.length || keys.length > maxSuffixMatches) continue;
          for (const key of keys) seen.add(key), out.push({ key, name: kg.name(key), mention: piece, how: 'suffix' });
          linked = true;
        }
        if (linked) break;
      }
    }
  }
  if (options.vectors) linkByEmbedding(kg, spansOf(text, words), taken, out, options.vectors);
  // "the village where the founders were born": a kind that only ends is_a edges is a class, not a thing the question
  // starts from (every village hangs off it). It stays when nothing else links.
  const things = out.filter((l) => !isClass(kg, l.key));
  // "the captain's name", "the company that opened …": a bare common noun that three or more documents use ("name",
  // "company", "town") is every document's word merged into one node, not a thing to start from, when a name also links.
  // A common noun the name possesses stays ("the rowing club's boathouse" starts from the boathouse as well): the name
  // says whose it is, the noun is what the question asks about. Not a kin noun ("Jenny Crake's grandfather" asks for a
  // relation), nor a noun that modifies the next ("the club's home town").
  const possessed = (l: LinkedEntity) => {
    if (kinNouns.includes(l.mention.toLowerCase())) return false;
    const m = new RegExp(`['’]s\\s+${escapeRegExp(l.mention)}\\b\\s*([\\p{L}'’-]*)`, 'iu').exec(text);
    if (!m) return false;
    const next = m[1]!.toLowerCase();
    // (The word after it is no noun: a function word, a frequent verb or a participle, "… boathouse born?")
    return !next || functionWords.has(next) || verbWords.has(next) || /^(?:born|\p{L}+ed)$/u.test(next);
  };
  const hubs = things.filter((l) => /^\p{Ll}+$/u.test(l.name) && kg.documentsAt(l.key, 3) >= 3 && !possessed(l));
  const named = things.filter((l) => !hubs.includes(l));
  return named.length && hubs.length ? named : things.length ? things : out;
}

/** Whether an entity only ever ends is_a edges ("village" in (Pellow, is_a, village)). */
function isClass(kg: KnowledgeGraph, key: string): boolean {
  const relations = kg.relationsAt(key);
  return relations.length === 1 && relations[0] === 'is_a' && !kg.hops(key, 'is_a').out.length;
}

/**
 * The embedding route, after the lexical one: a span whose words no lexical link took links to the entities whose
 * name vectors are within the threshold; a span that is exactly a lexical link's mention may add a near-duplicate
 * entity ("tide mill" also starts from "old tide mill"). Best cosine first, no overlapping spans, at most `maxLinks`.
 */
function linkByEmbedding(kg: KnowledgeGraph, spans: Span[], taken: boolean[], out: LinkedEntity[], v: LinkVectors): void {
  const dim = v.names.dim;
  if (!dim || v.spans.length !== spans.length * dim) return;
  const mentions = new Set(out.map((l) => l.mention));
  const candidates: { span: Span; key: string; score: number }[] = [];
  spans.forEach((span, i) => {
    // Only spans that can still link: each costs a pass over every name vector.
    if (taken.slice(span.first, span.last + 1).some(Boolean) && !mentions.has(span.text)) return;
    // Two entities per span at most: a third near-equal name is more likely noise than a reading.
    for (const [key, score] of nearestKeys(v.names, v.spans, v.threshold, i * dim).slice(0, 2)) candidates.push({ span, key, score });
  });
  candidates.sort((a, b) => b.score - a.score || b.span.last - b.span.first - (a.span.last - a.span.first) || a.span.first - b.span.first);
  const seen = new Set(out.map((l) => l.key));
  let added = 0;
  for (const c of candidates) {
    if (added >= v.maxLinks) break;
    if (seen.has(c.key)) continue;
    const free = !taken.slice(c.span.first, c.span.last + 1).some(Boolean);
    if (!free && !mentions.has(c.span.text)) continue;
    if (free) for (let k = c.span.first; k <= c.span.last; k++) taken[k] = true;
    seen.add(c.key);
    out.push({ key: c.key, name: kg.name(c.key), mention: c.span.text, how: 'embedding', score: c.score });
    added++;
  }
}
