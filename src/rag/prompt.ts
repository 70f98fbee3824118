// The RAG prompt: numbered sources in the system message, an instruction to
// cite them as [n] and to say so when they lack the answer. The template is a
// setting the user can edit ("Advanced" in Chat); while it is a built-in one,
// each question gets the variant of its own language (prompt-variants.ts).
import type { ChatMessage, OutputConstraint, SourceBudget } from '../shared/llm-types';
import { oneOf } from '../shared/grammar';
import type { RetrievedChunk } from '../shared/search-api';
import { detectPromptLanguage, promptLanguages, type PromptLanguage } from '../shared/language';
import { compressSources } from './compress';
import { promptVariants, type PromptVariant } from './prompt-variants';

/** The English RAG template: the default setting in Chat; a Chinese question gets the Chinese one instead. */
export const defaultRagTemplate = promptVariants.en.ragTemplate;
export const noRetrievalSystem = promptVariants.en.noRetrievalSystem;

/** True for a RAG template that is one of the built-in variants (not edited by the user). */
export const isBuiltinRagTemplate = (template: string) =>
  promptLanguages.some((l) => promptVariants[l].ragTemplate.trim() === template.trim());

/**
 * The prompt variant a question gets: its language's, so a Chinese question is
 * asked in Chinese. An edited RAG template is kept as the user wrote it
 * (`custom`); the no-retrieval prompt and the abstention still follow the question.
 */
export function choosePrompt(template: string, question: string): { language: PromptLanguage; custom: boolean; variant: PromptVariant } {
  const language = detectPromptLanguage(question);
  return { language, custom: !isBuiltinRagTemplate(template), variant: promptVariants[language] };
}

/** One source as the model sees it: number, document, location, text. */
export function formatSource(chunk: RetrievedChunk, n: number, variant: PromptVariant = promptVariants.en): string {
  const where = [chunk.docName, ...chunk.headingPath, chunk.page ? variant.page(chunk.page) : ''].filter(Boolean).join(' › ');
  return `[${n}] (${where})\n${chunk.text.trim()}`;
}

/**
 * System message with the sources (in the question's prompt variant), then the conversation so far, then the question.
 * `budget`: the model reads short sources only (EngineCapabilities): shownSources.
 */
export function buildRagMessages(template: string, sources: RetrievedChunk[] | null, history: ChatMessage[], question: string, budget?: SourceBudget): ChatMessage[] {
  const { custom, variant } = choosePrompt(template, question);
  if (sources) sources = shownSources(sources, question, budget);
  const list = (xs: RetrievedChunk[]) => xs.map((s, i) => formatSource(s, i + 1, variant)).join('\n\n');
  const chosen = custom ? template : variant.ragTemplate;
  const system = sources === null
    ? variant.noRetrievalSystem
    : chosen.includes('{sources}')
      ? chosen.replace('{sources}', sources.length ? list(sources) : variant.noSources)
      : `${chosen}\n\nSources:\n${list(sources)}`;
  return [{ role: 'system', content: system }, ...history.filter((m) => m.role !== 'system'), { role: 'user', content: question }];
}

/** The chunks as a model with this budget reads them: the first `sources`, each cut to its `sentences` closest to the question. */
export function shownSources(sources: RetrievedChunk[], question: string, budget?: SourceBudget): RetrievedChunk[] {
  const first = budget?.sources ? sources.slice(0, budget.sources) : sources;
  return budget?.sentences ? compressSources(first, question, budget.sentences) : first;
}

/**
 * For a model whose budget says `quote`: its RAG reply must be one shown source's text, whole, then " [n]." (。 for a
 * Chinese question), or the prompt's abstention sentence. Undefined for other models and for a prompt without sources
 * (there the model answers as it will, and is measured so). The grammar is a choice of literals, which both engines
 * enforce (the lab engine as a token mask, web-llm through xgrammar).
 */
export function quoteConstraint(sources: RetrievedChunk[] | null, question: string, budget?: SourceBudget): OutputConstraint | undefined {
  if (!budget?.quote || !sources?.length) return undefined;
  const { language, variant } = choosePrompt(defaultRagTemplate, question);
  const end = language === 'zh' ? '。' : '.';
  const quotes = shownSources(sources, question, budget).map((s, i) => `${s.text.trim().replace(/[.。!?！？]$/u, '')} [${i + 1}]${end}`);
  return { name: 'quote-a-source', grammar: oneOf([...quotes, variant.abstention]) };
}

export interface Citation {
  n: number;
  /** False when the answer cites a source number that was not given. */
  exists: boolean;
}

/** The [n] citations in an answer, in order of first use ([1, 2] and [1][2] both count). */
export function citations(answer: string, sourceCount: number): Citation[] {
  const seen = new Map<number, Citation>();
  for (const m of answer.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    for (const part of m[1]!.split(',')) {
      const n = Number(part.trim());
      if (!seen.has(n)) seen.set(n, { n, exists: n >= 1 && n <= sourceCount });
    }
  }
  return [...seen.values()];
}
