// The Graph view's "Extract with the LLM" panel: which model and how much it will read, Start, the
// progress with Cancel, and what was stored. graph-extract-actions runs the job; this only renders.
import type { Services } from '../../actions';
import { generating, selectedLlm } from '../../chat/chat-state';
import { NumberField } from '../../components/sampling-fields';
import { formatDuration, formatNumber } from '../../format';
import { cancelExtraction, dismissExtraction, startExtraction, updateExtractionForm } from '../graph-extract-actions';
import { extraction, extractionCandidates, extractionForm, extractionPlan, extractionRunning, extractionScope } from '../graph-state';
import type { ExtractionState } from '../graph-state';
import { say, t } from '../../i18n/i18n';
import { choiceLabel } from '../../models/model-labels';

const skipKeys = { gone: 'graph:extract.skippedGone', changed: 'graph:extract.skippedChanged', already: 'graph:extract.skippedAlready' } as const;

function Status({ s }: { s: ExtractionState }) {
  if (s.state === 'loading') {
    return <p class="muted" data-testid="extract-status" data-state="loading">{s.text ?? t('graph:extract.loading', { model: s.model })}</p>;
  }
  if (s.state === 'running') {
    const p = s.progress;
    return (
      <div data-testid="extract-status" data-state="running" data-stored={p.stored} aria-live="polite">
        <div class="progress">
          <progress aria-label={t('graph:extract.progressLabel')} max={p.docsTotal || 1} value={p.docsDone} />
          <span>{t('graph:extract.progress', { done: formatNumber(p.docsDone), total: formatNumber(p.docsTotal), stored: formatNumber(p.stored), count: p.triples, triples: formatNumber(p.triples), elapsed: formatDuration(s.elapsedMs) })}</span>
        </div>
        {p.current && (
          <p class="muted small">
            {t('graph:extract.current', { name: p.current.name, chunk: formatNumber(Math.min(p.current.chunksDone + 1, p.current.chunksTotal)), chunks: formatNumber(p.current.chunksTotal) })}
          </p>
        )}
      </div>
    );
  }
  if (s.state === 'failed') {
    return (
      <div data-testid="extract-status" data-state="failed" data-stored={s.stored}>
        <p class="error" role="alert">{say(s.message)}{s.stored > 0 && <> {t('graph:extract.failedKept', { count: s.stored })}</>}</p>
        <button type="button" class="secondary small" onClick={dismissExtraction}>{t('common:actions.dismiss')}</button>
      </div>
    );
  }
  if (s.state === 'done') {
    const r = s.summary;
    return (
      <div class="extract-summary" data-testid="extract-status" data-state={r.cancelled ? 'cancelled' : 'done'} data-stored={r.stored.length} aria-live="polite">
        <p>
          <strong>{t('graph:extract.stored', { count: r.stored.length, model: s.model, elapsed: formatDuration(s.elapsedMs) })}</strong>{' '}
          {t('graph:extract.added', { count: r.triples, triples: formatNumber(r.triples) })}{' '}
          {r.dropped > 0 && t('graph:extract.dropped', { count: r.dropped, lines: formatNumber(r.dropped) })}
        </p>
        {r.cancelled && <p class="notice">{t('graph:extract.cancelled')}</p>}
        {r.skipped.length > 0 && (
          <ul class="small">{r.skipped.map((x) => <li key={x.docId}>{t(skipKeys[x.reason], { name: x.name })}</li>)}</ul>
        )}
        <button type="button" class="secondary small" onClick={dismissExtraction}>{t('common:actions.dismiss')}</button>
      </div>
    );
  }
  return null;
}

export function GraphExtract({ services }: { services: Services }) {
  const model = selectedLlm.value;
  const form = extractionForm.value;
  const plan = extractionPlan.value;
  const docs = extractionCandidates.value;
  const s = extraction.value;
  const running = extractionRunning.value;
  const chunks = plan.todo.reduce((n, d) => n + d.chunkCount, 0);
  const blocked = !model || generating.value || !plan.todo.length;
  return (
    <section class="card" aria-labelledby="graph-extract-title">
      <h3 id="graph-extract-title">{t('graph:extract.title')}</h3>
      <p class="muted">{t('graph:extract.intro')}</p>
      <p data-testid="extract-model">{model ? t('graph:extract.model', { model: choiceLabel(model) }) : t('graph:extract.noModel')}</p>
      <div class="search-settings">
        <label>
          {t('graph:extract.scope')}{' '}
          <select value={extractionScope.value} disabled={running} onChange={(e) => updateExtractionForm({ scope: e.currentTarget.value })}>
            <option value="all">{t('graph:extract.scopeAll', { documents: formatNumber(docs.length) })}</option>
            {docs.map((d) => <option key={d.docId} value={d.docId}>{d.name}</option>)}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={form.redo} disabled={running} onChange={(e) => updateExtractionForm({ redo: e.currentTarget.checked })} /> {t('graph:extract.redo')}
        </label>
        <NumberField label={t('graph:extract.maxTokens')} value={form.maxTokens} min={8} max={1024} step={1} disabled={running} onChange={(v) => updateExtractionForm({ maxTokens: v })} />
      </div>
      {/* While it runs, the progress says what is left; the plan would count down under it. */}
      {!running && <p data-testid="extract-plan">
        {!docs.length
          ? t('graph:extract.noneSearchable')
          : plan.todo.length
            ? t('graph:extract.plan', { count: chunks, chunks: formatNumber(chunks), documents: t('graph:extract.documents', { count: plan.todo.length, n: formatNumber(plan.todo.length) }) })
            : t('graph:extract.nothing')}
        {plan.done.length > 0 && <> {t('graph:extract.alreadyRead', { count: plan.done.length, n: formatNumber(plan.done.length) })}</>}
      </p>}
      {generating.value && !running && <p class="notice">{t('graph:extract.chatBusy')}</p>}
      <div class="actions">
        <button type="button" disabled={blocked || running} onClick={() => void startExtraction(services)}>{t('graph:extract.start')}</button>
        {running && <button type="button" class="secondary" onClick={cancelExtraction}>{t('common:actions.cancel')}</button>}
      </div>
      <Status s={s} />
    </section>
  );
}
