import { TrainingProvenance } from './training-provenance';
import { useComputed, useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { metrics } from '../../../eval/aggregate';
import { configDiff, disagreements, extractionParams, formatEstimate, summarizeRun } from '../../../eval/report';
import { formatPromptVariants } from '../../../eval/plan';
import type { EvalMode, EvalResult, EvalRun, RunExtraction } from '../../../eval/types';
import { metricLabel, modeLabel } from '../eval-labels';
import { formatDate, formatNumber } from '../../format';
import { t } from '../../i18n/i18n';
import { ItemDetails } from './result-details';
import { exportRun, selectOtherRun } from '../eval-actions';
import { otherResults, otherRunId, runs, selectedResults, selectedRunId } from '../eval-state';
import { MetricChart } from './metric-chart';

/** The run's knowledge-graph extraction against the QA set's gold triples (graph-mode runs of a set that has them). */
function Extraction({ e }: { e: RunExtraction }) {
  const rate = (x: number) => formatNumber(x, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return <p class="muted small" data-testid="extraction">{t('evaluate:details.extraction', extractionParams(e, rate))}</p>;
}

function verdict(r: EvalResult | undefined): string {
  if (!r) return '…';
  if (!r.scores.answerable) return r.scores.abstained ? t('evaluate:details.refused') : t('evaluate:details.answered');
  return t('evaluate:details.f1', { mark: r.scores.correct ? '✓' : '✗', value: r.scores.f1 == null ? '–' : formatNumber(r.scores.f1, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) });
}

function PerQuestion({ run, results }: { run: EvalRun; results: EvalResult[] }) {
  const onlyDisagree = useSignal(false);
  const open = useSignal<string | null>(null);
  const split = useComputed(() => disagreements(results));
  const ids = run.provenance.itemIds.filter((id) => results.some((r) => r.itemId === id) && (!onlyDisagree.value || split.value.has(id)));
  return (
    <>
      <label class="check">
        <input type="checkbox" checked={onlyDisagree.value} onChange={(e) => (onlyDisagree.value = e.currentTarget.checked)} /> {t('evaluate:details.onlyDisagree', { count: split.value.size })}
      </label>
      <div class="table-wrap">
        <table aria-label={t('evaluate:details.perQuestion')}>
          <thead><tr><th>{t('evaluate:details.item')}</th><th>{t('evaluate:details.question')}</th>{run.config.modes.map((m) => <th key={m}>{modeLabel(m)}</th>)}</tr></thead>
          <tbody>
            {ids.map((id) => {
              const rs = results.filter((r) => r.itemId === id);
              return [
                <tr key={id} data-item={id}>
                  <td><button type="button" class="link" aria-expanded={open.value === id} onClick={() => (open.value = open.value === id ? null : id)}>{id}</button></td>
                  <td>{rs[0]?.question}</td>
                  {run.config.modes.map((m) => <td key={m}>{verdict(rs.find((r) => r.mode === m))}</td>)}
                </tr>,
                open.value === id ? <tr key={`${id}-details`}><td colSpan={2 + run.config.modes.length}><ItemDetails results={rs} retrievalMode={run.config.retrieval.mode} /></td></tr> : null,
              ];
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A difference with its sign ("+4.2", "-1.0"), one decimal. */
const signed = (d: number): string => `${d > 0 ? '+' : ''}${formatNumber(d, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false })}`;

function RunDiff({ a, aResults }: { a: EvalRun; aResults: EvalResult[] }) {
  const b = runs.value.find((r) => r.id === otherRunId.value);
  const bResults = otherResults.value;
  // Each summary is 1,000 bootstrap resamples per metric and mode: computed when its run or results change, not per render.
  const sa = useMemo(() => summarizeRun(a, aResults), [a, aResults]);
  const sb = useMemo(() => (b ? summarizeRun(b, bResults) : null), [b, bResults]);
  const others = runs.value.filter((r) => r.id !== a.id);
  if (!others.length) return null;
  const modes = b ? a.config.modes.filter((m) => b.config.modes.includes(m)) : [];
  return (
    <section aria-label={t('evaluate:diff.label')}>
      <h3>{t('evaluate:diff.title')}</h3>
      <label>
        {t('evaluate:diff.choose')}{' '}
        <select value={otherRunId.value ?? ''} onChange={(e) => void selectOtherRun(e.currentTarget.value || null)}>
          <option value="">{t('evaluate:diff.placeholder')}</option>
          {others.map((r) => <option key={r.id} value={r.id}>{t('evaluate:diff.option', { name: r.name, date: formatDate(r.createdAt) })}</option>)}
        </select>
      </label>
      {b && sb && (
        <>
          <div class="table-wrap">
            <table aria-label={t('evaluate:diff.settings')}>
              <thead><tr><th>{t('evaluate:diff.setting')}</th><th>{a.name}</th><th>{b.name}</th></tr></thead>
              <tbody>
                {configDiff(a, b).map(([k, x, y]) => <tr key={k}><td>{k}</td><td>{x}</td><td>{y}</td></tr>)}
              </tbody>
            </table>
          </div>
          <div class="table-wrap">
            <table aria-label={t('evaluate:diff.metrics')}>
              <thead><tr><th>{t('evaluate:diff.metric')}</th>{modes.map((m) => <th key={m} colSpan={3}>{t('evaluate:diff.modeHeader', { mode: modeLabel(m) })}</th>)}</tr></thead>
              <tbody>
                {metrics.map((m) => {
                  const cells = modes.map((mode) => [sa[mode]?.[m.id], sb[mode]?.[m.id]] as const);
                  if (cells.every(([x, y]) => x?.value == null && y?.value == null)) return null;
                  return (
                    <tr key={m.id}>
                      <th>{metricLabel(m.id)}</th>
                      {cells.map(([x, y], i) => {
                        const d = x?.value != null && y?.value != null ? x.value - y.value : null;
                        const better = d === null || d === 0 ? '' : (d > 0) === m.higherIsBetter ? 'better' : 'worse';
                        return [
                          <td key={`${i}a`}>{formatEstimate(x, m.unit)}</td>,
                          <td key={`${i}b`}>{formatEstimate(y, m.unit)}</td>,
                          <td key={`${i}d`} class={better}>{d === null ? '–' : m.unit === 'rate' ? t('evaluate:diff.points', { value: signed(d * 100) }) : signed(d)}</td>,
                        ];
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function RunDetails() {
  const run = runs.value.find((r) => r.id === selectedRunId.value);
  return run ? <RunView run={run} results={selectedResults.value} /> : null;
}

function RunView({ run, results }: { run: EvalRun; results: EvalResult[] }) {
  // 1,000 bootstrap resamples per metric and mode: computed once per change of results, not per render.
  const summary = useMemo(() => summarizeRun(run, results), [run, results]);
  const modes = useMemo(() => run.config.modes.filter((m): m is EvalMode => !!summary[m]), [run, summary]);
  const shown = metrics.filter((m) => modes.some((mode) => summary[mode]?.[m.id]?.value != null));
  const p = run.provenance;
  const c = run.config;
  return (
    <section class="card" aria-labelledby="run-details-title" data-run={run.id}>
      <h2 id="run-details-title">{run.name}</h2>
      <p class="muted small" data-testid="provenance">
        {t('evaluate:details.provenance', { questions: p.itemIds.length, qaSet: p.qaSetName, split: c.split, hash: p.qaSetHash.slice(0, 12), base: c.baseModel })}
        {c.fineTunedModel ? (p.adapter
          ? t('evaluate:details.fineTunedAdapter', { model: c.fineTunedModel, adapter: p.adapter.id, hash: p.adapter.hash.slice(0, 12) })
          : t('evaluate:details.fineTuned', { model: c.fineTunedModel })) : ''}
        {t('evaluate:details.retrieval', { mode: c.retrieval.mode, k: c.retrieval.k, embedder: p.embedderId ?? t('evaluate:details.noEmbedder') })}
        {p.reranker ? t('evaluate:details.reranked', { topN: p.reranker.topN, model: p.reranker.modelId }) : t('evaluate:details.noReranker')}
        {t('evaluate:details.sampling', { temperature: c.temperature, topP: c.topP, maxTokens: c.maxTokens, seed: c.seed, prompts: formatPromptVariants(p.promptVariants), version: p.appVersion, gpu: p.gpuAdapter })}
      </p>
      {p.extraction && <Extraction e={p.extraction} />}
      <TrainingProvenance modelId={c.fineTunedModel} />
      <div class="actions">
        <button type="button" class="secondary" disabled={!results.length} onClick={() => void exportRun(run, results, 'json')}>{t('evaluate:details.exportJson')}</button>
        <button type="button" class="secondary" disabled={!results.length} onClick={() => void exportRun(run, results, 'csv')}>{t('evaluate:details.exportCsv')}</button>
        <button type="button" class="secondary" disabled={!results.length} onClick={() => void exportRun(run, results, 'html')}>{t('evaluate:details.exportHtml')}</button>
      </div>
      {!results.length ? <p class="muted">{t('evaluate:details.noResults')}</p> : (
        <>
          <div class="table-wrap">
            <table aria-label={t('evaluate:details.metrics')}>
              <thead><tr><th>{t('evaluate:details.metricHeader')}</th>{modes.map((m) => <th key={m}>{modeLabel(m)}</th>)}</tr></thead>
              <tbody>
                {shown.map((m) => (
                  <tr key={m.id} data-metric={m.id}>
                    <th>{metricLabel(m.id)}</th>
                    {modes.map((mode) => <td key={mode}>{formatEstimate(summary[mode]?.[m.id], m.unit)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="charts">
            {shown.map((m) => <MetricChart key={m.id} metric={m} summary={summary} modes={modes} />)}
          </div>
          <h3>{t('evaluate:details.perQuestion')}</h3>
          <PerQuestion run={run} results={results} />
        </>
      )}
      <RunDiff a={run} aResults={results} />
    </section>
  );
}
