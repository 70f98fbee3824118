import { evalModes, modeUsesFineTune, type EvalMode } from '../../../eval/types';
import { modeLabel } from '../eval-labels';
import { say, t } from '../../i18n/i18n';
import type { Services } from '../../actions';
import { baseChoices, fineTunedChoices, noFineTunedReason } from '../../chat/chat-state';
import { RetrievalModeSelect } from '../../components/retrieval-mode-select';
import { RerankSettings } from '../../components/rerank-settings';
import { SamplingFields } from '../../components/sampling-fields';
import { LlmSuggestion } from '../../components/llm-suggestion';
import { cancelRun, startRun } from '../eval-actions';
import { activeRun, evalNotice, qaSets, runForm, type RunForm } from '../eval-state';
import { LlmDownloadNotice } from '../../components/llm-download-notice';

const set = (patch: Partial<RunForm>) => (runForm.value = { ...runForm.value, ...patch });

function toggleMode(mode: EvalMode, on: boolean) {
  const modes = evalModes.filter((m) => (m === mode ? on : runForm.value.modes.includes(m)));
  set({ modes });
}

export function ActiveRunPanel() {
  const a = activeRun.value;
  if (!a) return null;
  const { done, total, current } = a.progress;
  return (
    <div class="progress run-progress" role="status">
      <progress aria-label={t('evaluate:progress.label')} max={total || 1} value={done} />
      <span>
        {t(a.resumed ? 'evaluate:progress.resumedAnswers' : 'evaluate:progress.answers', { done, total })}
        {current ? t('evaluate:progress.now', { mode: modeLabel(current.mode), item: current.itemId }) : ''}
        {a.loading ? ` · ${a.loading}` : ''}
      </span>
      <button type="button" class="secondary" onClick={cancelRun}>{t('evaluate:progress.cancel')}</button>
    </div>
  );
}

export function RunFormPanel({ services }: { services: Services }) {
  const f = runForm.value;
  const busy = !!activeRun.value;
  const base = f.baseModel ?? baseChoices.value.find((m) => !m.unavailable)?.id ?? null;
  const sets = qaSets.value;
  return (
    <section class="card" aria-labelledby="run-title">
      <h2 id="run-title">{t('evaluate:form.title')}</h2>
      <form class="run-form" onSubmit={(e) => {
        e.preventDefault();
        if (!f.baseModel && base) set({ baseModel: base });
        void startRun(services);
      }}>
        <div class="search-settings">
          <label>
            {t('evaluate:form.qaSet')}{' '}
            <select value={f.qaSetId} onChange={(e) => set({ qaSetId: e.currentTarget.value })} disabled={busy}>
              {!sets.length && <option value="">{t('evaluate:form.noSets')}</option>}
              {sets.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </label>
          <label>
            {t('evaluate:form.questions')}{' '}
            <select value={f.split} onChange={(e) => set({ split: e.currentTarget.value as RunForm['split'] })} disabled={busy}>
              <option value="test">{t('evaluate:form.testSplit')}</option>
              <option value="all">{t('evaluate:form.allSplits')}</option>
            </select>
          </label>
          <label>
            {t('evaluate:form.limit')}{' '}
            <input type="number" min={0} value={f.limit ?? 0} disabled={busy} onChange={(e) => set({ limit: e.currentTarget.valueAsNumber > 0 ? e.currentTarget.valueAsNumber : null })} />
          </label>
          <label class="grow">
            {t('evaluate:form.name')}{' '}
            <input type="text" value={f.name} placeholder={t('evaluate:form.namePlaceholder')} disabled={busy} onInput={(e) => set({ name: e.currentTarget.value })} />
          </label>
        </div>
        <fieldset>
          <legend>{t('evaluate:form.modes')}</legend>
          {evalModes.map((m) => {
            const reason = modeUsesFineTune(m) ? noFineTunedReason.value : null;
            return (
              <label class="check" key={m} title={reason ?? undefined}>
                <input type="checkbox" checked={f.modes.includes(m) && !reason} disabled={busy || !!reason} onChange={(e) => toggleMode(m, e.currentTarget.checked)} /> {modeLabel(m)}
              </label>
            );
          })}
          {noFineTunedReason.value && <p class="muted small" data-testid="ft-unavailable">{t('evaluate:form.ftUnavailable', { reason: noFineTunedReason.value })}</p>}
        </fieldset>
        <div class="search-settings">
          <label>
            {t('evaluate:form.baseModel')}{' '}
            <select value={base ?? ''} onChange={(e) => set({ baseModel: e.currentTarget.value })} disabled={busy}>
              {baseChoices.value.map((m) => <option key={m.id} value={m.id} disabled={!!m.unavailable}>{m.label}</option>)}
            </select>
          </label>
          <label>
            {t('evaluate:form.fineTunedModel')}{' '}
            <select value={f.fineTunedModel ?? ''} onChange={(e) => set({ fineTunedModel: e.currentTarget.value || null })} disabled={busy || !fineTunedChoices.value.length}>
              <option value="">{fineTunedChoices.value.length ? t('evaluate:form.choose') : t('evaluate:form.noneYet')}</option>
              {fineTunedChoices.value.map((m) => <option key={m.id} value={m.id} disabled={!!m.unavailable}>{m.label}</option>)}
            </select>
          </label>
          <RetrievalModeSelect label={t('evaluate:form.retrieval')} value={f.retrieval.mode} disabled={busy} onChange={(mode) => set({ retrieval: { ...f.retrieval, mode } })} />
          <label>
            {t('evaluate:form.topK')}{' '}
            <input type="number" min={1} max={20} value={f.retrieval.k} disabled={busy} onChange={(e) => {
              const k = e.currentTarget.valueAsNumber;
              if (k >= 1 && k <= 20) set({ retrieval: { ...f.retrieval, k } });
            }} />
          </label>
          <RerankSettings value={f.retrieval.rerank} disabled={busy} onChange={(rerank) => {
            const { rerank: _old, ...rest } = f.retrieval;
            set({ retrieval: rerank ? { ...rest, rerank } : rest });
          }} />
        </div>
        <LlmSuggestion kind="qa-set" text={sets.find((s) => s.id === f.qaSetId)?.items.map((i) => i.question).join('\n') ?? ''}
          choices={baseChoices.value} currentId={base} onUse={(id) => set({ baseModel: id })} disabled={busy} />
        <SamplingFields value={f} onChange={(v) => set(v)} disabled={busy} />
        <div class="actions">
          <button type="submit" disabled={busy || !sets.length || !base}>{t('evaluate:form.start')}</button>
        </div>
      </form>
      {evalNotice.value && <p class={evalNotice.value.kind === 'error' ? 'error' : 'notice'} role="alert">{say(evalNotice.value.text)}</p>}
      <LlmDownloadNotice view="evaluate" />
      <ActiveRunPanel />
    </section>
  );
}
