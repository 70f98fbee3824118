// The graph extractor and RoG's no-LLM pipeline measured on a labelled document set (scripts/eval-graph.mjs):
// triple precision and recall against the set's gold triples, and, on its multi-hop questions, RoG's baseline Hit
// and answer-list F1 (the answer is the entity that ends the best path), how often some path reaches the answer, and
// the same pipeline on the gold triples as the graph (what a perfect extractor would give the planner and search).
import { answerListF1 } from '../eval/graph-metrics';
import { containsAnswer } from '../eval/metrics';
import { extractTriples } from '../graph/extract';
import { KnowledgeGraph } from '../graph/knowledge-graph';
import { extractionScores, type GoldTriple, type PrecisionRecall } from '../graph/metrics';
import { baselineAnswer, graphKinds, graphSex } from '../graph/prompt';
import { defaultGraphRetrieveOptions, graphRetrieve } from '../graph/rog';
import { weakRelations } from '../graph/relations';
import type { Triple } from '../graph/types';
import { parseFile } from '../ingest/parse';
import { loadTagger } from '../graph/verbs';

export { parseGoldTriples } from '../graph/metrics';

/** A document of the set as the library stores it: its text and heading ranges. */
export interface SetDocument {
  id: string;
  text: string;
  headings: { start: number; end: number }[];
}

/** A multi-hop question of a set (test/fixtures/graph-heldout/questions.jsonl, and the demo pack's path items). */
export interface GraphQuestion {
  id: string;
  question: string;
  answers: string[];
  lang?: string;
}

export interface QuestionScores {
  n: number;
  /** RoG's baseline (no LLM): the entity that ends the best path names the answer. */
  hit: number;
  /** Answer-list F1 of that one-entity answer list (equal to Hit for a single answer; kept as RoG reports it). */
  f1: number;
  /** Some retrieved path reaches an entity that names the answer. */
  reach: number;
  /** Questions where no entity was linked: the graph holds nothing the question names. */
  unlinked: number;
}

export interface QuestionAnswer { id: string; baseline: string | null; hit: boolean; reach: boolean; paths: string[]; plans: string[] }

export interface SetScores {
  documents: number;
  /** Labelled, over every triple the graph holds (co-occurrence links included). */
  all: PrecisionRecall;
  /** Labelled, over the typed triples: `mentioned_with` and `named` only say that two names appear together. */
  typed: PrecisionRecall;
  /** Head and tail connected, either direction, any label. */
  unlabelled: PrecisionRecall;
  questions: QuestionScores;
  /** The same questions on the gold triples as the graph. */
  goldGraph: QuestionScores;
  /** Per question: the baseline answer and whether it hit (for reading the misses). */
  answers: QuestionAnswer[];
  /** The same on the gold graph (eval:graph --gold). */
  goldAnswers: QuestionAnswer[];
  extractMs: number;
}

function askAll(kg: KnowledgeGraph, questions: GraphQuestion[], texts: Map<string, string>) {
  const evidence = (p: { docId: string; start: number; end: number }) => texts.get(p.docId)?.slice(p.start, p.end) ?? '';
  const options = { ...defaultGraphRetrieveOptions, search: { ...defaultGraphRetrieveOptions.search, evidence } };
  const answers: QuestionAnswer[] = [];
  const s: QuestionScores = { n: questions.length, hit: 0, f1: 0, reach: 0, unlinked: 0 };
  for (const q of questions) {
    const r = graphRetrieve(kg, q.question, options);
    const baseline = baselineAnswer(r.paths, q.question, graphKinds(kg), graphSex(kg));
    const hit = !!baseline && containsAnswer(baseline, q.answers);
    const reach = r.paths.some((p) => p.steps.some((step) => containsAnswer(step.toName, q.answers)));
    if (!r.linked.length) s.unlinked++;
    s.hit += hit ? 1 : 0;
    s.f1 += baseline ? answerListF1(baseline, q.answers) : 0;
    s.reach += reach ? 1 : 0;
    answers.push({ id: q.id, baseline, hit, reach, paths: r.paths.slice(0, 6).map((p) => `${p.score.toFixed(2)} ${p.startName} ${p.steps.map((x) => `${x.reverse ? '<-' : '-'}${x.relation}${x.reverse ? '-' : '->'} ${x.toName}`).join(' ')}`), plans: r.plans.slice(0, 12).map((p) => `${p.score.toFixed(2)} ${p.relations.join(',')}`) });
  }
  return { scores: s, answers };
}

/** A set's document through the rules, as one chunk (the chunk only enters provenance). */
const extractSetDocument = (d: SetDocument) => extractTriples({ docId: d.id, text: d.text, chunks: [{ start: 0, end: d.text.length }], headings: d.headings });

const goldTriple = (g: GoldTriple): Triple => ({ head: g.head, relation: g.relation, tail: g.tail, prov: { docId: g.docId, chunk: 0, start: 0, end: 0, extractor: 'pattern' } });

/** Extracts every document, builds the graph as the search worker does, and scores it against the gold. */
export function evaluateSet(docs: SetDocument[], gold: GoldTriple[], questions: GraphQuestion[]): SetScores {
  const t0 = performance.now();
  const perDoc: [string, Triple[]][] = docs.map((d) => [d.id, extractSetDocument(d)]);
  const extractMs = performance.now() - t0;
  const extracted = perDoc.flatMap(([, t]) => t);
  const scores = extractionScores(extracted, gold);
  const typed = extractionScores(extracted.filter((t) => !weakRelations.has(t.relation)), gold).labelled;
  const texts = new Map(docs.map((d) => [d.id, d.text]));
  const asked = askAll(KnowledgeGraph.from(perDoc), questions, texts);
  const goldKg = KnowledgeGraph.from(docs.map((d) => [d.id, gold.filter((g) => g.docId === d.id).map(goldTriple)]));
  const onGold = askAll(goldKg, questions, texts);
  return {
    documents: docs.length, all: scores.labelled, typed, unlabelled: scores.unlabelled,
    questions: asked.scores, goldGraph: onGold.scores, answers: asked.answers, goldAnswers: onGold.answers, extractMs,
  };
}

/** A set's file as the library parses it (the sets hold text, Markdown and HTML; a PDF is read from its source text). */
export async function parseSetDocument(id: string, name: string, bytes: Uint8Array): Promise<SetDocument> {
  await loadTagger();
  const { parsed } = await parseFile(name, bytes, { pdfjs: () => Promise.reject(new Error('the graph sets hold no PDF')) });
  return { id, text: parsed.text, headings: parsed.blocks.filter((b) => b.kind === 'heading') };
}

/** One document's triples beside its gold (eval:graph --dump): the gold found and missed, the extracted right and wrong. */
export function dumpDocument(doc: SetDocument, gold: GoldTriple[]): string {
  const triples = extractSetDocument(doc);
  const mine = gold.filter((g) => g.docId === doc.id);
  const right = (t: Triple) => mine.some((g) => extractionScores([t], [g]).labelled.correct > 0);
  const found = (g: GoldTriple) => triples.some((t) => extractionScores([t], [g]).labelled.correct > 0);
  const line = (t: { head: string; relation: string; tail: string }) => `(${t.head} | ${t.relation} | ${t.tail})`;
  return [
    `${doc.id}:`,
    ...mine.map((g) => `  ${found(g) ? 'found ' : 'MISSED'} ${line(g)}`),
    ...triples.filter((t) => !weakRelations.has(t.relation)).map((t) => `  ${right(t) ? 'right ' : 'WRONG '} ${line(t)} [${t.prov.extractor}]`),
  ].join('\n');
}
