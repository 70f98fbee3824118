// The words of the offline HTML report. The report follows the interface language, but src/eval
// does not know the UI's i18n: the UI passes a ReportText built from its locale files, and this
// English one is the default (and must match locales/en/evaluate.json `report.*` word for word).
import { modeLabels, type EvalMode, type EvalRun } from './types';
import { metrics } from './aggregate';

export const reportStrings = {
  title: '{{name}} — RAG Lab eval report',
  header: 'RAG Lab {{version}} · {{date}} · status {{status}} · {{count}} results',
  settings: 'Settings',
  qaSet: 'QA set',
  qaSetValue: '{{name}} ({{count}} questions, {{split}} split, SHA-256 {{hash}})',
  modes: 'Modes',
  baseModel: 'Base model',
  fineTunedModel: 'Fine-tuned model',
  adapter: 'Adapter',
  retrieval: 'Retrieval',
  retrievalValue: '{{mode}}, top {{k}}, embedder {{embedder}}',
  reranker: 'Reranker',
  rerankerValue: '{{model}}, top {{topN}}',
  sampling: 'Sampling',
  samplingValue: 'temperature {{temperature}}, top-p {{topP}}, max {{maxTokens}} tokens, seed {{seed}}',
  promptTemplate: 'Prompt template',
  promptVariants: 'Prompt variants',
  browser: 'Browser',
  gpuAdapter: 'GPU adapter',
  extraction: 'Graph extraction (gold triples)',
  extractionValue: '{{file}}, {{documents}} documents: {{gold}} gold, {{extracted}} extracted; labelled precision {{labelledPrecision}}, recall {{labelledRecall}}; unlabelled precision {{unlabelledPrecision}}, recall {{unlabelledRecall}}',
  metricsTitle: 'Metrics (95% bootstrap intervals)',
  metric: 'Metric',
  perQuestion: 'Per question',
  item: 'Item',
  mode: 'Mode',
  question: 'Question',
  output: 'Output',
  correct: 'Correct',
  f1: 'F1',
  sources: 'Sources',
  yes: '1',
  no: '0',
  abstained: 'abstained',
  answered: 'answered',
} as const;

export type ReportKey = keyof typeof reportStrings;
export type ReportParams = Record<string, string | number>;

/** What the report needs to say in a language: its `<html lang>`, its sentences, and the names of modes, metrics and statuses. */
export interface ReportText {
  lang: string;
  text(key: ReportKey, params?: ReportParams): string;
  mode(mode: EvalMode): string;
  metric(id: string): string;
  status(status: EvalRun['status']): string;
}

const fill = (s: string, params: ReportParams = {}) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));

/** The report in English, as it has always been. */
export const englishReport: ReportText = {
  lang: 'en',
  text: (key, params) => fill(reportStrings[key], params),
  mode: (m) => modeLabels[m],
  metric: (id) => metrics.find((m) => m.id === id)?.label ?? id,
  status: (s) => s,
};
