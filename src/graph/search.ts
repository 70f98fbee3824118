// Constrained path search (RoG's retrieval): from each linked entity, follow
// each plan's relations hop by hop, in either direction (reverse hops marked),
// at most `capPerPlan` paths per plan; relax a plan that finds nothing by
// dropping its last hop; de-duplicate; rank; keep the best N.
import type { KnowledgeGraph } from './knowledge-graph';
import type { Plan } from './plan';
import { cueStems, stems, withoutAntecedents } from './plan';
import { functionWords } from './words';
import { entityKey, hasCjk } from './normalize';
import { kinInverse, weakRelations } from './relations';
import type { GraphPath, PathStep, Provenance } from './types';

export interface PathSearchOptions {
  capPerPlan: number;
  /** Paths kept after ranking. */
  keep: number;
  /** The sentence a triple came from, when the caller has the text: its words count as evidence. */
  evidence?: (prov: Provenance) => string;
}

export const defaultPathSearchOptions: PathSearchOptions = { capPerPlan: 32, keep: 8 };

interface Partial {
  nodes: string[];
  steps: PathStep[];
}

const literal = /^\d[\d,.]*(?:\s|\p{Script=Han}|$)/u;

/** Paths from `start` that follow `relations` exactly, at most `cap` of them, in a stable order. */
export function followPlan(kg: KnowledgeGraph, start: string, relations: string[], cap: number): Omit<GraphPath, 'score'>[] {
  let frontier: Partial[] = [{ nodes: [start], steps: [] }];
  for (const relation of relations) {
    const next: Partial[] = [];
    for (const p of frontier) {
      const at = p.nodes[p.nodes.length - 1]!;
      // A year or a count ("1921", "240 passengers", "860名职工") is a value, not a place to go on from: every
      // document's 1921 is one node, and a path through it joins things nothing relates.
      if (p.steps.length && literal.test(kg.name(at))) continue;
      const { out, in: inn } = kg.hops(at, relation);
      for (const [hops, reverse] of [[out, false], [inn, true]] as const) {
        for (const h of hops) {
          // A path never visits a node twice.
          if (p.nodes.includes(h.other)) continue;
          next.push({ nodes: [...p.nodes, h.other], steps: [...p.steps, { relation, reverse, to: h.other, toName: kg.name(h.other), prov: kg.provenance(h.edge) }] });
          if (next.length >= cap) break;
        }
        if (next.length >= cap) break;
      }
      if (next.length >= cap) break;
    }
    frontier = next;
    if (!frontier.length) break;
  }
  return frontier.filter((p) => p.steps.length === relations.length).map((p) => ({ start, startName: kg.name(start), steps: p.steps, plan: relations }));
}

/**
 * Kin read the wrong way: (Walter, son_of, Samuel) answers "Walter's father" forwards and "Samuel's son" backwards. A
 * question that names the other side ("father") and a path that takes son_of backwards (to Walter's child) disagree, as
 * do "son" and son_of forwards: such a path loses 0.3 per step.
 */
function kinAgainst(p: Omit<GraphPath, 'score'>, q: ReadonlySet<string>): number {
  let against = 0;
  for (const s of p.steps) {
    const kin = /(?:^|_)([a-z]+)_of$/.exec(s.relation)?.[1];
    const other = kin ? kinInverse[kin] : undefined;
    if (!kin || !other) continue;
    const asksOther = other.some((w) => q.has(w)) && !q.has(kin);
    const asksKin = q.has(kin) && !other.some((w) => q.has(w));
    if ((asksOther && s.reverse) || (asksKin && !s.reverse)) against += 0.3;
  }
  return against;
}

const signature = (p: Omit<GraphPath, 'score'>) => `${p.start}|${p.steps.map((s) => `${s.reverse ? '<' : '>'}${s.relation}>${s.to}`).join('|')}`;

/**
 * Paths for a question: every plan from every start, relaxed when empty, ranked by
 * the plan's score plus the share of the question's words that the path's
 * relations, entities and (when given) evidence sentences contain.
 */
export function retrievePaths(kg: KnowledgeGraph, question: string, starts: string[], plans: Plan[], options: PathSearchOptions = defaultPathSearchOptions): GraphPath[] {
  const found = new Map<string, GraphPath>();
  // Only content words are evidence: every sentence holds "was" or "where", so a longer path would always hold more.
  const q = new Set([...stems(question)].filter((w) => !functionWords.has(w)));
  // A name of several words the question writes ("Wrenfold Market Hall") is evidence whole: a path whose "hall clock"
  // shares one of its words has not found it.
  const units = [...question.matchAll(/\p{Lu}[\p{L}'’]*(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}'’]*)+/gu)]
    .map((m) => [...stems(m[0])].filter((w) => q.has(w))).filter((u) => u.length >= 2);
  // The noun a relative clause hangs on ("the printing works that prints …") may name a path's entity, never its relation.
  const cues = stems(withoutAntecedents(question));
  const linked = new Set(starts);
  // The words that name a start are spent on linking it: a path that comes back to them ("harbourmaster of Quellmoor"
  // → Teodric Vane → harbourmaster_of Quellmoor) has not found anything the question asks.
  const rest = new Map(starts.map((start) => {
    const own = stems(kg.name(start));
    return [start, new Set([...q].filter((w) => !own.has(w)))];
  }));
  // Each start's name as circles() compares it, once per start rather than once per path.
  const ownKeys = new Map(starts.map((start) => [start, ` ${entityKey(kg.name(start))} `]));
  for (const plan of plans) {
    for (const start of starts) {
      let relations = plan.relations;
      let paths = followPlan(kg, start, relations, options.capPerPlan);
      while (!paths.length && relations.length > 1) {
        relations = relations.slice(0, -1);
        paths = followPlan(kg, start, relations, options.capPerPlan);
      }
      const relaxPenalty = relations.length < plan.relations.length ? 0.1 : 0;
      for (const p of paths) {
        const sig = signature(p);
        const score = plan.score - relaxPenalty + evidenceScore(p, rest.get(start)!, cues, options, units) - (linked.has(p.steps[p.steps.length - 1]!.to) ? 0.5 : 0) - kinAgainst(p, q)
          - (circles(ownKeys.get(start)!, p) ? 0.5 : 0) - (throughKind(p) ? 0.5 : 0);
        const cur = found.get(sig);
        if (!cur || cur.score < score) found.set(sig, { ...p, score });
      }
    }
  }
  return [...found.values()].sort((a, b) => b.score - a.score || a.steps.length - b.steps.length || signature(a).localeCompare(signature(b))).slice(0, options.keep);
}

/**
 * Whether a path joins two things only by what kind they are: Wetheral -is_a-> village <-is_a- Felby says nothing of
 * Felby that the question asked (every village is one).
 */
const throughKind = (p: Omit<GraphPath, 'score'>) => p.steps.some((s, i) => i > 0 && s.relation === 'is_a' && s.reverse && p.steps[i - 1]!.relation === 'is_a' && !p.steps[i - 1]!.reverse);

/**
 * Whether a path goes through what its start's own name holds: from "captain of Kelsworth Wanderers" through Kit Alder
 * back to Kelsworth Wanderers has gone round in a circle (the question named the club to say whose captain).
 */
function circles(own: string, p: Omit<GraphPath, 'score'>): boolean {
  // (… or ends there: "黄永福的父亲" → 黄德才 → father_of 黄永福 has come back to the name the question gave.)
  return p.steps.some((s) => {
    const key = entityKey(s.toName);
    return key.length >= 3 && key !== own.trim() && (hasCjk(key) ? own.includes(key) : own.includes(` ${key} `));
  });
}

/** `q`: the question's content words; `cues`: those of them a relation may hold (withoutAntecedents). */
function evidenceScore(p: Omit<GraphPath, 'score'>, q: Set<string>, cues: Set<string>, options: PathSearchOptions, units: readonly string[][] = []): number {
  if (!q.size) return 0;
  const words = new Set<string>();
  const relationHas = new Set<string>();
  for (const s of p.steps) {
    for (const w of stems(s.toName)) words.add(w);
    if (!weakRelations.has(s.relation)) for (const w of cueStems(s.relation)) relationHas.add(w);
    if (options.evidence) for (const w of stems(options.evidence(s.prov[0]!))) words.add(w);
  }
  // (`units`: the question's names of several words, each found whole or not at all.)
  const partial = new Set(units.filter((u) => !u.every((w) => words.has(w))).flat());
  let hit = 0;
  for (const w of q) if ((words.has(w) && !partial.has(w)) || (relationHas.has(w) && cues.has(w))) hit++;
  // Weak relations (co-occurrence) say less than a named relation: they weigh less.
  const weak = p.steps.filter((s) => weakRelations.has(s.relation)).length / p.steps.length;
  return (hit / q.size) * (1 - 0.3 * weak);
}
