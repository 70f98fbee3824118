// The planner without an LLM: the 1–3-hop relation sequences that really occur
// around the linked entities, ranked by how close their labels are to the
// question: cosine similarity when vectors are supplied, word overlap otherwise.
import type { KnowledgeGraph } from './knowledge-graph';
import { hanWords, labelAnswerType, relationWords, relationCueZh } from './relation-cues';
import { answerType, endsAtBody, endsAtPlace, type AnswerType } from './answer-type';
import { hasCjk } from './normalize';
import { weakRelations } from './relations';
import { functionWords, irregularVerbs } from './words';
import { dot } from '../shared/vectors';

export interface Plan {
  relations: string[];
  score: number;
}

export interface PlanOptions {
  /** Plans kept. */
  k: number;
  /** Longest relation sequence (1–3). */
  maxHops: number;
  /** Neighbours of a start explored when enumerating second hops (a quarter as many per node for third hops). */
  fanout: number;
  /** Embedding route: the question's vector and one per relation label (same model, L2-normalised). */
  vectors?: PlanVectors;
}

export interface PlanVectors {
  question: Float32Array;
  relation: (label: string) => Float32Array | undefined;
  /**
   * The cosine unrelated texts reach with this embedder (similarity.ts similarityBaseline's median; 0 when
   * unknown): fits are measured from it, so that an embedder whose cosines all sit near 0.8 still spreads its plans.
   */
  baseline?: number;
}

export const defaultPlanOptions: PlanOptions = { k: 8, maxHops: 3, fanout: 64 };

/**
 * Word stems for overlap: lower case, common English endings removed. `forms`: an irregular verb also gives its base
 * form ("gave", "given" → give), for the question and a label's own words, so that "Who gave …" asks for given_by; a
 * label's vocabulary keeps its forms as written (located_in's "held at" is no "hold" a role).
 */
export function stems(text: string, forms = false): Set<string> {
  const out = new Set<string>();
  for (const w of text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (w.length < 3) continue;
    if (forms && irregularVerbs[w]) out.add(irregularVerbs[w]!);
    // "ring" keeps its "ing" (a stem of one or two letters matches anything).
    // "supplies", "supplied" → "supply", as the label "supply" is.
    const stem = /[^aeiou]ie[sd]$/u.test(w) ? `${w.slice(0, -3)}y` : w.replace(/(ing|ed|es|s)$/u, '');
    out.add(stem.length >= 3 ? stem : w);
  }
  return out;
}

/** The question's words (stems; Chinese cue words as written) that one relation label's cues hold. */
function cueWords(label: string, question: Set<string>, raw: string, canon: (stem: string) => string = (x) => x): string[] {
  // (A word and its base form are one word: "built" cues one hop, built_by or build, not both.)
  const out = [...new Set(cueStems(label).filter((s) => question.has(s)).map(canon))];
  // A relative "where" inside the question ("the works where Harold Crake was a boilersmith") asks for a place hop;
  // the one that opens it asks for the answer's type (hopFits).
  if (endsAtPlace(label) && /\S\s+where\b/iu.test(raw)) out.push('\u0001where');
  if (hasCjk(raw)) {
    // (A compound's head that the question holds inside the compound is the same cue: 总监 in 技术总监.)
    const zh = relationCueZh(label).filter((w) => raw.includes(w));
    out.push(...zh.filter((w) => !zh.some((o) => o !== w && o.endsWith(w))));
  }
  return out;
}

/**
 * How well each hop of a plan fits the question, 0..1 each. Each question word cues one hop ("born" in "Where was the
 * miller born?" asks for one born_in, not two), and a hop the question asks for at all matters more than a hop asked
 * for twice: each hop first takes one of its words, in order, then the words left go to the hops that hold them ("When
 * was the boatyard that built the Swift founded?": made_by takes "built", in_year "founded", though made_by's
 * vocabulary holds both). `cues(label)`: the label's cue words in the question, or null for a label the question
 * cannot ask for (one that only names a start). `type`: the question's answer type.
 */
function hopFits(relations: string[], cues: (label: string) => string[] | null, type: AnswerType): number[] {
  const candidates = relations.map(cues);
  // The first pass gives as many hops a word as can have one: "Who founded the works where X was a boilersmith?" gives
  // "where" to located_in and "founded" to found, though located_in's vocabulary ("is found in") holds both. Hops
  // take their words in plan order unless another order covers more hops (a plan has at most three: six orders), or
  // as many with more of them by their own words (the label "found" holds "founded"; located_in's vocabulary only
  // lists it).
  let best: { hits: number[]; used: Set<string>; covered: number; own: number } | null = null;
  // (Orders matter only when two hops want one word: most plans of most questions have none such.)
  const seen = new Set<string>();
  let shared = false;
  for (const c of candidates) for (const w of c ?? []) (seen.has(w) ? (shared = true) : seen.add(w));
  for (const order of shared ? orders(relations.length) : orders(relations.length).slice(0, 1)) {
    const used = new Set<string>();
    const hits = relations.map(() => 0);
    let own = 0;
    for (const i of order) {
      const mine = ownStems(relations[i]!);
      const free = (candidates[i] ?? []).filter((x) => !used.has(x));
      const w = free.find((x) => mine.includes(x)) ?? free[0];
      if (w === undefined) continue;
      used.add(w);
      // (A word only the label's vocabulary lists counts half: the label's own word is the surer cue.)
      const isOwn = mine.includes(w);
      hits[i]! += isOwn ? 1 : 0.5;
      if (isOwn) own++;
      // A label's own words are one phrase: "named after" cues one named_after hop, not one for "named" and another
      // for "after" (Lady Margery -named_after-> … -named_after-> …).
      if (isOwn) for (const x of free) if (x !== w && mine.includes(x)) used.add(x), hits[i]!++;
    }
    const covered = hits.filter(Boolean).length;
    if (!best || covered > best.covered || (covered === best.covered && own > best.own)) best = { hits, used, covered, own };
  }
  const { hits, used } = best!;
  candidates.forEach((words, i) => {
    for (const w of words ?? []) {
      if (used.has(w)) continue;
      used.add(w);
      hits[i]!++;
    }
  });
  return relations.map((label, i) => {
    const fit = hits[i] ? Math.min(1, 0.5 + 0.25 * hits[i]!) : floorOf(label);
    // The hop that reaches the answer should end at what the question asks for: a place for "where", a year for
    // "when", an agent or a role for "who". One that cannot fits half as well (a where-question's plan should not stop
    // at cast_by, nor go on past born_in to a located_in the question never asked for).
    const last = i === relations.length - 1;
    return last && type !== 'other' && type !== 'how_many' && (labelAnswerType(label) ?? (type === 'who' || (type === 'where' && endsAtBody(label)) ? type : null)) !== type ? fit * 0.5 : fit;
  });
}

const identity = (n: number) => [...Array(n).keys()];
const ordersOf = new Map<number, number[][]>();
/** The orders of n hops, plan order first (computed once per n). */
function orders(n: number): number[][] {
  let out = ordersOf.get(n);
  if (out) return out;
  out = [];
  const permute = (prefix: number[], rest: number[]) => {
    if (!rest.length) out!.push(prefix);
    for (const [k, x] of rest.entries()) permute([...prefix, x], [...rest.slice(0, k), ...rest.slice(k + 1)]);
  };
  permute([], identity(n));
  ordersOf.set(n, out);
  return out;
}

/** The embedding route's fit of one label: its cosine with the question, calibrated (PlanVectors.baseline). */
function vectorFit(label: string, vectors: PlanVectors): number {
  const floor = floorOf(label);
  const v = vectors.relation(label);
  const base = Math.min(vectors.baseline ?? 0, 0.95);
  return v ? Math.max(floor, (dot(vectors.question, v) - base) / (1 - base)) : floor;
}

/** A label's stems, computed once per label: every plan of every question asks again. */
function perLabel(stemsOf: (label: string) => string[]): (label: string) => string[] {
  const cache = new Map<string, string[]>();
  return (label) => {
    let out = cache.get(label);
    if (!out) {
      if (cache.size > 10_000) cache.clear();
      cache.set(label, (out = stemsOf(label)));
    }
    return out;
  };
}
/** The stems of a label's cues (`relationWords`). */
export const cueStems = perLabel((label) => [...new Set([...stems(relationWords(label)), ...stems(label.replace(/_/g, ' '), true)])]);
/** The stems of a label's own words. */
const ownStems = perLabel((label) => [...stems(label.replace(/_/g, ' '), true)]);

/** The fit of a label the question does not ask for: weak relations (co-occurrence) lower still. */
const floorOf = (label: string) => (weakRelations.has(label) ? 0.05 : 0.15);
const indifferent = 0.35;
/** A sum of fits into (0, 1), monotonic, 0.5 at 0: an LLM's plans (scored from 1.5 down) still outrank every ranked one. */
const squash = (x: number) => (x >= 0 ? 1 - 0.5 * Math.exp(-x) : 0.5 * Math.exp(x));

/**
 * The question without the head nouns of its relative clauses' antecedents: in "When was the printing works that prints
 * the guidebook founded?", "works" names the entity a hop passes through, not a relation (work_at); so does "works" in
 * "the works where X was a boilersmith". The head is the last word of a short noun phrase opened by an article or a
 * possessive; a word the question also uses elsewhere still counts there. A function word before the pronoun is part
 * of the relative clause, no head: "the woman after whom X is named" keeps its "after".
 */
export function withoutAntecedents(question: string): string {
  return question.replace(antecedent, (all, before: string, head: string, pronoun: string) => (functionWords.has(head.toLowerCase()) ? all : before + pronoun));
}

/** The noun before a relative pronoun: "the printing works that …", "the sheds whose roof …". */
const antecedent = /\b((?:the|a|an|this|his|her|its|their)\s+(?:[\p{L}'-]+\s+){0,2})([\p{L}'-]+)(\s+(?:that|which|who|whom|whose|where)\b)/giu;

/** The nouns relative clauses hang on, lower case: they name what a path passes (withoutAntecedents), not its relations. */
export const antecedentNouns = (question: string): string[] =>
  [...question.matchAll(antecedent)].map((m) => m[2]!.toLowerCase()).filter((w) => !functionWords.has(w));

/** Words that name two kin hops: a grandparent or grandchild (two parent hops), an in-law (a marriage and a parent hop). */
const grandKin = /\bgrand(?:father|mother|parent|son|daughter|child)(?:s|ren)?\b|祖父|祖母|爷爷|奶奶|外公|外婆|孙子|孙女|外孙/iu;
const inLawKin = /\b(?:father|mother|son|daughter|parents?)-in-law\b|岳父|岳母|公公|婆婆|女婿|儿媳/iu;
const parentHop = (label: string | undefined) => !!label && /^(?:son|daughter|child|father|mother|parent)_of$/u.test(label);

/** Relation sequences around the start entities, best first. */
export function planRelationPaths(kg: KnowledgeGraph, starts: string[], question: string, options: PlanOptions = defaultPlanOptions): Plan[] {
  const sequences = new Map<string, { relations: string[]; support: number }>();
  const note = (relations: string[]) => {
    const k = relations.join('\u0001');
    const cur = sequences.get(k);
    if (cur) cur.support++;
    else sequences.set(k, { relations, support: 1 });
  };
  /** Plans that start by going from a role phrase the question names to its holder: the phrase asks for that hop. */
  const roleFirst = new Set<string>();
  /** Whether a relation at a node leads somewhere new: the search never revisits a node. */
  const leadsOn = (hops: { other: string }[], visited: Set<string>) => hops.some((h) => !visited.has(h.other));
  const walk = (node: string, prefix: string[], visited: Set<string>, fromRole = false) => {
    if (prefix.length >= options.maxHops) return;
    for (const r of kg.relationsAt(node)) {
      const { out, in: inn } = kg.hops(node, r);
      if (!leadsOn(out, visited) && !leadsOn(inn, visited)) continue;
      const seq = [...prefix, r];
      note(seq);
      // (From a role the question names, "the chairman of Brindle Town", to the one who holds it.)
      const roleHop = fromRole || (!prefix.length && r === 'holds_role' && inn.length > 0 && / of /u.test(kg.name(node)));
      if (roleHop) roleFirst.add(seq.join('\u0001'));
      if (seq.length >= options.maxHops) continue;
      // The last hop only needs to exist (above); the hops before it are followed: `fanout` neighbours from a start,
      // a quarter as many from each of those (a hub two hops out would otherwise cost 64 × 64 visits).
      const next = [...out, ...inn].filter((h) => !visited.has(h.other));
      for (const h of next.slice(0, prefix.length ? Math.max(1, options.fanout >> 2) : options.fanout)) {
        if (visited.has(h.other)) continue;
        visited.add(h.other);
        walk(h.other, seq, visited, roleHop);
        visited.delete(h.other);
      }
    }
  };
  for (const s of starts) walk(s, [], new Set([s]));
  const asked = withoutAntecedents(question);
  const q = stems(asked, true);
  // The base forms the question's irregular verbs added, each to the word as asked.
  const surface = new Map<string, string>();
  for (const w of asked.toLowerCase().match(/\p{L}+/gu) ?? []) if (irregularVerbs[w]) surface.set(irregularVerbs[w]!, [...stems(w)][0] ?? w);
  const canon = (stem: string) => surface.get(stem) ?? stem;
  // A label made only of words that name a start entity is not asked for: in "The rent from the cottage goes into …",
  // "rent" names where the path starts, not the relation "Members rent the cottage".
  const named = new Set(starts.flatMap((s) => [...stems(s)]));
  const type = answerType(question);
  const namesStart = (label: string) => {
    const own = ownStems(label);
    // (A Chinese label's own words: "副会长_of" when the start is 鹤洲县砚雕协会的副会长.)
    const han = hanWords(label);
    return (own.length > 0 && own.every((w) => named.has(w))) || (han.length > 0 && han.every((w) => starts.some((s) => s.includes(w))));
  };
  // (Once per label: a question's plans share their labels.)
  const cueCache = new Map<string, string[] | null>();
  const cues = (label: string) => {
    let c = cueCache.get(label);
    if (c === undefined) cueCache.set(label, (c = namesStart(label) ? null : cueWords(label, q, question, canon)));
    return c;
  };
  // "Who was the grandfather of X?", "…的祖父是谁": a grandparent or grandchild is two parent hops, when the text names each
  // parent (X son_of Y, Y son_of Z) rather than the grandparent.
  const grand = grandKin.test(question);
  // ("Who was the father-in-law of X?", 岳父, 公公, 女婿, 儿媳: a marriage and a parent hop.)
  const inLaw = inLawKin.test(question);
  /** Hops the question asks for by a word that names two of them, or by naming the role a hop leaves (above). */
  const composedFits = (fits: number[], relations: string[]): number[] => {
    if (roleFirst.size && roleFirst.has(relations.join('\u0001'))) fits[0] = Math.max(fits[0]!, 1);
    if (grand || inLaw) {
      for (const [i, r] of relations.entries()) {
        const parentNext = parentHop(relations[i - 1]) || parentHop(relations[i + 1]);
        const marriedNext = relations[i - 1] === 'married_to' || relations[i + 1] === 'married_to';
        if ((grand && parentHop(r) && parentNext) || (inLaw && ((r === 'married_to' && parentNext) || (parentHop(r) && marriedNext)))) fits[i] = Math.max(fits[i]!, 1);
      }
    }
    return fits;
  };
  const plans = [...sequences.values()].map(({ relations, support }) => ({
    relations,
    support,
    // Each relation adds how far it fits above an indifferent one: a second hop that the question asks for ("the guild
    // that built X … founded") lifts a plan, one it does not ask for lowers it.
    // The embedding route's fits are cosines calibrated per label (its mean is the measure there, as before).
    score: options.vectors
      ? relations.reduce((sum, r) => sum + (namesStart(r) ? floorOf(r) : vectorFit(r, options.vectors!)), 0) / relations.length
      : squash(composedFits(hopFits(relations, cues, type), relations).reduce((sum, f) => sum + f - indifferent, 0)),
  }));
  plans.sort((a, b) => b.score - a.score || b.support - a.support || a.relations.join().localeCompare(b.relations.join()));
  return plans.slice(0, options.k).map(({ relations, score }) => ({ relations, score }));
}
