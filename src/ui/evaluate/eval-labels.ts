// Evaluate's names for the data layer's ids (modes, metrics, run statuses, synthesis rejections),
// as keys resolved when shown, and the HTML report's words in the interface language.
// src/eval keeps its English labels and knows nothing of the UI's i18n (docs/i18n.md).
import type { Rejection } from '../../eval/synth';
import type { ReportText } from '../../eval/report-text';
import type { EvalMode, EvalRun } from '../../eval/types';
import { locale, t } from '../i18n/i18n';

const modeKeys: Record<EvalMode, string> = { base: 'evaluate:modes.base', rag: 'evaluate:modes.rag', ft: 'evaluate:modes.ft', 'rag-ft': 'evaluate:modes.ragFt' };

const metricKeys: Record<string, string> = {
  em: 'evaluate:metrics.em',
  f1: 'evaluate:metrics.f1',
  contains: 'evaluate:metrics.contains',
  hit: 'evaluate:metrics.hit',
  recall: 'evaluate:metrics.recall',
  mrr: 'evaluate:metrics.mrr',
  citePrecision: 'evaluate:metrics.citePrecision',
  citeRecall: 'evaluate:metrics.citeRecall',
  abstention: 'evaluate:metrics.abstention',
  answeredAccuracy: 'evaluate:metrics.answeredAccuracy',
  correctRefusal: 'evaluate:metrics.correctRefusal',
  wrongOnUnanswerable: 'evaluate:metrics.wrongOnUnanswerable',
  rogHit: 'evaluate:metrics.rogHit',
  rogF1: 'evaluate:metrics.rogF1',
  planMatch: 'evaluate:metrics.planMatch',
  reachable: 'evaluate:metrics.reachable',
  baselineHit: 'evaluate:metrics.baselineHit',
  ttft: 'evaluate:metrics.ttft',
  tokensPerS: 'evaluate:metrics.tokensPerS',
  total: 'evaluate:metrics.total',
  retrievalP50: 'evaluate:metrics.retrievalP50',
  generationP50: 'evaluate:metrics.generationP50',
  graphLinkP50: 'evaluate:metrics.graphLinkP50',
  graphPlanP50: 'evaluate:metrics.graphPlanP50',
  graphSearchP50: 'evaluate:metrics.graphSearchP50',
};

const statusKeys: Record<EvalRun['status'], string> = {
  running: 'evaluate:runs.statusValue.running',
  done: 'evaluate:runs.statusValue.done',
  cancelled: 'evaluate:runs.statusValue.cancelled',
  failed: 'evaluate:runs.statusValue.failed',
};

const rejectionKeys: Record<Rejection, string> = {
  unparsed: 'evaluate:synth.reasons.unparsed',
  'quote-not-in-chunk': 'evaluate:synth.reasons.quoteNotInChunk',
  'answer-not-in-quote': 'evaluate:synth.reasons.answerNotInQuote',
  'near-duplicate': 'evaluate:synth.reasons.nearDuplicate',
};

/** A mode's name in the interface language ("RAG + fine-tuned"). */
export const modeLabel = (m: EvalMode): string => t(modeKeys[m]);
/** A metric's name in the interface language; an unknown id shows as itself. */
export const metricLabel = (id: string): string => (metricKeys[id] ? t(metricKeys[id]) : id);
/** A run status in the interface language. */
export const statusLabel = (s: EvalRun['status']): string => t(statusKeys[s]);
/** Why synthesis rejected a pair, in the interface language. */
export const rejectionLabel = (r: Rejection): string => t(rejectionKeys[r]);

/** The HTML report's words in the current interface language. */
export function reportText(): ReportText {
  // Keys are built from the ReportKey names; locale-keys/report tests check every one exists in both languages.
  return { lang: locale(), text: (key, params) => t(`evaluate:report.${key}`, params), mode: modeLabel, metric: metricLabel, status: statusLabel };
}
