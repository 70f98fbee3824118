// RoG's answering side: paths rendered as text, the prompt that asks the LLM to
// answer from them (RoG's own wording, plus our [n] citations), and RoG's no-LLM
// baseline, which answers with the last entity of the best path.
import { buildRagMessages, formatSource, quoteConstraint } from '../rag/prompt';
import type { ChatMessage, OutputConstraint, SourceBudget } from '../shared/llm-types';
import type { RetrievalMode, RetrievalResponse, RetrievedChunk, RetrievedPath } from '../shared/search-api';
import type { GraphPath } from './types';
import type { KnowledgeGraph } from './knowledge-graph';
import { answerHead, answerType, askedSex, fitsType, kinSex } from './answer-type';
import { entityKey } from './normalize';
import { antecedentNouns } from './plan';

/**
 * `A → relation → B → relation → C`. A hop followed against the edge's direction is
 * written `B ← relation ← C` (C relation B), so the text never states a fact backwards.
 */
export function renderPath(path: GraphPath): string {
  let out = path.startName;
  for (const s of path.steps) out += s.reverse ? ` ← ${s.relation} ← ${s.toName}` : ` → ${s.relation} → ${s.toName}`;
  return out;
}

/** The numbered reasoning paths (rendered with renderPath), one per line: `[1] A → r → B`. */
export function renderPaths(paths: readonly string[]): string {
  return paths.map((p, i) => `[${i + 1}] ${p}`).join('\n');
}

/**
 * RoG's reasoning instruction (Luo et al., 2024) with the numbered paths, asking for `[n]` citations. Passages
 * (in "Hybrid + graph") follow the paths and continue their numbering, so one `[n]` names either.
 */
export function rogInstruction(paths: readonly string[], passages: readonly RetrievedChunk[] = []): string {
  const lines = [
    'Based on the reasoning paths, please answer the given question. Please keep the answer as simple as possible and return all the possible answers as a list.',
    `Cite the ${passages.length ? 'paths and passages' : 'paths'} you used as [n]. If no path answers the question, say that the graph does not contain the answer.`,
    '',
    'Reasoning Paths:',
    paths.length ? renderPaths(paths) : '(none)',
  ];
  if (passages.length) lines.push('', 'Passages:', passages.map((c, i) => formatSource(c, paths.length + i + 1)).join('\n\n'));
  return lines.join('\n');
}

/** RoG's reasoning prompt as one text: the instruction, the paths, the question. */
export function rogPrompt(question: string, paths: readonly string[]): string {
  return [rogInstruction(paths), '', 'Question:', question].join('\n');
}

/** Chat messages for RoG: the instruction and paths (and passages) as the system message, the conversation, the question. */
export function rogMessages(paths: readonly string[], history: ChatMessage[], question: string, passages: readonly RetrievedChunk[] = []): ChatMessage[] {
  return [{ role: 'system', content: rogInstruction(paths, passages) }, ...history.filter((m) => m.role !== 'system'), { role: 'user', content: question }];
}

/** What decides an answer's prompt and numbering: the retrieval mode, its paths (graph modes), its chunks. */
export interface AnswerContext {
  mode?: RetrievalMode;
  graph?: { paths: readonly unknown[] };
  results: readonly unknown[];
}

/** Whether an answer is asked with RoG's prompt: always in "Graph (RoG)", in "Hybrid + graph" when it found paths. */
export function answersWithPaths(r: Pick<AnswerContext, 'mode' | 'graph'>): boolean {
  return r.mode === 'graph' ? !!r.graph : r.mode === 'hybrid-graph' && !!r.graph?.paths.length;
}

/**
 * The messages of an answer (Chat, Compare, Evaluate): RoG's (paths, and in "Hybrid + graph" the passages after them)
 * when the retrieval found paths for it, else the RAG prompt with `template` (`retrieval` null: no retrieval at all).
 * `budget`: the answering model's source budget (EngineCapabilities), for the RAG prompt.
 */
export function answerMessages(template: string, retrieval: Pick<RetrievalResponse, 'mode' | 'graph' | 'results'> | null, history: ChatMessage[], question: string, budget?: SourceBudget): ChatMessage[] {
  if (!retrieval || !answersWithPaths(retrieval)) return buildRagMessages(template, retrieval?.results ?? null, history, question, budget);
  const paths = retrieval.graph!.paths.map((p) => p.text);
  return rogMessages(paths, history, question, retrieval.mode === 'hybrid-graph' ? retrieval.results : []);
}

/** The constraint on an answer's text, when the RAG prompt answers and the model quotes its sources (quoteConstraint). */
export function answerConstraint(retrieval: Pick<RetrievalResponse, 'mode' | 'graph' | 'results'> | null, question: string, budget?: SourceBudget): OutputConstraint | undefined {
  if (!retrieval || answersWithPaths(retrieval)) return undefined;
  return quoteConstraint(retrieval.results, question, budget);
}

/** How many `[n]` an answer can cite: the paths, and the passages numbered after them in "Hybrid + graph". */
export function citableCount(r: AnswerContext): number {
  if (!answersWithPaths(r)) return r.results.length;
  return r.graph!.paths.length + (r.mode === 'hybrid-graph' ? r.results.length : 0);
}

/** How an answer's `[n]` are numbered, for showing it: its paths and its listed chunks, as answerMessages numbered them. */
export interface CitationNumbering {
  /** The answer was asked with RoG's prompt. */
  rog: boolean;
  /** Paths numbered 1..paths (0 with the RAG prompt). */
  paths: number;
  /** The number of the first listed chunk: after the paths. */
  first: number;
  /** How many `[n]` the answer can cite (the chunks of "Graph (RoG)" are listed but were not in its prompt). */
  count: number;
}

/** The numbering of an answer's `[n]` (Chat's turns, Compare's cells, Evaluate's details show it alike). */
export function citationNumbering(r: AnswerContext): CitationNumbering {
  const rog = answersWithPaths(r);
  const paths = rog ? r.graph!.paths.length : 0;
  return { rog, paths, first: paths + 1, count: citableCount(r) };
}

/** The documents of the sentences that state a path's hops, in order of first use. */
export function pathDocuments(path: Pick<RetrievedPath, 'hops'>): string[] {
  return [...new Set(path.hops.flatMap((h) => h.evidence.map((e) => e.docName)))];
}

/**
 * The documents each `[n]` of an answer names, in answerMessages' numbering: a path names the documents of the
 * sentences that state its hops, a passage its own document.
 */
export function citedDocuments(r: Pick<RetrievalResponse, 'mode' | 'graph' | 'results'>): string[][] {
  const passages = r.results.map((c) => [c.docName]);
  if (!answersWithPaths(r)) return passages;
  const paths = r.graph!.paths.map(pathDocuments);
  return r.mode === 'hybrid-graph' ? [...paths, ...passages] : paths;
}

/**
 * RoG's baseline without an LLM: the last entity of the best path that fits the question's type (a year for "when",
 * a place for "where", a name for "who", a number for "how many"; graph/answer-type.ts), else of the best path; null
 * when there is none. `kinds`: what the graph says an entity is (its is_a ends; graphKinds).
 */
export function baselineAnswer(paths: GraphPath[], question = '', kinds?: (key: string) => string[], sexOf?: (key: string) => 'f' | 'm' | null): string | null {
  const type = answerType(question);
  // "Who is the mother of Susan Nance?": of Susan's parents (daughter_of reaches both), not the one the graph says is a
  // man. (Only paths that end at someone of the other sex go; a path of unknown sex stays.)
  const sex = sexOf ? askedSex(question) : null;
  if (sex) {
    const fitting = paths.filter((p) => !p.steps.length || (sexOf!(p.steps[p.steps.length - 1]!.to) ?? sex) === sex);
    if (fitting.some((p) => p.steps.length)) paths = fitting;
  }
  // "On which plot …": a path ending at something named a plot, or that the graph says is one
  // ("In which county …": Westmarch, is_a county), fits best.
  const head = answerHead(question);
  const named = (p: GraphPath) => {
    if (!head) return false;
    const last = p.steps[p.steps.length - 1]!;
    // The name's or kind's head noun, its last word: a "Cheese maker" is no cheese. (Chinese has no spaces: a part.)
    // (… or its first, in "River Leam", "Lake Tarne": a kind before a name.)
    const firstIsKind = (n: string) => /^\p{Lu}\p{Ll}+\s+\p{Lu}/u.test(n) && n.split(/\s+/)[0]!.toLowerCase() === head;
    return [last.toName, ...(kinds?.(last.to) ?? [])].some((n) => (/\p{Script=Han}/u.test(n) ? n.includes(head) || zhKindEnd(n, head) : headWord(n.toLowerCase().split(/\s+/).pop()!, head) || firstIsKind(n)));
  };
  // "What did the husband of Margaret Olds do?", 担任什么职务: a role or a kind answers (… -is_a-> fisherman).
  const workAsked = /\bwhat\s+(?:did|does|do)\b[^?]*\sdo(?:\s+for\s+a\s+living)?\s*\??\s*$|\b(?:job|occupation|trade|profession|role|position)\b|(?:做|干)什么工作|什么(?:职务|职位|职业|身份)|(?:做|干)什么的/iu.test(question);
  // (Kin is no work: "great-grandfather", 黄振声的孙子.)
  const isWork = (p: GraphPath) => {
    const last = p.steps[p.steps.length - 1]!;
    return !last.reverse && /^(?:holds_role|is_a)$/u.test(last.relation) && !roleKinSex(last.toName);
  };
  // A path that ends by saying what something is (… -work_at-> Halden Boatworks -is_a-> boatyard) ends at a kind, which
  // answers only "what kind …": its answer is the entity the kind describes, where the path was before.
  const kindAsked = /\b(?:what|which)\s+(?:kind|sort|type)\b|什么样|哪种|哪类/iu.test(question) || workAsked;
  // (So does a role with no owner that is what the question asks for: "Which newspaper …" and … -holds_role-> weekly
  // newspaper.)
  const describedBy = (s: GraphPath['steps'][number]) => s.relation === 'is_a' || (s.relation === 'holds_role' && !!head && ownerless(s.toName) && headWord(s.toName.toLowerCase().split(/\s+/).pop()!, head));
  const describes = (p: GraphPath) => !kindAsked && p.steps.length > 1 && describedBy(p.steps[p.steps.length - 1]!) && !p.steps[p.steps.length - 1]!.reverse;
  // A role whose owner the path has already passed restates the path (何文远 <-great_grandson_of- 何建新 -holds_role->
  // 何文远的曾孙): it answers only when nothing else does.
  const restates = (p: GraphPath) => {
    const last = p.steps[p.steps.length - 1]!;
    if (last.relation !== 'holds_role' || last.reverse || ownerless(last.toName)) return false;
    return [p.start, ...p.steps.slice(0, -1).map((s) => s.to)].includes(entityKey(roleOwner(last.toName)));
  };
  // A node that someone holds (Safety officer <-holds_role- Oskar Brandt, on another path) is a role: "Which director
  // reads the accident book?" asks for the person who holds it.
  const roles = new Set(paths.flatMap((p) => p.steps.flatMap((s, i) => (s.relation === 'holds_role' && s.reverse ? [i ? p.steps[i - 1]!.to : p.start] : []))));
  const held = (p: GraphPath) => !workAsked && roles.has(p.steps[p.steps.length - 1]!.to);
  // The noun a relative clause hangs on names a thing the path passes, not the answer: "Where are the sheds whose roof
  // carries the solar array?" asks where the kelp drying sheds are.
  const antecedents = antecedentNouns(question);
  const described = (p: GraphPath) => antecedents.some((a) => headWord(p.steps[p.steps.length - 1]!.toName.toLowerCase().split(/\s+/).pop()!, a.replace(/(?<=[^s])s$/u, '')));
  const told = paths.filter((p) => p.steps.length && !restates(p) && !held(p) && !described(p));
  const answers = (told.length ? told : paths.filter((p) => p.steps.length)).map((p) => (describes(p) ? { ...p, steps: p.steps.slice(0, -1) } : p));
  // "Who …" is answered by a name (a capital or CJK) before a common noun ("market charter") that fits no worse.
  const proper = (p: GraphPath) => type !== 'who' || /^\p{Lu}|\s\p{Lu}|\p{Script=Han}/u.test(p.steps[p.steps.length - 1]!.toName);
  // "In which county was X born?", "Which lake is X's birthplace on?": when no path's end is known to be one, the place
  // a path reaches is inside the larger one asked for; a path that goes on by one containing hop answers.
  const contained = (p: GraphPath) => !!head && largerPlace.test(head) && p.steps.length > 1 && !p.steps[p.steps.length - 1]!.reverse && containing.test(p.steps[p.steps.length - 1]!.relation);
  // ("曾在哪个茶场担任场长" asks where with a noun: a path that ends at a 茶场 answers, by whatever relation it got there.)
  const best = (workAsked ? answers.find(isWork) : undefined) ?? answers.find((p) => fitsType(p, type) && named(p)) ?? (type === 'where' ? answers.find(named) : undefined) ?? answers.find((p) => fitsType(p, type) && contained(p)) ?? answers.find((p) => fitsType(p, type) && proper(p)) ?? answers.find((p) => fitsType(p, type)) ?? answers[0];
  return best ? best.steps[best.steps.length - 1]!.toName : null;
}

/**
 * Whether a Chinese name ends as things of the kind `head` do: "菱湾小学" is a 学校 (…学, …校), "石门村" a 村子; a name
 * ending with the head's last character is one too ("德昌酒坊" for 作坊).
 */
const zhKindEnd = (name: string, head: string) => {
  const last = head[head.length - 1]!;
  return head.length >= 2 && ((name.endsWith(last) && !/[子儿头]/u.test(last)) || (/[子儿校]/u.test(last) && name.endsWith(head[head.length - 2]!)));
};

/** Places that hold towns and villages: what "in which county", "on which lake" ask for. */
const largerPlace = /^(?:county|country|region|province|state|district|parish|island|lake|river|valley|sea|bay|estuary|forest|moor|dale|peninsula)$/;
/** Relations from a place to the place that holds it. */
const containing = /^(?:located_(?:in|on)|lies?_(?:in|on)|part_of|situated_in)$/;

/** Whether a word is the noun `head` or its plural ("plot", "plots"; not "cheesemaker" for "cheese"). */
const headWord = (word: string, head: string) => word === head || word === `${head}s` || word === `${head}es` || (head.endsWith('y') && word === `${head.slice(0, -1)}ies`);

/**
 * The sex the graph gives a person (baselineAnswer's `sexOf`): a title ("Mrs", 女士), a kin relation of one sex
 * (daughter_of, mother_of), a kin role ("wife of Arthur Nance", 周庆山的妻子), else the other sex to a spouse that one
 * of those gives; null when nothing says.
 */
export const graphSex = (kg: Pick<KnowledgeGraph, 'hops' | 'name' | 'relationsAt'>) => {
  const own = (key: string): 'f' | 'm' | null => {
    const name = kg.name(key);
    if (/^(?:Mrs|Miss|Ms|Lady|Dame)\b|(?:女士|夫人|太太)$/u.test(name)) return 'f';
    if (/^(?:Mr|Sir|Lord)\b|先生$/u.test(name)) return 'm';
    for (const label of kg.relationsAt(key)) {
      const kin = /^(\p{L}+)_of$/u.exec(label)?.[1];
      const sex = kin ? kinSex(kin) : null;
      if (sex && kg.hops(key, label).out.length) return sex;
    }
    for (const h of kg.hops(key, 'holds_role').out) {
      const sex = roleKinSex(kg.name(h.other));
      if (sex) return sex;
    }
    return null;
  };
  return (key: string): 'f' | 'm' | null => {
    const sex = own(key);
    if (sex) return sex;
    const spouse = kg.hops(key, 'married_to');
    const sexes = new Set([...spouse.out, ...spouse.in].map((h) => own(h.other)).filter((x) => x));
    return sexes.size === 1 ? (sexes.has('f') ? 'm' : 'f') : null;
  };
};

/** A role with no owner says what someone or something is ("weekly newspaper"); "chairman of X" says whose. */
const ownerless = (role: string) => !/\sof\s|的/u.test(role);

/**
 * What the graph says an entity is (baselineAnswer's `kinds`): the names its is_a edges end at, and its roles with no
 * owner ("the Kelsworth Courier, the city's weekly newspaper" is a newspaper).
 */
export const graphKinds = (kg: Pick<KnowledgeGraph, 'hops' | 'name'>) => (key: string): string[] => [
  ...kg.hops(key, 'is_a').out.map((h) => kg.name(h.other)),
  ...kg.hops(key, 'holds_role').out.map((h) => kg.name(h.other)).map((role) => (ownerless(role) ? role : roleHead(role))),
];

/** What a role with an owner says its holder is: "oldest engine of the railway" an engine, 松溪县文化馆的馆员 a 馆员. */
const roleHead = (role: string) => (/\p{Script=Han}/u.test(role) ? role.slice(role.lastIndexOf('的') + 1) : role.split(/\s+of\s+/u)[0]!);
/** … and whose it is: the railway, 松溪县文化馆 ('' for a role with no owner). */
const roleOwner = (role: string) => (/\p{Script=Han}/u.test(role) ? role.slice(0, Math.max(0, role.lastIndexOf('的'))) : role.split(/\s+of\s+/u).slice(1).join(' of '));
/** The sex a kin role gives its holder ("wife of Arthur Nance", "eldest son", "great-grandfather", 黄振声的孙子), or null. */
const roleKinSex = (role: string) => kinSex(roleHead(role).split(/\s+/u).pop()!.replace(/^(?:great-)+/iu, ''));
