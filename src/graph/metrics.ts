// Measures of the graph against gold data: extraction precision and recall
// against gold triples, and whether retrieved paths reach an answer.
import { entityKey, hasCjk, relationLabel } from './normalize';
import { labelSynonyms, symmetricRelations, verbRules } from './relations';
import { pastParticiple, wordRoot } from './verbs';
import type { ExtractorName, Triple } from './types';

/** A gold triple (the demo pack's kg.jsonl). */
export interface GoldTriple {
  docId: string;
  head: string;
  relation: string;
  tail: string;
}

/**
 * Gold triples from JSONL (the demo pack's kg.jsonl: `{"doc_id", "head", "relation", "tail", …}` per line).
 * `badLine`: the first line (1-based) that is not such a triple, null when all are; the triples before it are kept.
 */
export function parseGoldTriples(text: string): { triples: GoldTriple[]; badLine: number | null } {
  const triples: GoldTriple[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    let g: Record<string, unknown>;
    try {
      g = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return { triples, badLine: i + 1 };
    }
    const { doc_id: docId, head, relation, tail } = g ?? {};
    if (![docId, head, relation, tail].every((x) => typeof x === 'string' && x.trim())) return { triples, badLine: i + 1 };
    triples.push({ docId: docId as string, head: head as string, relation: relation as string, tail: tail as string });
  }
  return { triples, badLine: null };
}

/**
 * Two names of one entity: the same key, or one key ends the other as whole words
 * ("old tide mill" and "tide mill"): a modifier the gold omits is not an error.
 */
export function sameEntity(a: string, b: string): boolean {
  const x = entityKey(a);
  const y = entityKey(b);
  if (!x || !y) return false;
  if (x === y) return true;
  // CJK has no spaces: a name of two or more characters that ends the other ("营造社", "海安营造社").
  if (hasCjk(x) && hasCjk(y)) return (x.length >= 2 && y.endsWith(x)) || (y.length >= 2 && x.endsWith(y));
  return x.endsWith(` ${y}`) || y.endsWith(` ${x}`);
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  /** Extracted triples that match a gold triple. */
  correct: number;
  extracted: number;
  /** Gold triples that some extracted triple matches. */
  found: number;
  gold: number;
}

export interface ExtractionScores {
  /** Head, relation and tail all match, in the gold's direction. */
  labelled: PrecisionRecall;
  /** Head and tail are connected, in either direction, whatever the relation. */
  unlabelled: PrecisionRecall;
  /** Labelled scores of each extractor's triples alone (recall: the gold triples that extractor found). */
  byExtractor: Partial<Record<ExtractorName, PrecisionRecall>>;
}

function score(extracted: Triple[], gold: GoldTriple[], match: (t: Triple, g: GoldTriple) => boolean): PrecisionRecall {
  const byDoc = new Map<string, GoldTriple[]>();
  for (const g of gold) (byDoc.get(g.docId) ?? byDoc.set(g.docId, []).get(g.docId)!).push(g);
  const found = new Set<GoldTriple>();
  let correct = 0;
  for (const t of extracted) {
    const hits = (byDoc.get(t.prov.docId) ?? []).filter((g) => match(t, g));
    if (hits.length) correct++;
    for (const h of hits) found.add(h);
  }
  return {
    precision: extracted.length ? correct / extracted.length : 0,
    recall: gold.length ? found.size / gold.length : 0,
    correct,
    extracted: extracted.length,
    found: found.size,
    gold: gold.length,
  };
}

/**
 * A fact as the scorer compares it: each word of the label at its root ("moved_to" is "move_to"), and an agent turned
 * round: (bridge, built_by, Orlen guild) states what (Orlen guild, build, bridge) does. Gold data and extractors may
 * write either voice.
 */
export function canonicalFact(head: string, relation: string, tail: string): { head: string; relation: string; tail: string; agent: boolean } {
  // The vocabulary's synonyms first (relations.ts): "produced_by" and "made_by" are one relation, "grind" is "produces".
  const ruleFor = (label: string) => verbRules.find((r) => r.pattern.test(label.replace(/_/g, ' ')));
  let rule = ruleFor(relation);
  // An active verb whose passive the vocabulary names: (workshop, make, lamp) is (lamp, made_by, workshop).
  let passiveActive = false;
  if (!rule && /^[a-z]+$/.test(relation)) {
    const participle = pastParticiple(relation);
    const passive = participle ? ruleFor(`${participle} by`) : undefined;
    if (passive && !passive.inverse) [head, rule, tail, passiveActive] = [tail, passive, head, true];
  }
  if (rule) [head, relation, tail] = rule.inverse ? [tail, rule.label, head] : [head, rule.label, tail];
  relation = labelSynonyms[relation] ?? relation;
  // (X, holds_role, archivist of Fenwick Abbey) states what (X, archivist_of, Fenwick Abbey) does, and
  // (X, holds_role, 恒丰酱园的掌柜) what (X, 掌柜_of, 恒丰酱园) does: the same fact in Chinese word order.
  const role = relation === 'holds_role' ? /^(.+?) of (?:the )?(.+)$/i.exec(tail) : null;
  const zhRole = relation === 'holds_role' && !role ? /^(.+)的([^的]+)$/u.exec(tail) : null;
  if (role) [relation, tail] = [relationLabel(`${role[1]} of`), role[2]!];
  else if (zhRole) [relation, tail] = [relationLabel(`${zhRole[2]} of`), zhRole[1]!];
  // A bare role is a kind: (Josiah Penhale, holds_role, stonemason) states what (Josiah Penhale, is_a, stonemason)
  // does. The sets' writers chose either for "X, a stonemason," and "X is a sheep farmer".
  else if (relation === 'holds_role' && !/\s(?:at|for|in)\s/u.test(tail)) relation = 'is_a';
  const words = relation.split('_').filter(Boolean);
  const agent = words.length >= 2 && words[words.length - 1] === 'by';
  // ("found" is the lemma of "founded", the label the extractor writes for it; the tagger's root would be "find".)
  const label = (agent ? words.slice(0, -1) : words).map((w) => (w === 'found' ? w : wordRoot(w))).join('_');
  // An agent's verb: a passive with "by" turned round, or an active verb (one word) whose subject acts.
  return agent ? { head: tail, relation: label, tail: head, agent } : { head, relation: label, tail, agent: passiveActive || words.length === 1 };
}

// Each triple is compared with every gold triple of its document: its canonical form is computed once.
const canonical = new WeakMap<Triple | GoldTriple, ReturnType<typeof canonicalFact>>();
const canonicalOf = (t: Triple | GoldTriple) => {
  let c = canonical.get(t);
  if (!c) canonical.set(t, (c = canonicalFact(t.head, t.relation, t.tail)));
  return c;
};

// The demo pack's gold writes every agent as made_by ("chosen by lot", "allocated by the market warden"): a gold made_by
// matches an extracted agent of any verb (chosen_by), and the reverse.
const agentVerbs = new Set(['make', 'produce']);
const sameRelation = (a: string, b: string, aAgent: boolean, bAgent: boolean) =>
  a === b || (aAgent && bAgent && (agentVerbs.has(a) || agentVerbs.has(b)));

const symmetric = (relation: string) => symmetricRelations.has(labelSynonyms[relation] ?? relation);
/**
 * A role with its owner states the bare role: (Tom Varley, coxswain_of, Pellhaven Lifeboat Station) says what the gold's
 * (Tom Varley, holds_role, coxswain) does, and more. Not the other way round: a bare role leaves out whose it is.
 */
const statesBareRole = (a: ReturnType<typeof canonicalFact>, b: ReturnType<typeof canonicalFact>) =>
  b.relation === 'is_a' && a.relation.endsWith('_of') && sameEntity(a.head, b.head) && entityKey(a.relation.slice(0, -3).replace(/_/g, ' ')) === entityKey(b.tail);

const labelled = (t: Triple, g: GoldTriple) => {
  const a = canonicalOf(t);
  const b = canonicalOf(g);
  if (statesBareRole(a, b)) return true;
  if (!sameRelation(a.relation, b.relation, a.agent, b.agent)) return false;
  return (sameEntity(a.head, b.head) && sameEntity(a.tail, b.tail))
    || (symmetric(g.relation) && sameEntity(a.head, b.tail) && sameEntity(a.tail, b.head));
};
const unlabelled = (t: Triple, g: GoldTriple) => (sameEntity(t.head, g.head) && sameEntity(t.tail, g.tail)) || (sameEntity(t.head, g.tail) && sameEntity(t.tail, g.head));

/** Precision and recall of extracted triples against gold triples of the same documents. */
export function extractionScores(extracted: Triple[], gold: GoldTriple[]): ExtractionScores {
  const byExtractor: ExtractionScores['byExtractor'] = {};
  for (const name of new Set(extracted.map((t) => t.prov.extractor))) {
    byExtractor[name] = score(extracted.filter((t) => t.prov.extractor === name), gold, labelled);
  }
  return { labelled: score(extracted, gold, labelled), unlabelled: score(extracted, gold, unlabelled), byExtractor };
}
