// The planner without an LLM: the 1–3-hop relation sequences that really occur
// around the linked entities, ranked by how close their labels are to the
// question: cosine similarity when vectors are supplied, word overlap otherwise.
import type { KnowledgeGraph } from './knowledge-graph';
import { labelAnswerType, relationWords, relationCueZh } from './relation-cues';
import { answerType, type AnswerType } from './answer-type';
import { hasCjk } from './normalize';
import { weakRelations } from './relations';
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

/** Word stems for overlap: lower case, common English endings removed. */
export function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (w.length < 3) continue;
    // "ring" keeps its "ing" (a stem of one or two letters matches anything).
    const stem = w.replace(/(ing|ed|es|s)$/u, '');
    out.add(stem.length >= 3 ? stem : w);
  }
  return out;
}

/**
 * How well one relation label fits the question, 0..1. `raw`: the question's text, for Chinese cues (no spaces).
 * `asked`: the question's answer type when the label is a plan's last hop (the hop that reaches the answer), else null.
 */
function relationFit(label: string, question: Set<string>, options: PlanOptions, raw = '', asked: AnswerType | null = null, used?: Set<string>): number {
  const floor = floorOf(label);
  const vectors = options.vectors;
  if (vectors) {
    const v = vectors.relation(label);
    const base = Math.min(vectors.baseline ?? 0, 0.95);
    return v ? Math.max(floor, (dot(vectors.question, v) - base) / (1 - base)) : floor;
  }
  // A question word cues one hop of a plan: "born" in "Where was the miller born?" asks for one born_in, not two.
  const take = (w: string) => {
    if (used?.has(w)) return false;
    used?.add(w);
    return true;
  };
  let hit = 0;
  for (const s of labelStems(label, relationWords)) if (question.has(s) && take(s)) hit++;
  if (hasCjk(raw)) for (const w of relationCueZh(label)) if (raw.includes(w) && take(w)) hit++;
  const fit = hit ? Math.min(1, 0.5 + 0.25 * hit) : floor;
  // The hop that reaches the answer should end at what the question asks for: a place for "where", a year for "when",
  // an agent or a role for "who". One that cannot fits half as well (a where-question's plan should not stop at
  // cast_by, nor go on past born_in to a located_in the question never asked for).
  return asked && asked !== 'other' && asked !== 'how_many' && labelAnswerType(label) !== asked ? fit * 0.5 : fit;
}

const stemCache = new Map<string, string[]>();
const ownCache = new Map<string, string[]>();
/** A label's cue stems (`relationWords`) or its own words' stems, computed once per label: plans share labels. */
function labelStems(label: string, words: (label: string) => string): string[] {
  const cache = words === relationWords ? stemCache : ownCache;
  let out = cache.get(label);
  if (!out) {
    if (cache.size > 10_000) cache.clear();
    out = [...stems(words(label))];
    cache.set(label, out);
  }
  return out;
}
const ownWords = (label: string) => label.replace(/_/g, ' ');

/** The fit of a label the question does not ask for: weak relations (co-occurrence) lower still. */
const floorOf = (label: string) => (weakRelations.has(label) ? 0.05 : 0.15);
const indifferent = 0.35;
/** A sum of fits into (0, 1), monotonic, 0.5 at 0: an LLM's plans (scored from 1.5 down) still outrank every ranked one. */
const squash = (x: number) => (x >= 0 ? 1 - 0.5 * Math.exp(-x) : 0.5 * Math.exp(x));

/** Relation sequences around the start entities, best first. */
export function planRelationPaths(kg: KnowledgeGraph, starts: string[], question: string, options: PlanOptions = defaultPlanOptions): Plan[] {
  const sequences = new Map<string, { relations: string[]; support: number }>();
  const note = (relations: string[]) => {
    const k = relations.join('\u0001');
    const cur = sequences.get(k);
    if (cur) cur.support++;
    else sequences.set(k, { relations, support: 1 });
  };
  /** Whether a relation at a node leads somewhere new: the search never revisits a node. */
  const leadsOn = (hops: { other: string }[], visited: Set<string>) => hops.some((h) => !visited.has(h.other));
  const walk = (node: string, prefix: string[], visited: Set<string>) => {
    if (prefix.length >= options.maxHops) return;
    for (const r of kg.relationsAt(node)) {
      const { out, in: inn } = kg.hops(node, r);
      if (!leadsOn(out, visited) && !leadsOn(inn, visited)) continue;
      const seq = [...prefix, r];
      note(seq);
      if (seq.length >= options.maxHops) continue;
      // The last hop only needs to exist (above); the hops before it are followed: `fanout` neighbours from a start,
      // a quarter as many from each of those (a hub two hops out would otherwise cost 64 × 64 visits).
      const next = [...out, ...inn].filter((h) => !visited.has(h.other));
      for (const h of next.slice(0, prefix.length ? Math.max(1, options.fanout >> 2) : options.fanout)) {
        if (visited.has(h.other)) continue;
        visited.add(h.other);
        walk(h.other, seq, visited);
        visited.delete(h.other);
      }
    }
  };
  for (const s of starts) walk(s, [], new Set([s]));
  const q = stems(question);
  // A label made only of words that name a start entity is not asked for: in "The rent from the cottage goes into …",
  // "rent" names where the path starts, not the relation "Members rent the cottage".
  const named = new Set(starts.flatMap((s) => [...stems(s)]));
  const type = answerType(question);
  const fit = (label: string, last: boolean, used: Set<string>) => {
    const own = labelStems(label, ownWords);
    return own.length && own.every((w) => named.has(w)) ? floorOf(label) : relationFit(label, q, options, question, last ? type : null, used);
  };
  const plans = [...sequences.values()].map(({ relations, support }) => {
    const used = new Set<string>();
    const fits = relations.map((r, i) => fit(r, i === relations.length - 1, used));
    return {
      relations,
      support,
      // Each relation adds how far it fits above an indifferent one: a second hop that the question asks for ("the guild
      // that built X … founded") lifts a plan, one it does not ask for lowers it.
      // The embedding route's fits are cosines calibrated per label (its mean is the measure there, as before).
      score: options.vectors
        ? fits.reduce((sum, f) => sum + f, 0) / relations.length
        : squash(fits.reduce((sum, f) => sum + f - indifferent, 0)),
    };
  });
  plans.sort((a, b) => b.score - a.score || b.support - a.support || a.relations.join().localeCompare(b.relations.join()));
  return plans.slice(0, options.k).map(({ relations, score }) => ({ relations, score }));
}
