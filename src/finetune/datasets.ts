// Training datasets built from a QA set's train split:
// - RAFT (Zhang et al. 2024): oracle + hard-negative distractors, the oracle
//   present in a fraction P of examples, a chain-of-thought target quoting it;
// - self-generated demonstrations (Finlayson et al. 2025): the model's own
//   correct RAG answers verbatim, an abstention where it was wrong;
// - plain SFT (question → answer, no context): Balaguer et al.'s "fine-tune only".
// Prompts are built exactly as at inference (buildRagMessages), so training
// matches what the model will see.
import { containsAnswer, docKey, exactMatch, isAbstention, tokenF1 } from '../eval/metrics';
import type { QaItem } from '../eval/types';
import type { ChatMessage, SourceBudget } from '../shared/llm-types';
import { compressSources } from '../rag/compress';
import { buildRagMessages } from '../rag/prompt';
import { promptVariants } from '../rag/prompt-variants';
import { detectPromptLanguage, promptLanguages } from '../shared/language';
import type { RetrievedChunk } from '../shared/search-api';
import { answerTokens } from '../eval/normalize';

/** The English abstention target; `abstentionFor` gives the one in a question's language. */
export const abstention = promptVariants.en.abstention;
/** The abstention sentence in the question's language (the one its RAG prompt asks for). */
export const abstentionFor = (question: string) => promptVariants[detectPromptLanguage(question)].abstention;
const isNoRetrievalSystem = (content: string | undefined) => promptLanguages.some((l) => promptVariants[l].noRetrievalSystem === content);
export const beginQuote = '##begin_quote##';
export const endQuote = '##end_quote##';

/** `rog-planning` and `rog-reasoning` are RoG's two objectives (rog-datasets.ts), built from the knowledge graph. */
export type DatasetKind = 'raft' | 'self-gen' | 'sft' | 'rog-planning' | 'rog-reasoning';

export interface ExampleMeta {
  /** RAFT: whether the oracle is among the documents. */
  oracle?: boolean;
  /** The target is an abstention. */
  abstain: boolean;
  /** The prompt carries retrieved or given documents. */
  withContext: boolean;
  /** Where the target came from. */
  target: 'template' | 'llm' | 'model-answer' | 'gold' | 'abstention';
  /** Self-generated: the model's score against gold (F1). */
  score?: number;
}

export interface TrainingExample {
  itemId: string;
  /** The prompt messages and, last, the assistant's target. */
  messages: ChatMessage[];
  meta: ExampleMeta;
}

/** A passage the dataset builder can put in a prompt. */
export type Passage = Pick<RetrievedChunk, 'docName' | 'text' | 'headingPath' | 'page'>;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
export const containsQuote = (text: string, quote: string) => !!quote.trim() && squash(text).includes(squash(quote));

function asChunk(p: Passage, i: number): RetrievedChunk {
  return { docId: p.docName, docName: p.docName, ord: i, text: p.text, headingPath: p.headingPath, ...(p.page ? { page: p.page } : {}), start: 0, end: p.text.length, score: 0, scores: {} };
}

function shuffle<T>(xs: T[], random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The quote an item's target uses: its own, or the oracle sentence holding the answer. */
export function quoteFor(item: QaItem, oracle: Passage[]): string | null {
  if (item.quote && oracle.some((o) => containsQuote(o.text, item.quote!))) return item.quote;
  if (!item.answer) return null;
  for (const o of oracle) {
    const sentence = o.text.split(/(?<=[.!?。！？])\s+/).find((s) => containsQuote(s, item.answer!));
    if (sentence) return sentence.trim();
  }
  return null;
}

/** The RAFT chain-of-thought target built from the gold quote and answer, in the question's language (English by default). */
export function templateTarget(quote: string, answer: string, citation: number | null, question = ''): string {
  return promptVariants[detectPromptLanguage(question)].raftTarget(`${beginQuote}${quote}${endQuote}`, citation ? ` [${citation}]` : '', answer);
}

/** Checks a model-written RAFT target: it quotes between the markers, the quote is in the oracle, and it ends with the answer. */
export function checkLlmTarget(output: string, oracle: Passage[], answer: string): boolean {
  const m = new RegExp(`${beginQuote}([\\s\\S]+?)${endQuote}`).exec(output);
  if (!m || !oracle.some((o) => containsQuote(o.text, m[1]!))) return false;
  const final = output.lastIndexOf('<ANSWER>:');
  return final >= 0 && exactMatch(output.slice(final), [answer]);
}

export interface RaftOptions {
  /** Share of examples with the oracle among the documents (RAFT's P). */
  p: number;
  distractors: number;
}

export const defaultRaftOptions: RaftOptions = { p: 0.8, distractors: 3 };

export type RaftSkip = { itemId: string; reason: string };

/**
 * One RAFT example. `oracle` are the passages holding the answer; `candidates` are
 * the retriever's results for the question, best first (the hard negatives).
 * Returns a skip reason when the item cannot make an example.
 */
export function raftExample(
  item: QaItem, oracle: Passage[], candidates: Passage[], options: RaftOptions, random: () => number, ragTemplate: string, llmTarget?: string, budget?: SourceBudget,
): TrainingExample | RaftSkip {
  const gold = new Set((item.doc_ids ?? []).map(docKey));
  const quote = item.answer === null ? null : quoteFor(item, oracle);
  if (item.answer !== null && (!oracle.length || !quote)) {
    return { itemId: item.id, reason: oracle.length ? 'no quote holding the answer was found in its documents' : 'its documents are not in your library' };
  }
  // Hard negatives: retrieved passages that are not from a gold document and do not hold the quote.
  const negatives = candidates.filter((c) => !gold.has(docKey(c.docName)) && !(quote && containsQuote(c.text, quote)) && !oracle.some((o) => o.text === c.text));
  const withOracle = item.answer !== null && random() < options.p;
  // A model that reads only its first n sources gets n documents in all, the oracle among them.
  const distractors = budget?.sources ? Math.min(options.distractors, budget.sources - 1) : options.distractors;
  const docs = withOracle
    ? shuffle([oracle[0]!, ...negatives.slice(0, distractors)], random)
    : negatives.slice(0, distractors + (item.answer === null ? 0 : 1));
  if (!docs.length) return { itemId: item.id, reason: 'the retriever found no distractor passages' };
  // A model that reads short sources is trained on them as it will read them, the oracle keeping the quoted sentence.
  const shown = budget?.sentences ? compressSources(docs, item.question, budget.sentences, quote ?? undefined) : docs;
  const messages = buildRagMessages(ragTemplate, shown.map(asChunk), [], item.question);
  if (item.answer === null) return { itemId: item.id, messages: [...messages, { role: 'assistant', content: abstentionFor(item.question) }], meta: { abstain: true, withContext: true, target: 'abstention', oracle: false } };
  const citation = withOracle ? docs.indexOf(oracle[0]!) + 1 : null;
  const useLlm = !!llmTarget && checkLlmTarget(llmTarget, oracle, item.answer);
  const target = useLlm ? llmTarget! : templateTarget(quote!, item.answer, citation, item.question);
  return { itemId: item.id, messages: [...messages, { role: 'assistant', content: target }], meta: { oracle: withOracle, abstain: false, withContext: true, target: useLlm ? 'llm' : 'template' } };
}

export interface SelfGenOptions {
  /** An answer with token F1 at or above this counts as correct (so does an exact match, or one holding a gold answer whole). */
  threshold: number;
  /** Share of questions answered without retrieved context. */
  noContextShare: number;
}

export const defaultSelfGenOptions: SelfGenOptions = { threshold: 0.5, noContextShare: 0.2 };

/** One self-generated demonstration: the model's own answer if correct, else an abstention. */
export function selfGenExample(item: QaItem, prompt: ChatMessage[], output: string, options: SelfGenOptions): TrainingExample {
  const withContext = !isNoRetrievalSystem(prompt[0]?.content);
  const abstention = abstentionFor(item.question);
  if (item.answer === null) {
    return { itemId: item.id, messages: [...prompt, { role: 'assistant', content: isAbstention(output) ? output.trim() : abstention }], meta: { abstain: true, withContext, target: isAbstention(output) ? 'model-answer' : 'abstention' } };
  }
  const golds = [item.answer, ...(item.aliases ?? [])];
  const score = tokenF1(output, golds);
  // Correct: an exact match, token F1 at the threshold, or the gold answer whole inside the reply (the eval's contains-answer:
  // a reader that quotes the sentence holding "1962" answered, though its F1 against "1962" is low).
  const correct = !isAbstention(output) && (exactMatch(output, golds) || score >= options.threshold || containsAnswer(output, golds));
  return correct
    ? { itemId: item.id, messages: [...prompt, { role: 'assistant', content: output.trim() }], meta: { abstain: false, withContext, target: 'model-answer', score } }
    : { itemId: item.id, messages: [...prompt, { role: 'assistant', content: abstention }], meta: { abstain: true, withContext, target: 'abstention', score } };
}

/** Plain domain SFT: the question alone, the gold answer (or an abstention) as the target. */
export function sftExample(item: QaItem): TrainingExample {
  const prompt: ChatMessage[] = [{ role: 'system', content: promptVariants[detectPromptLanguage(item.question)].noRetrievalSystem }, { role: 'user', content: item.question }];
  return item.answer === null
    ? { itemId: item.id, messages: [...prompt, { role: 'assistant', content: abstentionFor(item.question) }], meta: { abstain: true, withContext: false, target: 'abstention' } }
    : { itemId: item.id, messages: [...prompt, { role: 'assistant', content: item.answer }], meta: { abstain: false, withContext: false, target: 'gold' } };
}

/** The oracle passages of an item among the library's chunks: gold-document chunks holding the quote, else the one sharing most words with it. */
export function oraclePassages(item: QaItem, chunks: Passage[]): Passage[] {
  const gold = new Set((item.doc_ids ?? []).map(docKey));
  const fromGold = chunks.filter((c) => gold.has(docKey(c.docName)));
  const probe = item.quote ?? item.answer;
  if (!probe || !fromGold.length) return [];
  const holding = fromGold.filter((c) => containsQuote(c.text, probe));
  if (holding.length) return holding;
  const words = new Set(answerTokens(probe));
  const overlap = (c: Passage) => answerTokens(c.text).filter((t) => words.has(t)).length;
  return [fromGold.reduce((best, c) => (overlap(c) > overlap(best) ? c : best))];
}
