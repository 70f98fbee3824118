// Run summaries and exports (JSON, CSV, a self-contained HTML report), and the
// differences between two runs. Pure: the charts come in as SVG strings.
import Papa from 'papaparse';
import { metrics, summarize, type Estimate, type MetricDef, type ModeSummary } from './aggregate';
import { formatPromptVariants } from './plan';
import { englishReport, type ReportText } from './report-text';
import type { EvalMode, EvalResult, EvalRun, ItemScores, RunExtraction } from './types';

export type RunSummary = Partial<Record<EvalMode, ModeSummary>>;

/** Per mode: every metric with its bootstrap interval (seeded with the run's seed). */
export function summarizeRun(run: EvalRun, results: EvalResult[]): RunSummary {
  const out: RunSummary = {};
  for (const mode of run.config.modes) {
    const items = results.filter((r) => r.mode === mode).map((r) => r.scores);
    if (items.length) out[mode] = summarize(items, run.config.seed);
  }
  return out;
}

export function formatMetric(value: number | null, unit: MetricDef['unit']): string {
  if (value === null) return '–';
  if (unit === 'rate') return `${(value * 100).toFixed(1)}%`;
  // A graph stage takes a fraction of a millisecond: below 10 ms two decimals keep it from reading as 0.
  if (unit === 'ms') return value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`;
  return value.toFixed(1);
}

export function formatEstimate(e: Estimate | undefined, unit: MetricDef['unit']): string {
  if (!e || e.value === null) return '–';
  return e.low === null || e.high === null ? formatMetric(e.value, unit) : `${formatMetric(e.value, unit)} [${formatMetric(e.low, unit)}, ${formatMetric(e.high, unit)}]`;
}

/** The values of the extraction figure's sentence (the report's `extractionValue`, Evaluate's run details); `rate` formats a share. */
export function extractionParams(e: RunExtraction, rate: (x: number) => string = (x) => formatMetric(x, 'rate')): Record<string, string | number> {
  return {
    file: e.goldFile, documents: e.documents, gold: e.labelled.gold, extracted: e.labelled.extracted,
    labelledPrecision: rate(e.labelled.precision), labelledRecall: rate(e.labelled.recall),
    unlabelledPrecision: rate(e.unlabelled.precision), unlabelledRecall: rate(e.unlabelled.recall),
  };
}

/** Items where the modes do not all agree (on correctness, or on abstaining for unanswerable items). */
export function disagreements(results: EvalResult[]): Set<string> {
  const byItem = new Map<string, Set<string>>();
  for (const r of results) {
    const verdict = r.scores.answerable ? String(r.scores.correct) : String(r.scores.abstained);
    byItem.set(r.itemId, (byItem.get(r.itemId) ?? new Set()).add(verdict));
  }
  return new Set([...byItem].filter(([, v]) => v.size > 1).map(([id]) => id));
}

export function toJson(run: EvalRun, results: EvalResult[]): string {
  const sorted = [...results].sort((a, b) => a.key.localeCompare(b.key));
  return JSON.stringify({ format: 'rag-lab-eval-run', version: 1, run, summary: summarizeRun(run, results), results: sorted }, null, 2);
}

const scoreColumns: (keyof ItemScores)[] = ['em', 'f1', 'contains', 'correct', 'abstained', 'answerable', 'hit', 'recall', 'mrr', 'citePrecision', 'citeRecall', 'ttftMs', 'tokensPerS', 'totalMs', 'retrievalMs', 'generationMs',
  'rogHit', 'rogF1', 'planMatch', 'reachable', 'baselineHit', 'graphLinkMs', 'graphPlanMs', 'graphSearchMs'];

export function toCsv(results: EvalResult[]): string {
  const rows = [...results].sort((a, b) => a.key.localeCompare(b.key)).map((r) => ({
    run_id: r.runId, mode: r.mode, item_id: r.itemId, question: r.question, output: r.output,
    sources: r.sources?.map((s) => s.docName).join(' | ') ?? '',
    ...Object.fromEntries(scoreColumns.map((c) => [c, r.scores[c] ?? ''])),
  }));
  return Papa.unparse(rows, { newline: '\n' });
}

/** The two runs' settings that differ, as [setting, a, b]. */
export function configDiff(a: EvalRun, b: EvalRun): [string, string, string][] {
  const flat = (r: EvalRun): Record<string, string> => {
    const out: Record<string, string> = {};
    const walk = (v: unknown, path: string) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
      else out[path] = JSON.stringify(v);
    };
    walk({ ...r.config, qaSetHash: r.provenance.qaSetHash, adapter: r.provenance.adapter, embedderId: r.provenance.embedderId, appVersion: r.provenance.appVersion, gpuAdapter: r.provenance.gpuAdapter, promptVariants: r.provenance.promptVariants, questions: r.provenance.itemIds.length }, '');
    return out;
  };
  const fa = flat(a);
  const fb = flat(b);
  return [...new Set([...Object.keys(fa), ...Object.keys(fb)])].filter((k) => fa[k] !== fb[k]).map((k) => [k, fa[k] ?? '–', fb[k] ?? '–']);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A report that opens offline: inline CSS, inline SVG charts, no scripts, no external requests.
 * `text` gives its words in the interface language (English by default).
 */
export function toHtml(run: EvalRun, results: EvalResult[], charts: Record<string, string>, text: ReportText = englishReport): string {
  const summary = summarizeRun(run, results);
  const modes = run.config.modes.filter((m) => summary[m]);
  const w = text.text;
  const rows = metrics
    .filter((m) => modes.some((mode) => summary[mode]?.[m.id]?.value !== null))
    .map((m) => `<tr><th>${esc(text.metric(m.id))}</th>${modes.map((mode) => `<td>${esc(formatEstimate(summary[mode]?.[m.id], m.unit))}</td>`).join('')}</tr>`)
    .join('\n');
  const correct = (r: EvalResult) => (r.scores.correct == null ? w(r.scores.abstained ? 'abstained' : 'answered') : w(r.scores.correct ? 'yes' : 'no'));
  const items = [...results].sort((a, b) => a.itemId.localeCompare(b.itemId) || a.mode.localeCompare(b.mode)).map((r) =>
    `<tr><td>${esc(r.itemId)}</td><td>${esc(text.mode(r.mode))}</td><td>${esc(r.question)}</td><td>${esc(r.output)}</td><td>${esc(correct(r))}</td><td>${r.scores.f1 === null ? '–' : r.scores.f1.toFixed(2)}</td><td>${esc(r.sources?.map((s) => s.docName).join(', ') ?? '')}</td></tr>`).join('\n');
  const p = run.provenance;
  const c = run.config;
  const setting = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`;
  return `<!doctype html>
<html lang="${esc(text.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(w('title', { name: run.name }))}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2433}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #d5dbe5;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f3f5f9}.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1rem}figure{margin:0}svg{max-width:100%;height:auto}td{overflow-wrap:anywhere}</style>
</head><body>
<h1>${esc(run.name)}</h1>
<p>${esc(w('header', { version: p.appVersion, date: new Date(run.createdAt).toISOString(), status: text.status(run.status), count: results.length }))}</p>
<h2>${esc(w('settings'))}</h2>
<table>${[
    setting(w('qaSet'), w('qaSetValue', { name: p.qaSetName, count: p.itemIds.length, split: c.split, hash: p.qaSetHash })),
    setting(w('modes'), c.modes.map((m) => text.mode(m)).join(', ')),
    setting(w('baseModel'), c.baseModel),
    setting(w('fineTunedModel'), c.fineTunedModel ?? '–'),
    setting(w('adapter'), p.adapter ? `${p.adapter.id} (${p.adapter.hash})` : '–'),
    setting(w('retrieval'), w('retrievalValue', { mode: c.retrieval.mode, k: c.retrieval.k, embedder: p.embedderId ?? '–' })),
    setting(w('reranker'), p.reranker ? w('rerankerValue', { model: p.reranker.modelId, topN: p.reranker.topN }) : '–'),
    setting(w('sampling'), w('samplingValue', { temperature: c.temperature, topP: c.topP, maxTokens: c.maxTokens, seed: c.seed })),
    setting(w('promptTemplate'), c.promptTemplate),
    setting(w('promptVariants'), formatPromptVariants(p.promptVariants)),
    setting(w('browser'), p.browser),
    setting(w('gpuAdapter'), p.gpuAdapter),
    ...(p.extraction ? [setting(w('extraction'), w('extractionValue', extractionParams(p.extraction)))] : []),
  ].join('')}</table>
<h2>${esc(w('metricsTitle'))}</h2>
<table><tr><th>${esc(w('metric'))}</th>${modes.map((m) => `<th>${esc(text.mode(m))}</th>`).join('')}</tr>
${rows}</table>
<div class="charts">${Object.values(charts).map((svg) => `<figure>${svg}</figure>`).join('\n')}</div>
<h2>${esc(w('perQuestion'))}</h2>
<table><tr><th>${esc(w('item'))}</th><th>${esc(w('mode'))}</th><th>${esc(w('question'))}</th><th>${esc(w('output'))}</th><th>${esc(w('correct'))}</th><th>${esc(w('f1'))}</th><th>${esc(w('sources'))}</th></tr>
${items}</table>
</body></html>
`;
}
