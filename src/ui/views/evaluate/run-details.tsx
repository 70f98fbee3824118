import { TrainingProvenance } from './training-provenance';
import { useComputed, useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { metrics } from '../../../eval/aggregate';
import { configDiff, disagreements, formatEstimate, summarizeRun } from '../../../eval/report';
import { formatPromptVariants } from '../../../eval/plan';
import { modeLabels, type EvalMode, type EvalResult, type EvalRun } from '../../../eval/types';
import { renderAnswer } from '../../../rag/render';
import { SourceList } from '../../components/sources';
import { exportRun, selectOtherRun } from '../../eval-actions';
import { otherResults, otherRunId, runs, selectedResults, selectedRunId } from '../../eval-state';
import { MetricChart } from './metric-chart';

function ItemDetails({ results }: { results: EvalResult[] }) {
  return (
    <div class="item-details">
      {results.map((r) => (
        <article key={r.key} class="cell card" data-mode={r.mode}>
          <h4>{modeLabels[r.mode]}</h4>
          <div class="answer" dangerouslySetInnerHTML={{ __html: renderAnswer(r.output, r.sources?.length ?? 0, `${r.key}-source-`) }} />
          <details>
            <summary>Prompt ({r.messages.length} messages)</summary>
            {r.messages.map((m, i) => <pre key={i} class="prompt"><strong>{m.role}:</strong> {m.content}</pre>)}
          </details>
          {r.sources && <SourceList sources={r.sources} answer={r.output} anchorPrefix={`${r.key}-source-`} open={false} />}
        </article>
      ))}
    </div>
  );
}

function verdict(r: EvalResult | undefined): string {
  if (!r) return '…';
  if (!r.scores.answerable) return r.scores.abstained ? 'refused ✓' : 'answered ✗';
  return `${r.scores.correct ? '✓' : '✗'} F1 ${r.scores.f1?.toFixed(2)}`;
}

function PerQuestion({ run, results }: { run: EvalRun; results: EvalResult[] }) {
  const onlyDisagree = useSignal(false);
  const open = useSignal<string | null>(null);
  const split = useComputed(() => disagreements(results));
  const ids = run.provenance.itemIds.filter((id) => results.some((r) => r.itemId === id) && (!onlyDisagree.value || split.value.has(id)));
  return (
    <>
      <label class="check">
        <input type="checkbox" checked={onlyDisagree.value} onChange={(e) => (onlyDisagree.value = e.currentTarget.checked)} /> Only where modes disagree ({split.value.size})
      </label>
      <div class="table-wrap">
        <table aria-label="Per question">
          <thead><tr><th>Item</th><th>Question</th>{run.config.modes.map((m) => <th key={m}>{modeLabels[m]}</th>)}</tr></thead>
          <tbody>
            {ids.map((id) => {
              const rs = results.filter((r) => r.itemId === id);
              return [
                <tr key={id} data-item={id}>
                  <td><button type="button" class="link" aria-expanded={open.value === id} onClick={() => (open.value = open.value === id ? null : id)}>{id}</button></td>
                  <td>{rs[0]?.question}</td>
                  {run.config.modes.map((m) => <td key={m}>{verdict(rs.find((r) => r.mode === m))}</td>)}
                </tr>,
                open.value === id ? <tr key={`${id}-details`}><td colSpan={2 + run.config.modes.length}><ItemDetails results={rs} /></td></tr> : null,
              ];
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

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
    <section aria-label="Compare runs">
      <h3>Compare with another run</h3>
      <label>
        Compare with run{' '}
        <select value={otherRunId.value ?? ''} onChange={(e) => void selectOtherRun(e.currentTarget.value || null)}>
          <option value="">choose…</option>
          {others.map((r) => <option key={r.id} value={r.id}>{r.name} ({new Date(r.createdAt).toLocaleString()})</option>)}
        </select>
      </label>
      {b && sb && (
        <>
          <div class="table-wrap">
            <table aria-label="Setting differences">
              <thead><tr><th>Setting</th><th>{a.name}</th><th>{b.name}</th></tr></thead>
              <tbody>
                {configDiff(a, b).map(([k, x, y]) => <tr key={k}><td>{k}</td><td>{x}</td><td>{y}</td></tr>)}
              </tbody>
            </table>
          </div>
          <div class="table-wrap">
            <table aria-label="Metric differences">
              <thead><tr><th>Metric</th>{modes.map((m) => <th key={m} colSpan={3}>{modeLabels[m]}: this · other · difference</th>)}</tr></thead>
              <tbody>
                {metrics.map((m) => {
                  const cells = modes.map((mode) => [sa[mode]?.[m.id], sb[mode]?.[m.id]] as const);
                  if (cells.every(([x, y]) => x?.value == null && y?.value == null)) return null;
                  return (
                    <tr key={m.id}>
                      <th>{m.label}</th>
                      {cells.map(([x, y], i) => {
                        const d = x?.value != null && y?.value != null ? x.value - y.value : null;
                        const better = d === null || d === 0 ? '' : (d > 0) === m.higherIsBetter ? 'better' : 'worse';
                        return [
                          <td key={`${i}a`}>{formatEstimate(x, m.unit)}</td>,
                          <td key={`${i}b`}>{formatEstimate(y, m.unit)}</td>,
                          <td key={`${i}d`} class={better}>{d === null ? '–' : `${d > 0 ? '+' : ''}${m.unit === 'rate' ? `${(d * 100).toFixed(1)} pts` : d.toFixed(1)}`}</td>,
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
        {p.itemIds.length} questions of {p.qaSetName} ({c.split}, SHA-256 {p.qaSetHash.slice(0, 12)}…) · base {c.baseModel}
        {c.fineTunedModel ? ` · fine-tuned ${c.fineTunedModel}${p.adapter ? ` (adapter ${p.adapter.id}, ${p.adapter.hash.slice(0, 12)}…)` : ''}` : ''}
        {' '}· retrieval {c.retrieval.mode} top {c.retrieval.k} with {p.embedderId ?? 'no embedder'}
        {p.reranker ? `, reranked: top ${p.reranker.topN} by ${p.reranker.modelId}` : ', no reranker'} · temperature {c.temperature}, top-p {c.topP},
        max {c.maxTokens} tokens, seed {c.seed} · prompts {formatPromptVariants(p.promptVariants)} · RAG Lab {p.appVersion} · GPU {p.gpuAdapter}
      </p>
      <TrainingProvenance modelId={c.fineTunedModel} />
      <div class="actions">
        <button type="button" class="secondary" disabled={!results.length} onClick={() => void exportRun(run, results, 'json')}>Export JSON</button>
        <button type="button" class="secondary" disabled={!results.length} onClick={() => void exportRun(run, results, 'csv')}>Export CSV</button>
        <button type="button" class="secondary" disabled={!results.length} onClick={() => void exportRun(run, results, 'html')}>Export HTML report</button>
      </div>
      {!results.length ? <p class="muted">No results yet.</p> : (
        <>
          <div class="table-wrap">
            <table aria-label="Metrics">
              <thead><tr><th>Metric (95% bootstrap interval)</th>{modes.map((m) => <th key={m}>{modeLabels[m]}</th>)}</tr></thead>
              <tbody>
                {shown.map((m) => (
                  <tr key={m.id} data-metric={m.id}>
                    <th>{m.label}</th>
                    {modes.map((mode) => <td key={mode}>{formatEstimate(summary[mode]?.[m.id], m.unit)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="charts">
            {shown.map((m) => <MetricChart key={m.id} metric={m} summary={summary} modes={modes} />)}
          </div>
          <h3>Per question</h3>
          <PerQuestion run={run} results={results} />
        </>
      )}
      <RunDiff a={run} aResults={results} />
    </section>
  );
}
