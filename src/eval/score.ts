// Scores one output of one mode against its QA item.
import type { Usage } from '../shared/llm-types';
import type { GraphRetrievalInfo } from '../shared/search-api';
import { graphScores } from './graph-metrics';
import { citationScores, containsAnswer, exactMatch, isAbstention, retrievalScores, tokenF1 } from './metrics';
import type { ItemScores, QaItem } from './types';

const bit = (b: boolean) => (b ? 1 : 0);

/** One answer as the scores need it. */
export interface ScoredAnswer {
  output: string;
  /** The retrieved chunks' documents, best first; null when the mode ran without retrieval. */
  sourceDocs: string[] | null;
  /** What each `[n]` names (graph/prompt.ts citedDocuments); by default the sources, one document each. */
  cited?: readonly (string | readonly string[])[];
  usage: Usage | null;
  totalMs: number;
  /** Wall-clock retrieval (null without) and generation times. */
  retrievalMs?: number | null;
  generationMs?: number;
  /** The retrieval's paths, in the graph retrieval modes. */
  graph?: GraphRetrievalInfo;
}

/** Every per-item metric; the graph ones only in the graph retrieval modes. */
export function scoreItem(item: QaItem, a: ScoredAnswer): ItemScores {
  const { output, sourceDocs, usage } = a;
  const golds = item.answer === null ? [] : [item.answer, ...(item.aliases ?? [])];
  const answerable = item.answer !== null;
  const em = answerable ? bit(exactMatch(output, golds)) : null;
  const contains = answerable ? bit(containsAnswer(output, golds)) : null;
  const retrieval = sourceDocs ? retrievalScores(sourceDocs, item.doc_ids ?? []) : null;
  const cites = sourceDocs ? citationScores(output, a.cited ?? sourceDocs, item.doc_ids ?? []) : null;
  return {
    em,
    f1: answerable ? tokenF1(output, golds) : null,
    contains,
    correct: answerable ? bit(!!em || !!contains) : null,
    abstained: bit(isAbstention(output)),
    answerable: bit(answerable),
    hit: retrieval?.hit ?? null,
    recall: retrieval?.recall ?? null,
    mrr: retrieval?.mrr ?? null,
    citePrecision: cites?.precision ?? null,
    citeRecall: cites?.recall ?? null,
    ttftMs: usage ? usage.timeToFirstTokenMs : null,
    tokensPerS: usage && usage.completionTokens > 1 ? usage.decodeTokensPerS : null,
    totalMs: a.totalMs,
    ...(a.retrievalMs !== undefined ? { retrievalMs: a.retrievalMs } : {}),
    ...(a.generationMs !== undefined ? { generationMs: a.generationMs } : {}),
    ...(a.graph ? graphScores(output, golds, a.graph) : {}),
  };
}
